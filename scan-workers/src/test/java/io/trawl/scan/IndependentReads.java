package io.trawl.scan;

import io.trawl.catalog.Column;
import io.trino.spi.type.SqlDate;
import io.trino.spi.type.SqlDecimal;
import io.trino.spi.type.SqlTimestamp;
import io.trino.spi.type.SqlVarbinary;
import org.apache.avro.Conversions;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads written files with readers that share no code with Trawl's (DuckDB; Apache Avro's own generic reader), and
 * brings their values and Trawl's to one plain-Java form so rows compare with equals: every integer a Long,
 * decimals a BigDecimal without trailing zeros, dates LocalDate, timestamps LocalDateTime (UTC), binary hex text,
 * arrays Lists, maps Maps, structs Lists of their fields.
 */
final class IndependentReads
{
    private IndependentReads() {}

    /** The rows DuckDB reads from {@code source} (a table function call), one expression per column, in order. */
    static List<List<Object>> duckDb(String source, List<String> expressions)
    {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement()) {
            statement.execute("SET TimeZone = 'UTC'");
            try (ResultSet result = statement.executeQuery("SELECT %s FROM %s".formatted(String.join(", ", expressions), source))) {
                ResultSetMetaData metadata = result.getMetaData();
                List<List<Object>> rows = new ArrayList<>();
                while (result.next()) {
                    Object[] row = new Object[expressions.size()];
                    for (int column = 1; column <= expressions.size(); column++) {
                        row[column - 1] = duckDbValue(result, metadata, column);
                    }
                    rows.add(Arrays.asList(row));
                }
                return rows;
            }
        }
        catch (SQLException e) {
            throw new AssertionError("DuckDB could not read " + source + ": " + e.getMessage(), e);
        }
    }

    /** A one-row-per-line answer from DuckDB, e.g. a metadata function's. */
    static List<List<Object>> duckDbQuery(String query)
    {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(query)) {
            ResultSetMetaData metadata = result.getMetaData();
            List<List<Object>> rows = new ArrayList<>();
            while (result.next()) {
                Object[] row = new Object[metadata.getColumnCount()];
                for (int column = 1; column <= row.length; column++) {
                    row[column - 1] = duckDbValue(result, metadata, column);
                }
                rows.add(Arrays.asList(row));
            }
            return rows;
        }
        catch (SQLException e) {
            throw new AssertionError("DuckDB could not run " + query + ": " + e.getMessage(), e);
        }
    }

    private static Object duckDbValue(ResultSet result, ResultSetMetaData metadata, int column)
            throws SQLException
    {
        Object value = result.getObject(column);
        if (value == null) {
            return null;
        }
        return switch (metadata.getColumnType(column)) {
            case Types.DATE -> result.getObject(column, LocalDate.class);
            case Types.TIMESTAMP -> result.getObject(column, LocalDateTime.class);
            case Types.BLOB, Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY -> HexFormat.of().formatHex(result.getBytes(column));
            default -> plain(value);
        };
    }

    /** Every record of an Avro container file, each field converted by Avro's own logical type conversions. */
    static List<List<Object>> avro(Path file)
    {
        GenericData model = new GenericData();
        model.addLogicalTypeConversion(new Conversions.DecimalConversion());
        model.addLogicalTypeConversion(new TimeConversions.DateConversion());
        model.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        try (DataFileReader<GenericRecord> reader = new DataFileReader<>(file.toFile(), new GenericDatumReader<>(null, null, model))) {
            List<List<Object>> rows = new ArrayList<>();
            for (GenericRecord record : reader) {
                rows.add(recordFields(record));
            }
            return rows;
        }
        catch (IOException e) {
            throw new AssertionError("Apache Avro could not read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Avro's metadata entry {@code name} of a container file, e.g. {@code avro.codec}. */
    static String avroMetadata(Path file, String name)
    {
        try (DataFileReader<GenericRecord> reader = new DataFileReader<>(file.toFile(), new GenericDatumReader<>())) {
            return reader.getMetaString(name);
        }
        catch (IOException e) {
            throw new AssertionError("Apache Avro could not read " + file + ": " + e.getMessage(), e);
        }
    }

    private static List<Object> recordFields(GenericRecord record)
    {
        Object[] fields = new Object[record.getSchema().getFields().size()];
        for (int i = 0; i < fields.length; i++) {
            fields[i] = plain(record.get(i));
        }
        return Arrays.asList(fields);
    }

    /** Rows as Trawl's readers give them ({@code Type.getObjectValue}), in the plain form. */
    static List<List<Object>> plainRows(List<List<Object>> rows)
    {
        List<List<Object>> plainRows = new ArrayList<>();
        for (List<Object> row : rows) {
            plainRows.add(plainList(row));
        }
        return plainRows;
    }

    /** The rows with only the given columns, in that order. */
    static List<List<Object>> project(List<List<Object>> rows, List<Column> columns, List<Column> kept)
    {
        List<List<Object>> projected = new ArrayList<>();
        for (List<Object> row : rows) {
            List<Object> values = new ArrayList<>();
            for (Column column : kept) {
                values.add(row.get(columns.indexOf(column)));
            }
            projected.add(values);
        }
        return projected;
    }

    private static List<Object> plainList(List<?> values)
    {
        List<Object> plain = new ArrayList<>(values.size());
        for (Object value : values) {
            plain.add(plain(value));
        }
        return plain;
    }

    static Object plain(Object value)
    {
        return switch (value) {
            case null -> null;
            case Byte number -> number.longValue();
            case Short number -> number.longValue();
            case Integer number -> number.longValue();
            case Long number -> number;
            case java.math.BigInteger number -> number.longValueExact();
            case Float number -> number;
            case Double number -> number;
            case BigDecimal decimal -> decimal.stripTrailingZeros();
            case SqlDecimal decimal -> decimal.toBigDecimal().stripTrailingZeros();
            case SqlDate date -> LocalDate.ofEpochDay(date.getDays());
            case SqlTimestamp timestamp -> timestamp.toLocalDateTime();
            case LocalDate date -> date;
            case LocalDateTime timestamp -> timestamp;
            case Instant instant -> LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
            case SqlVarbinary binary -> HexFormat.of().formatHex(binary.getBytes());
            case byte[] bytes -> HexFormat.of().formatHex(bytes);
            case ByteBuffer buffer -> {
                byte[] bytes = new byte[buffer.remaining()];
                buffer.duplicate().get(bytes);
                yield HexFormat.of().formatHex(bytes);
            }
            case Boolean bool -> bool;
            case CharSequence text -> text.toString();
            case GenericRecord record -> recordFields(record);
            case java.sql.Array array -> {
                try {
                    yield plainList(Arrays.asList((Object[]) array.getArray()));
                }
                catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }
            case java.sql.Struct struct -> {
                try {
                    yield plainList(Arrays.asList(struct.getAttributes()));
                }
                catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }
            case List<?> list -> plainList(list);
            case Map<?, ?> map -> {
                Map<Object, Object> plain = new LinkedHashMap<>();
                map.forEach((key, entry) -> plain.put(plain(key), plain(entry)));
                yield plain;
            }
            default -> throw new IllegalArgumentException("no plain form for %s (%s)".formatted(value, value.getClass().getName()));
        };
    }
}
