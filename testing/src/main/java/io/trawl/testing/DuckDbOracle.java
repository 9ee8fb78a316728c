package io.trawl.testing;

import io.trawl.catalog.Column;
import io.trawl.catalog.SerDeInfo;
import io.trawl.catalog.StorageDescriptor;
import io.trawl.catalog.Table;
import io.trawl.engine.ResultColumn;
import io.trino.spi.type.BigintType;
import io.trino.spi.type.BooleanType;
import io.trino.spi.type.DateType;
import io.trino.spi.type.DecimalType;
import io.trino.spi.type.DoubleType;
import io.trino.spi.type.IntegerType;
import io.trino.spi.type.RealType;
import io.trino.spi.type.SmallintType;
import io.trino.spi.type.TinyintType;
import io.trino.spi.type.Type;
import io.trino.spi.type.VarcharType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
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
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

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

    /** {@code name} reads the data files directly in {@code directory} as Parquet. */
    public void createParquetView(String name, Path directory)
    {
        execute("CREATE OR REPLACE VIEW %s AS SELECT * FROM read_parquet(%s)".formatted(
                quoteIdentifier(name), fileList(directory)));
    }

    /** {@code name} reads the data files directly in {@code directory}: comma-delimited, one header line, no quoting. */
    public void createCsvView(String name, Path directory, List<Column> columns)
    {
        createCsvView(name, directory, columns, CsvDialect.COMMA_WITH_HEADER);
    }

    /** {@code name} reads the data files directly in {@code directory} as delimited text with the given Hive-typed columns in file order. */
    public void createCsvView(String name, Path directory, List<Column> columns, CsvDialect dialect)
    {
        StringBuilder columnTypes = new StringBuilder();
        for (Column column : columns) {
            if (!columnTypes.isEmpty()) {
                columnTypes.append(", ");
            }
            columnTypes.append(quoteLiteral(column.name())).append(": ").append(quoteLiteral(duckDbType(column.type())));
        }
        execute("CREATE OR REPLACE VIEW %s AS SELECT * FROM read_csv(%s, header = false, skip = %d, delim = %s, quote = %s, escape = %s, auto_detect = false, columns = {%s})".formatted(
                quoteIdentifier(name),
                fileList(directory),
                dialect.headerLines(),
                quoteLiteral(String.valueOf(dialect.delimiter())),
                quoteLiteral(dialect.quote().map(String::valueOf).orElse("")),
                quoteLiteral(dialect.escape().map(String::valueOf).orElse("")),
                columnTypes));
    }

    /** A view named after a catalog table, over its files: Parquet, or delimited text as its SerDe declares it. */
    public void createView(Table table)
    {
        StorageDescriptor storage = table.storageDescriptor();
        Path directory = Path.of(URI.create(storage.location()));
        if (storage.inputFormat().equals(StorageDescriptor.PARQUET_INPUT_FORMAT)) {
            createParquetView(table.name(), directory);
            return;
        }
        createCsvView(table.name(), directory, table.allColumns(), dialectOf(table));
    }

    public List<List<Object>> query(String sql)
    {
        return run(sql).rows();
    }

    /** The rows and, for each column, the Trino type equivalent to the DuckDB type of the answer. */
    public OracleResult run(String sql)
    {
        try (Statement statement = connection.createStatement();
                ResultSet resultSet = statement.executeQuery(sql)) {
            ResultSetMetaData metadata = resultSet.getMetaData();
            int columnCount = metadata.getColumnCount();
            List<ResultColumn> columns = new ArrayList<>(columnCount);
            for (int column = 1; column <= columnCount; column++) {
                columns.add(new ResultColumn(metadata.getColumnLabel(column), trinoType(metadata.getColumnTypeName(column))));
            }
            List<List<Object>> rows = new ArrayList<>();
            while (resultSet.next()) {
                List<Object> row = new ArrayList<>(columnCount);
                for (int column = 1; column <= columnCount; column++) {
                    row.add(toJavaValue(resultSet.getObject(column)));
                }
                rows.add(row);
            }
            return new OracleResult(columns, rows);
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

    static Type trinoType(String duckDbType)
    {
        String type = duckDbType.strip().toUpperCase(Locale.ROOT);
        Matcher decimal = DECIMAL_TYPE.matcher(type.toLowerCase(Locale.ROOT));
        if (decimal.matches()) {
            return DecimalType.createDecimalType(Integer.parseInt(decimal.group(1)), Integer.parseInt(decimal.group(2)));
        }
        return switch (type) {
            case "BIGINT", "UBIGINT" -> BigintType.BIGINT;
            case "INTEGER", "UINTEGER" -> IntegerType.INTEGER;
            case "SMALLINT", "USMALLINT" -> SmallintType.SMALLINT;
            case "TINYINT", "UTINYINT" -> TinyintType.TINYINT;
            case "HUGEINT", "UHUGEINT" -> DecimalType.createDecimalType(38, 0);
            case "DOUBLE" -> DoubleType.DOUBLE;
            case "FLOAT" -> RealType.REAL;
            case "BOOLEAN" -> BooleanType.BOOLEAN;
            case "DATE" -> DateType.DATE;
            case "VARCHAR" -> VarcharType.VARCHAR;
            default -> throw new IllegalArgumentException("no Trino type for DuckDB type: " + duckDbType);
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

    private static CsvDialect dialectOf(Table table)
    {
        SerDeInfo serde = table.storageDescriptor().serdeInfo();
        Map<String, String> parameters = serde.parameters();
        int headerLines = Integer.parseInt(table.parameters().getOrDefault("skip.header.line.count", "0"));
        if (serde.serializationLibrary().equals(SerDeInfo.OPEN_CSV_SERDE)) {
            return new CsvDialect(
                    firstCharacter(parameters.get("separatorChar"), ','),
                    Optional.of(firstCharacter(parameters.get("quoteChar"), '"')),
                    Optional.of(firstCharacter(parameters.get("escapeChar"), '\\')),
                    headerLines);
        }
        // LazySimpleSerDe: Hive's default delimiter is \001; escaping, when declared, has no DuckDB equivalent
        return new CsvDialect(
                firstCharacter(parameters.getOrDefault("field.delim", parameters.get("serialization.format")), (char) 1),
                Optional.empty(),
                Optional.empty(),
                headerLines);
    }

    private static char firstCharacter(String value, char otherwise)
    {
        return value == null || value.isEmpty() ? otherwise : value.charAt(0);
    }

    /**
     * The table's data files, as a DuckDB list literal. Like Trawl's scan, it skips files whose name starts
     * with {@code _} or {@code .} and empty files.
     */
    private static String fileList(Path directory)
    {
        try (Stream<Path> entries = Files.list(directory.toAbsolutePath())) {
            List<String> files = entries
                    .filter(Files::isRegularFile)
                    .filter(path -> !path.getFileName().toString().startsWith("_") && !path.getFileName().toString().startsWith("."))
                    .filter(path -> size(path) > 0)
                    .map(path -> quoteLiteral(path.toString()))
                    .sorted()
                    .toList();
            if (files.isEmpty()) {
                throw new IllegalArgumentException("no data files in " + directory);
            }
            return "[" + String.join(", ", files) + "]";
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
    }

    private static long size(Path file)
    {
        try {
            return Files.size(file);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
