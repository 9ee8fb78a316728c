package io.trawl.billing.ledger;

import io.trawl.billing.PricingPolicy;
import io.trawl.billing.QueryOutcome;
import io.trawl.billing.StatementType;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A usage record as an Apache Avro container file holding that one record, and the table shape SQL reads it
 * with ({@code system.billing.usage}).
 *
 * <p>Column types are chosen to round-trip exactly through Hive's Avro mapping (which the scan path applies):
 * text as {@code string}, byte counts as {@code long} (bigint), the cost as {@code decimal(38,10)} (Avro bytes
 * with the decimal logical type, the same scale as {@link PricingPolicy#COST_SCALE}), start and end as
 * {@code timestamp-millis} (timestamp; each file says {@code writer.time.zone=UTC}, so readers show UTC wall time
 * whatever their own zone), and the record's day as {@code date}.
 */
public final class UsageRecordFormat
{
    /** A column of the usage table: its name and Hive type. */
    public record UsageColumn(String name, String hiveType)
    {
        public UsageColumn
        {
            requireNonNull(name, "name is null");
            requireNonNull(hiveType, "hiveType is null");
        }
    }

    public static final List<UsageColumn> COLUMNS = List.of(
            new UsageColumn("query_id", "string"),
            new UsageColumn("workgroup", "string"),
            new UsageColumn("principal", "string"),
            new UsageColumn("statement_type", "string"),
            new UsageColumn("outcome", "string"),
            new UsageColumn("bytes_scanned", "bigint"),
            new UsageColumn("billed_bytes", "bigint"),
            new UsageColumn("cost", "decimal(38," + PricingPolicy.COST_SCALE + ")"),
            new UsageColumn("currency", "string"),
            new UsageColumn("price_version", "string"),
            new UsageColumn("start_time", "timestamp"),
            new UsageColumn("end_time", "timestamp"),
            new UsageColumn("usage_date", "date"));

    private static final Schema COST = LogicalTypes.decimal(38, PricingPolicy.COST_SCALE).addToSchema(Schema.create(Schema.Type.BYTES));
    private static final Schema TIMESTAMP = LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG));
    private static final Schema DATE = LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT));

    /** The schema every record is written with. Changes must stay resolvable against older files (add fields with defaults). */
    public static final Schema SCHEMA = SchemaBuilder.record("usage").namespace("io.trawl.billing").fields()
            .requiredString("query_id")
            .requiredString("workgroup")
            .requiredString("principal")
            .requiredString("statement_type")
            .requiredString("outcome")
            .requiredLong("bytes_scanned")
            .requiredLong("billed_bytes")
            .name("cost").type(COST).noDefault()
            .requiredString("currency")
            .requiredString("price_version")
            .name("start_time").type(TIMESTAMP).noDefault()
            .name("end_time").type(TIMESTAMP).noDefault()
            .name("usage_date").type(DATE).noDefault()
            .endRecord();

    /** Hive's file metadata key for the zone timestamps were written in (AvroHiveConstants.WRITER_TIME_ZONE). */
    public static final String WRITER_TIME_ZONE = "writer.time.zone";

    private static final Conversions.DecimalConversion DECIMALS = new Conversions.DecimalConversion();

    private UsageRecordFormat() {}

    public static byte[] encode(UsageRecord usage)
    {
        requireNonNull(usage, "usage is null");
        GenericRecord record = new GenericData.Record(SCHEMA);
        record.put("query_id", usage.queryId());
        record.put("workgroup", usage.workGroup());
        record.put("principal", usage.principal());
        record.put("statement_type", usage.statementType().name());
        record.put("outcome", usage.outcome().name());
        record.put("bytes_scanned", usage.bytesScanned());
        record.put("billed_bytes", usage.billedBytes());
        record.put("cost", DECIMALS.toBytes(usage.cost(), COST, COST.getLogicalType()));
        record.put("currency", usage.currency());
        record.put("price_version", usage.priceVersion());
        record.put("start_time", usage.startTime().toEpochMilli());
        record.put("end_time", usage.endTime().toEpochMilli());
        record.put("usage_date", Math.toIntExact(usage.usageDate().toEpochDay()));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
        try (DataFileWriter<GenericRecord> writer = new DataFileWriter<>(new GenericDatumWriter<>(SCHEMA))) {
            // Hive (and trino-hive-formats) read timestamp-millis as wall time in the file's writer.time.zone, and
            // without it in the reader's own zone: say UTC so start_time reads back as the UTC instant it is
            writer.setMeta(WRITER_TIME_ZONE, "UTC");
            writer.create(SCHEMA, bytes);
            writer.append(record);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot encode the usage record of query " + usage.queryId(), e);
        }
        return bytes.toByteArray();
    }

    /**
     * The records of an Avro container file written by {@link #encode} (or by an older version of this schema).
     *
     * @throws IOException when the bytes are not such a file
     */
    public static List<UsageRecord> decode(byte[] content)
            throws IOException
    {
        requireNonNull(content, "content is null");
        List<UsageRecord> records = new ArrayList<>(1);
        try (DataFileStream<GenericRecord> stream = new DataFileStream<>(new ByteArrayInputStream(content), new GenericDatumReader<>(null, SCHEMA))) {
            for (GenericRecord record : stream) {
                records.add(toUsage(record));
            }
        }
        catch (AvroRuntimeException | IllegalArgumentException e) {
            throw new IOException("not a usage record file: " + e.getMessage(), e);
        }
        return List.copyOf(records);
    }

    private static UsageRecord toUsage(GenericRecord record)
    {
        BigDecimal cost = DECIMALS.fromBytes((ByteBuffer) record.get("cost"), COST, COST.getLogicalType());
        return new UsageRecord(
                text(record, "query_id"),
                text(record, "workgroup"),
                text(record, "principal"),
                StatementType.valueOf(text(record, "statement_type")),
                QueryOutcome.valueOf(text(record, "outcome")),
                (Long) record.get("bytes_scanned"),
                (Long) record.get("billed_bytes"),
                cost,
                text(record, "currency"),
                text(record, "price_version"),
                Instant.ofEpochMilli((Long) record.get("start_time")),
                Instant.ofEpochMilli((Long) record.get("end_time")));
    }

    private static String text(GenericRecord record, String field)
    {
        return record.get(field).toString();
    }
}
