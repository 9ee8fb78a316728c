package io.trawl.billing.ledger;

import io.trawl.billing.ByteUnit;
import io.trawl.billing.ChargingRules;
import io.trawl.billing.PricingPolicy;
import io.trawl.billing.QueryOutcome;
import io.trawl.billing.StatementType;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UsageRecordFormatTest
{
    @Test
    void recordRoundTripsExactlyThroughAnAvroContainerFile()
            throws IOException
    {
        PricingPolicy price = new PricingPolicy(new BigDecimal("6.25"), "EUR", ByteUnit.DECIMAL, "2027-01");
        UsageRecord record = UsageRecord.of("0f8fad5b-d9cb-469f-a165-70867728950e", "analysts", "bob", StatementType.DML, QueryOutcome.CANCELLED,
                ChargingRules.charge(StatementType.DML, QueryOutcome.CANCELLED, 123_456_789_012L, price),
                Instant.parse("2026-12-31T23:59:59.999Z"), Instant.parse("2027-01-01T00:00:02.5Z"));

        List<UsageRecord> decoded = UsageRecordFormat.decode(UsageRecordFormat.encode(record));

        assertThat(decoded).as("one record, equal to the one written").containsExactly(record);
        assertThat(decoded.getFirst().cost()).as("cost keeps its 10 decimals").isEqualTo(new BigDecimal("0.7716062500")); // 123,457 MB * 6.25 / 10^6 MB
        assertThat(decoded.getFirst().usageDate()).as("the day it started, UTC").isEqualTo(LocalDate.of(2026, 12, 31));
    }

    @Test
    void fileIsPlainAvroWithTheTableColumnsAsFields()
            throws IOException
    {
        UsageRecord record = UsageRecords.record("q1", "2026-12-05T10:15:30.123456Z", 42);
        try (DataFileStream<GenericRecord> stream = new DataFileStream<>(new ByteArrayInputStream(UsageRecordFormat.encode(record)), new GenericDatumReader<>())) {
            Schema schema = stream.getSchema();
            assertThat(schema.getFields().stream().map(Schema.Field::name).toList()).as("fields, in column order")
                    .isEqualTo(UsageRecordFormat.COLUMNS.stream().map(UsageRecordFormat.UsageColumn::name).toList());
            GenericRecord avro = stream.next();
            assertThat(avro.get("query_id").toString()).isEqualTo("q1");
            assertThat(avro.get("bytes_scanned")).isEqualTo(42L);
            assertThat(avro.get("billed_bytes")).isEqualTo(10L << 20);
            assertThat(avro.get("start_time")).as("timestamp-millis, the microseconds dropped").isEqualTo(Instant.parse("2026-12-05T10:15:30.123Z").toEpochMilli());
            assertThat(avro.get("usage_date")).as("date: days since the epoch").isEqualTo((int) LocalDate.of(2026, 12, 5).toEpochDay());
            assertThat(new BigDecimal(new java.math.BigInteger(((ByteBuffer) avro.get("cost")).array()), 10)).isEqualTo(new BigDecimal("0.0000476837"));
            assertThat(stream.hasNext()).as("one record per file").isFalse();
            assertThat(stream.getMetaString("writer.time.zone")).as("Hive readers show the timestamps as UTC wall time").isEqualTo("UTC");
        }
    }

    @Test
    void bytesThatAreNotAUsageFileAreAnIoError()
    {
        assertThatThrownBy(() -> UsageRecordFormat.decode("not avro".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class);
    }

    @Test
    void recordsRefuseIdsThatAreNotSafeFileNamesAndCostsThatDoNotFit()
    {
        assertThatThrownBy(() -> UsageRecords.record("../x", "2026-12-05T00:00:00Z", 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("query id");
        assertThatThrownBy(() -> UsageRecords.record("_hidden", "2026-12-05T00:00:00Z", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UsageRecord("q", "w", "p", StatementType.QUERY, QueryOutcome.SUCCEEDED, 0, 0, new BigDecimal("0.00000000001"), "USD", "v",
                Instant.EPOCH, Instant.EPOCH)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("decimals");
        assertThatThrownBy(() -> new UsageRecord("q", "w", "p", StatementType.QUERY, QueryOutcome.SUCCEEDED, 0, 0, BigDecimal.ZERO, "USD", "v",
                Instant.EPOCH.plusSeconds(1), Instant.EPOCH)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("before it starts");
    }
}
