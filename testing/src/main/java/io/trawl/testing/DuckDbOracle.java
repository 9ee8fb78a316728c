package io.trawl.testing;

import io.trawl.catalog.Column;
import io.trawl.catalog.StorageDescriptor;
import io.trawl.catalog.Table;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * DuckDB, in memory, as the oracle for Trawl's answers: views over the same files Trawl reads, queries
 * answered as plain Java values (BigDecimal, Long, Double, String, LocalDate, Boolean, null) for
 * {@link ResultComparison}.
 *
 * <p>CSV views declare every column's type (translated from the Hive DDL) so that DuckDB does not guess:
 * a guessed type would make the oracle disagree with the table definition Trawl is held to.
 * Runs with two threads: the machines that run the tests have two cores.
 */
public final class DuckDbOracle
        implements AutoCloseable
{
    private static final Pattern DECIMAL_TYPE = Pattern.compile("decimal\\s*\\(\\s*(\\d+)\\s*,\\s*(\\d+)\\s*\\)");
    private static final Pattern VARCHAR_TYPE = Pattern.compile("(var)?char\\s*\\(\\s*\\d+\\s*\\)");

    private final Connection connection;

    private DuckDbOracle(Connection connection)
    {
        this.connection = requireNonNull(connection, "connection is null");
    }

    public static DuckDbOracle open()
    {
        try {
            Connection connection = DriverManager.getConnection("jdbc:duckdb:");
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET threads = 2");
            }
            return new DuckDbOracle(connection);
        }
        catch (SQLException e) {
            throw new IllegalStateException("cannot open an in-memory DuckDB", e);
        }
    }

    /** {@code name} reads every {@code *.parquet} file directly in {@code directory}. */
    public void createParquetView(String name, Path directory)
    {
        execute("CREATE OR REPLACE VIEW %s AS SELECT * FROM read_parquet(%s)".formatted(
                quoteIdentifier(name), quoteLiteral(directory.toAbsolutePath().resolve("*.parquet").toString())));
    }

    /**
     * {@code name} reads every {@code *.csv} file directly in {@code directory}: comma-delimited, one header
     * line, with the given Hive-typed columns in file order.
     */
    public void createCsvView(String name, Path directory, List<Column> columns)
    {
        StringBuilder columnTypes = new StringBuilder();
        for (Column column : columns) {
            if (!columnTypes.isEmpty()) {
                columnTypes.append(", ");
            }
            columnTypes.append(quoteLiteral(column.name())).append(": ").append(quoteLiteral(duckDbType(column.type())));
        }
        execute("CREATE OR REPLACE VIEW %s AS SELECT * FROM read_csv(%s, header = true, delim = ',', quote = '', escape = '', auto_detect = false, columns = {%s})".formatted(
                quoteIdentifier(name),
                quoteLiteral(directory.toAbsolutePath().resolve("*.csv").toString()),
                columnTypes));
    }

    /** A view named after a catalog table, over its files: Parquet, or comma-delimited text with a header. */
    public void createView(Table table)
    {
        StorageDescriptor storage = table.storageDescriptor();
        Path directory = Path.of(URI.create(storage.location()));
        if (storage.inputFormat().equals(StorageDescriptor.PARQUET_INPUT_FORMAT)) {
            createParquetView(table.name(), directory);
            return;
        }
        createCsvView(table.name(), directory, table.allColumns());
    }

    public List<List<Object>> query(String sql)
    {
        try (Statement statement = connection.createStatement();
                ResultSet resultSet = statement.executeQuery(sql)) {
            ResultSetMetaData metadata = resultSet.getMetaData();
            int columnCount = metadata.getColumnCount();
            List<List<Object>> rows = new ArrayList<>();
            while (resultSet.next()) {
                List<Object> row = new ArrayList<>(columnCount);
                for (int column = 1; column <= columnCount; column++) {
                    row.add(toJavaValue(resultSet.getObject(column)));
                }
                rows.add(row);
            }
            return rows;
        }
        catch (SQLException e) {
            throw new IllegalStateException("DuckDB failed to run: %s%n%s".formatted(e.getMessage(), sql), e);
        }
    }

    public void execute(String sql)
    {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
        catch (SQLException e) {
            throw new IllegalStateException("DuckDB failed to run: %s%n%s".formatted(e.getMessage(), sql), e);
        }
    }

    @Override
    public void close()
    {
        try {
            connection.close();
        }
        catch (SQLException e) {
            throw new IllegalStateException("cannot close DuckDB", e);
        }
    }

    /** Hive DDL type spelling to DuckDB's, for the types TPC-H and the tests use. */
    static String duckDbType(String hiveType)
    {
        String type = hiveType.strip().toLowerCase(Locale.ROOT);
        Matcher decimal = DECIMAL_TYPE.matcher(type);
        if (decimal.matches()) {
            return "DECIMAL(%s,%s)".formatted(decimal.group(1), decimal.group(2));
        }
        if (VARCHAR_TYPE.matcher(type).matches()) {
            return "VARCHAR";
        }
        return switch (type) {
            case "bigint" -> "BIGINT";
            case "int", "integer" -> "INTEGER";
            case "smallint" -> "SMALLINT";
            case "tinyint" -> "TINYINT";
            case "double" -> "DOUBLE";
            case "float", "real" -> "FLOAT";
            case "boolean" -> "BOOLEAN";
            case "date" -> "DATE";
            case "timestamp" -> "TIMESTAMP";
            case "string", "varchar" -> "VARCHAR";
            case "decimal" -> "DECIMAL(10,0)";
            default -> throw new IllegalArgumentException("no DuckDB type for Hive type: " + hiveType);
        };
    }

    private static Object toJavaValue(Object value)
    {
        return switch (value) {
            case null -> null;
            case Long longValue -> longValue;
            case Integer integer -> integer.longValue();
            case Short shortValue -> shortValue.longValue();
            case Byte byteValue -> byteValue.longValue();
            case BigInteger integer -> integer.bitLength() < 64 ? (Object) integer.longValue() : integer;
            case Float floatValue -> floatValue.doubleValue();
            case Double doubleValue -> doubleValue;
            case BigDecimal decimal -> decimal;
            case String string -> string;
            case Boolean bool -> bool;
            case LocalDate date -> date;
            case java.sql.Date date -> date.toLocalDate();
            default -> value;
        };
    }

    private static String quoteIdentifier(String name)
    {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    private static String quoteLiteral(String text)
    {
        return "'" + text.replace("'", "''") + "'";
    }
}
