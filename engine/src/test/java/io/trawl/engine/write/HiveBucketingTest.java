package io.trawl.engine.write;

import io.airlift.slice.Slices;
import io.trino.spi.Page;
import io.trino.spi.block.BlockBuilder;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static org.assertj.core.api.Assertions.assertThat;

/** Hive's bucketing v1: a string hashes as Java's String.hashCode does for ASCII, a bigint as Long.hashCode, columns as 31 * h + c. */
class HiveBucketingTest
{
    @Test
    void bucketsAsHiveDoes()
    {
        List<String> names = List.of("hello", "athena", "", "x=y");
        List<Long> ids = List.of(7L, -3L, 1L << 40, 0L);
        BlockBuilder nameBuilder = VARCHAR.createBlockBuilder(null, names.size());
        BlockBuilder idBuilder = BIGINT.createBlockBuilder(null, ids.size());
        for (int i = 0; i < names.size(); i++) {
            VARCHAR.writeSlice(nameBuilder, Slices.utf8Slice(names.get(i)));
            BIGINT.writeLong(idBuilder, ids.get(i));
        }
        Page page = new Page(idBuilder.build(), nameBuilder.build());

        HiveBucketing byName = new HiveBucketing(List.of(1), List.of(VARCHAR), 8);
        HiveBucketing byIdAndName = new HiveBucketing(List.of(0, 1), List.of(BIGINT, VARCHAR), 5);
        for (int position = 0; position < names.size(); position++) {
            assertThat(byName.bucket(page, position)).as(names.get(position)).isEqualTo((names.get(position).hashCode() & Integer.MAX_VALUE) % 8);
            int combined = 31 * Long.hashCode(ids.get(position)) + names.get(position).hashCode();
            assertThat(byIdAndName.bucket(page, position)).as("%s, %s", ids.get(position), names.get(position)).isEqualTo((combined & Integer.MAX_VALUE) % 5);
        }
        assertThat(HiveBucketing.fileNamePrefix(12)).isEqualTo("000012_0_");
    }
}
