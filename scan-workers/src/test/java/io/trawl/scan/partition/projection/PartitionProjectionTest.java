package io.trawl.scan.partition.projection;

import io.airlift.slice.Slices;
import io.trawl.catalog.Column;
import io.trawl.catalog.SerDeInfo;
import io.trawl.catalog.StorageDescriptor;
import io.trawl.catalog.Table;
import io.trawl.error.TrawlException;
import io.trino.spi.predicate.Domain;
import io.trino.spi.predicate.TupleDomain;
import io.trino.spi.type.BigintType;
import io.trino.spi.type.VarcharType;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Projected partitions computed from properties and domains alone, with NOW fixed at 2025-03-15T10:30Z. */
class PartitionProjectionTest
{
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-15T10:30:00Z"), ZoneOffset.UTC);

    @Test
    void nowMinusYearsWithDayFormatStartsAtMidnightAndEndsToday()
    {
        List<ProjectedPartition> partitions = projection(List.of(new Column("dt", "string")),
                Map.of("projection.dt.type", "date", "projection.dt.format", "yyyy-MM-dd", "projection.dt.range", "NOW-3YEARS,NOW"))
                .partitions(TupleDomain.all());
        assertThat(partitions).as("2022-03-15 .. 2025-03-15, one a day (2024 is a leap year)").hasSize(365 + 366 + 365 + 1);
        assertThat(partitions.getFirst().values()).isEqualTo(Map.of("dt", "2022-03-15"));
        assertThat(partitions.getFirst().location()).isEqualTo("file:///lake/t/dt=2022-03-15/");
        assertThat(partitions.getLast().values()).isEqualTo(Map.of("dt", "2025-03-15"));
    }

    @Test
    void monthFormatRangeFromFixedDateToNowPlusOneMonth()
    {
        List<ProjectedPartition> partitions = projection(List.of(new Column("ym", "string")),
                Map.of("projection.ym.type", "DATE ", "projection.ym.format", "yyyyMM", "projection.ym.range", "201801,NOW+1MONTH"))
                .partitions(TupleDomain.all());
        assertThat(partitions).as("201801 .. 202504, monthly by default at month precision").hasSize(7 * 12 + 4);
        assertThat(partitions.getLast().values()).isEqualTo(Map.of("ym", "202504"));
    }

    @Test
    void hourlyFormatNeedsAnExplicitIntervalAndSteps()
    {
        List<ProjectedPartition> partitions = projection(List.of(new Column("h", "string")),
                Map.of("projection.h.type", "date", "projection.h.format", "yyyy-MM-dd-HH", "projection.h.range", "NOW-1DAYS,NOW",
                        "projection.h.interval", "6", "projection.h.interval.unit", "hours"))
                .partitions(TupleDomain.all());
        assertThat(partitions).extracting(partition -> partition.values().get("h"))
                .containsExactly("2025-03-14-10", "2025-03-14-16", "2025-03-14-22", "2025-03-15-04", "2025-03-15-10");
    }

    @Test
    void integerDigitsMatchOnlyThePaddedSpellingOfAStringKey()
    {
        PartitionProjection projection = projection(List.of(new Column("month", "string")),
                Map.of("projection.month.type", "integer", "projection.month.range", "1,12", "projection.month.digits", "2"));
        assertThat(projection.partitions(varchar("month", "05", "5", "13", "x"))).extracting(ProjectedPartition::values)
                .containsExactly(Map.of("month", "05"));
    }

    @Test
    void defaultLayoutEscapesValuesAsHiveDoes()
    {
        PartitionProjection projection = projection(List.of(new Column("kind", "string")),
                Map.of("projection.kind.type", "enum", "projection.kind.values", "a b/c,plain"));
        List<ProjectedPartition> partitions = projection.partitions(TupleDomain.all());
        assertThat(partitions).extracting(partition -> URI.create(partition.location()).getPath())
                .as("the decoded path is the storage key: '/' escaped as Hive escapes it, white space kept")
                .containsExactly("/lake/t/kind=a b%2Fc/", "/lake/t/kind=plain/");
        assertThat(partitions.getFirst().values()).isEqualTo(Map.of("kind", "a b/c"));
    }

    @Test
    void productOfKeysOverTheCapFailsBeforeAnythingIsBuilt()
    {
        PartitionProjection projection = projection(List.of(new Column("a", "bigint"), new Column("b", "bigint")),
                Map.of("projection.a.type", "integer", "projection.a.range", "0,1000", "projection.b.type", "integer", "projection.b.range", "0,1000"));
        assertThatThrownBy(() -> projection.partitions(TupleDomain.all())).isInstanceOf(TrawlException.class).hasMessageContaining("more than 1,000,000 projected partitions");
        assertThat(projection.partitions(TupleDomain.withColumnDomains(Map.of("a", Domain.singleValue(BigintType.BIGINT, 7L))))).hasSize(1001);
    }

    @Test
    void tableWithoutProjectionEnabledHasNone()
    {
        assertThat(PartitionProjection.parse(table(List.of(new Column("a", "bigint")), Map.of("projection.enabled", "false", "projection.a.type", "bogus")), CLOCK)).isEmpty();
    }

    private static TupleDomain<String> varchar(String column, String... values)
    {
        List<Object> slices = java.util.Arrays.stream(values).map(value -> (Object) Slices.utf8Slice(value)).toList();
        return TupleDomain.withColumnDomains(Map.of(column, Domain.multipleValues(VarcharType.VARCHAR, slices)));
    }

    private static PartitionProjection projection(List<Column> keys, Map<String, String> properties)
    {
        Map<String, String> parameters = new HashMap<>(properties);
        parameters.put("projection.enabled", "true");
        return PartitionProjection.parse(table(keys, parameters), CLOCK).orElseThrow();
    }

    private static Table table(List<Column> keys, Map<String, String> parameters)
    {
        StorageDescriptor storage = new StorageDescriptor(List.of(new Column("id", "bigint")), "file:///lake/t", StorageDescriptor.PARQUET_INPUT_FORMAT,
                StorageDescriptor.PARQUET_OUTPUT_FORMAT, new SerDeInfo(SerDeInfo.PARQUET_SERDE, Map.of()), false);
        return new Table("default", "t", "tester", Table.EXTERNAL_TABLE, parameters, storage, keys, Optional.empty(), 0);
    }
}
