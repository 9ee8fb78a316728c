package io.trawl.engine.execution;

import io.trawl.catalog.Column;
import io.trawl.catalog.Partition;
import io.trawl.catalog.SerDeInfo;
import io.trawl.catalog.StorageDescriptor;
import io.trawl.catalog.Table;
import io.trawl.error.TrawlException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.DateType.DATE;
import static io.trino.spi.type.DecimalType.createDecimalType;
import static io.trino.spi.type.DoubleType.DOUBLE;
import static io.trino.spi.type.IntegerType.INTEGER;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static io.trino.spi.type.VarcharType.createVarcharType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PartitionSchemasTest
{
    @Test
    void widensLikeHiveAndNothingElse()
    {
        assertThat(PartitionSchemas.coercible(INTEGER, BIGINT)).isTrue();
        assertThat(PartitionSchemas.coercible(BIGINT, INTEGER)).as("narrowing").isFalse();
        assertThat(PartitionSchemas.coercible(INTEGER, DOUBLE)).isTrue();
        assertThat(PartitionSchemas.coercible(createDecimalType(10, 2), createDecimalType(12, 3))).isTrue();
        assertThat(PartitionSchemas.coercible(createDecimalType(10, 2), createDecimalType(10, 3))).as("loses an integer digit").isFalse();
        assertThat(PartitionSchemas.coercible(createVarcharType(5), VARCHAR)).isTrue();
        assertThat(PartitionSchemas.coercible(VARCHAR, DATE)).isFalse();
        assertThat(PartitionSchemas.coercible(DATE, VARCHAR)).isFalse();
    }

    @Test
    void textPartitionsAreMatchedByPositionSelfDescribingOnesByName()
    {
        List<Column> partitionColumns = List.of(new Column("a", "int"), new Column("b", "string"));
        List<Column> renamed = List.of(new Column("x", "bigint"), new Column("y", "string"));
        PartitionSchemas.check(table(SerDeInfo.LAZY_SIMPLE_SERDE, renamed), partition(partitionColumns));
        assertThatThrownBy(() -> PartitionSchemas.check(table(SerDeInfo.LAZY_SIMPLE_SERDE, List.of(new Column("b", "string"), new Column("a", "int"))), partition(partitionColumns)))
                .as("by position, b (string) now sits where the partition has a (int)")
                .isInstanceOf(TrawlException.class).hasMessageContaining("HIVE_PARTITION_SCHEMA_MISMATCH");
        PartitionSchemas.check(table(SerDeInfo.PARQUET_SERDE, List.of(new Column("b", "string"), new Column("a", "bigint"))), partition(partitionColumns));
    }

    private static Table table(String serde, List<Column> columns)
    {
        StorageDescriptor descriptor = new StorageDescriptor(columns, "file:///t/", "in", "out", new SerDeInfo(serde, Map.of()), false);
        return new Table("db", "t", "me", Table.EXTERNAL_TABLE, Map.of(), descriptor, List.of(new Column("dt", "string")), Optional.empty(), 1);
    }

    private static Partition partition(List<Column> columns)
    {
        StorageDescriptor descriptor = new StorageDescriptor(columns, "file:///t/dt=1/", "in", "out", new SerDeInfo(SerDeInfo.LAZY_SIMPLE_SERDE, Map.of()), false);
        return new Partition("db", "t", List.of("1"), descriptor, Map.of());
    }
}
