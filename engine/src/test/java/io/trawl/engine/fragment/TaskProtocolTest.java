package io.trawl.engine.fragment;

import io.airlift.slice.Slices;
import io.trawl.catalog.Column;
import io.trawl.catalog.SerDeInfo;
import io.trawl.catalog.StorageDescriptor;
import io.trawl.catalog.Table;
import io.trawl.engine.expression.Call;
import io.trawl.engine.expression.Constant;
import io.trawl.engine.expression.Function;
import io.trawl.engine.expression.Variable;
import io.trawl.engine.operator.aggregate.AggregateFunction;
import io.trawl.engine.plan.Aggregate;
import io.trawl.engine.plan.AggregationNode;
import io.trawl.engine.plan.FilterNode;
import io.trawl.engine.plan.Ordering;
import io.trawl.engine.plan.PlanNode;
import io.trawl.engine.plan.Symbol;
import io.trawl.engine.plan.TableScanNode;
import io.trawl.engine.plan.TopNNode;
import io.trawl.engine.scan.ScanSplit;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trino.spi.Page;
import io.trino.spi.block.Block;
import io.trino.spi.block.BlockBuilder;
import io.trino.spi.connector.SortOrder;
import io.trino.spi.predicate.Domain;
import io.trino.spi.predicate.Range;
import io.trino.spi.predicate.TupleDomain;
import io.trino.spi.predicate.ValueSet;
import io.trino.spi.type.ArrayType;
import io.trino.spi.type.DecimalType;
import io.trino.spi.type.Int128;
import io.trino.spi.type.MapType;
import io.trino.spi.type.RowType;
import io.trino.spi.type.Type;
import io.trino.spi.type.TypeOperators;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.BooleanType.BOOLEAN;
import static io.trino.spi.type.DateType.DATE;
import static io.trino.spi.type.DoubleType.DOUBLE;
import static io.trino.spi.type.TimestampType.TIMESTAMP_MILLIS;
import static io.trino.spi.type.VarbinaryType.VARBINARY;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static io.trino.spi.type.VarcharType.createVarcharType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TaskProtocolTest
{
    private static final DecimalType SHORT_DECIMAL = DecimalType.createDecimalType(12, 2);
    private static final DecimalType LONG_DECIMAL = DecimalType.createDecimalType(38, 4);

    private static Table table()
    {
        StorageDescriptor descriptor = new StorageDescriptor(
                List.of(new Column("l_orderkey", "bigint"), new Column("l_price", "decimal(12,2)"), new Column("l_comment", "string", Optional.of("free text"))),
                "s3://bucket/lineitem/", StorageDescriptor.PARQUET_INPUT_FORMAT, StorageDescriptor.PARQUET_OUTPUT_FORMAT, new SerDeInfo(SerDeInfo.PARQUET_SERDE, Map.of("k", "v")), false);
        return new Table("tpch", "lineitem", "me", Table.EXTERNAL_TABLE, Map.of("classification", "parquet"), descriptor, List.of(new Column("part", "int")), Optional.empty(), 3);
    }

    @Test
    void taskRoundTripsWithItsFragmentSplitsDomainAndConstants()
    {
        Symbol orderKey = new Symbol("l_orderkey", BIGINT);
        Symbol price = new Symbol("l_price", SHORT_DECIMAL);
        Symbol comment = new Symbol("l_comment", VARCHAR);
        TupleDomain<String> domain = TupleDomain.withColumnDomains(Map.of(
                "l_orderkey", Domain.create(ValueSet.ofRanges(Range.range(BIGINT, 1L, true, 100L, false), Range.greaterThan(BIGINT, 500L)), false),
                "l_comment", Domain.create(ValueSet.of(VARCHAR, Slices.utf8Slice("a\"b"), Slices.utf8Slice("é")), true),
                "l_price", Domain.singleValue(SHORT_DECIMAL, 1234L)));
        TableScanNode scan = new TableScanNode(table(), List.of(orderKey, price, comment), List.of("l_orderkey", "l_price", "l_comment"), domain);
        FilterNode filter = new FilterNode(scan, new Call(Function.AND, List.of(
                new Call(Function.LESS_THAN, List.of(new Variable(price), new Constant(1234L, SHORT_DECIMAL)), BOOLEAN),
                new Call(Function.IN, List.of(new Variable(comment), new Constant(Slices.utf8Slice("x"), VARCHAR), new Constant(null, VARCHAR)), BOOLEAN),
                new Call(Function.GREATER_THAN, List.of(new Call(Function.CAST, List.of(new Variable(price)), LONG_DECIMAL),
                        new Constant(Int128.valueOf(-123456789012345678L), LONG_DECIMAL)), BOOLEAN),
                new Call(Function.NOT_EQUAL, List.of(new Call(Function.CAST, List.of(new Variable(orderKey)), DOUBLE), new Constant(Double.NaN, DOUBLE)), BOOLEAN)), BOOLEAN));
        Symbol total = new Symbol("total", LONG_DECIMAL);
        AggregationNode partial = new AggregationNode(filter, List.of(orderKey),
                List.of(new Aggregate(total, AggregateFunction.SUM, Optional.of(price), false, Optional.empty())), AggregationNode.Step.PARTIAL);
        PlanNode fragment = new TopNNode(partial, 10, List.of(new Ordering(total, SortOrder.DESC_NULLS_LAST)));
        ScanTask task = new ScanTask("q-1", 7, 2, fragment,
                List.of(new ScanSplit("s3://bucket/lineitem/part=1/a.parquet", 4, 1000, 5000, 1_700_000_000_123L, Map.of("part", "1"))),
                Map.of("s3://bucket/lineitem/part=1/a.parquet", new byte[] {1, 2, 3}),
                new TaskLimits(1 << 20, 4 << 20, Optional.of("s3://meta/spill/")));

        ScanTask decoded = TaskCodec.decodeTask(TaskCodec.encodeTask(task));

        assertThat(decoded.queryId()).isEqualTo("q-1");
        assertThat(decoded.taskId()).isEqualTo(7);
        assertThat(decoded.attempt()).isEqualTo(2);
        assertThat(decoded.splits()).isEqualTo(task.splits());
        assertThat(decoded.limits()).isEqualTo(task.limits());
        assertThat(decoded.fileMetadata().get("s3://bucket/lineitem/part=1/a.parquet")).containsExactly(1, 2, 3);
        TopNNode topN = (TopNNode) decoded.fragment();
        AggregationNode decodedPartial = (AggregationNode) topN.source();
        FilterNode decodedFilter = (FilterNode) decodedPartial.source();
        TableScanNode decodedScan = (TableScanNode) decodedFilter.source();
        assertThat(topN.count()).isEqualTo(10);
        assertThat(topN.orderings()).isEqualTo(((TopNNode) fragment).orderings());
        assertThat(decodedPartial.groupingKeys()).isEqualTo(partial.groupingKeys());
        assertThat(decodedPartial.aggregates()).isEqualTo(partial.aggregates());
        assertThat(decodedPartial.step()).isEqualTo(AggregationNode.Step.PARTIAL);
        // the predicate holds NaN, which is not equal to itself: compare the printed expressions, which show every value and type
        assertThat(decodedFilter.predicate().toString()).isEqualTo(filter.predicate().toString());
        assertThat(decodedFilter.predicate().type()).isEqualTo(BOOLEAN);
        assertThat(decodedScan.outputs()).isEqualTo(scan.outputs());
        assertThat(decodedScan.columnNames()).isEqualTo(scan.columnNames());
        assertThat(decodedScan.domain()).isEqualTo(domain);
        assertThat(decodedScan.table()).isEqualTo(table());
    }

    @Test
    void typesRoundTripThroughTheirSignatures()
    {
        TypeOperators operators = new TypeOperators();
        List<Type> types = List.of(BIGINT, BOOLEAN, DOUBLE, DATE, VARBINARY, TIMESTAMP_MILLIS, VARCHAR, createVarcharType(25), SHORT_DECIMAL, LONG_DECIMAL,
                new ArrayType(VARCHAR), new MapType(VARCHAR, new ArrayType(BIGINT), operators),
                RowType.from(List.of(RowType.field("a \"quoted\" name", BIGINT), RowType.field("nested", RowType.anonymous(List.of(DOUBLE, VARCHAR))))));
        for (Type type : types) {
            assertThat(TypeCodec.parse(TypeCodec.signature(type))).as(TypeCodec.signature(type)).isEqualTo(type);
        }
    }

    @Test
    void pagesRoundTripInTrinosBlockEncodings()
    {
        MapType map = new MapType(VARCHAR, BIGINT, new TypeOperators());
        List<Type> types = List.of(BIGINT, VARCHAR, LONG_DECIMAL, DOUBLE, new ArrayType(VARCHAR), map);
        List<BlockBuilder> builders = types.stream().map(type -> type.createBlockBuilder(null, 1000)).toList();
        for (int row = 0; row < 1000; row++) {
            if (row % 7 == 0) {
                builders.forEach(BlockBuilder::appendNull);
                continue;
            }
            BIGINT.writeLong(builders.get(0), row * 31L);
            VARCHAR.writeSlice(builders.get(1), Slices.utf8Slice("comment number " + row));
            LONG_DECIMAL.writeObject(builders.get(2), Int128.valueOf(row * 1_000_000_000_000L));
            DOUBLE.writeDouble(builders.get(3), row / 3.0);
            BlockBuilder array = VARCHAR.createBlockBuilder(null, 2);
            VARCHAR.writeSlice(array, Slices.utf8Slice("x" + row));
            array.appendNull();
            types.get(4).writeObject(builders.get(4), array.build());
            int finalRow = row;
            ((io.trino.spi.block.MapBlockBuilder) builders.get(5)).buildEntry((keys, values) -> {
                VARCHAR.writeSlice(keys, Slices.utf8Slice("k" + finalRow));
                BIGINT.writeLong(values, finalRow);
            });
        }
        Page page = new Page(builders.stream().map(BlockBuilder::build).toArray(Block[]::new));
        Page small = new Page(longBlock(42));

        List<Page> decoded = PageCodec.decode(PageCodec.encode(List.of(page, small)), "test");

        assertThat(decoded).hasSize(2);
        assertThat(rows(decoded.get(0), types)).isEqualTo(rows(page, types));
        assertThat(rows(decoded.get(1), List.of(BIGINT))).containsExactly(List.of(42L));
    }

    @Test
    void corruptPagesNameTheSourceAndOffset()
    {
        byte[] encoded = PageCodec.encode(List.of(new Page(longBlock(42))));
        byte[] truncated = java.util.Arrays.copyOf(encoded, encoded.length - 3);

        assertThatThrownBy(() -> PageCodec.decode(truncated, "task q/1.0"))
                .isInstanceOf(TrawlException.class)
                .hasMessageStartingWith("Corrupt task result from task q/1.0 at offset");
        assertThatThrownBy(() -> PageCodec.decode("garbage".getBytes(), "task q/1.0"))
                .hasMessage("Corrupt task result from task q/1.0 at offset 0: not a Trawl page stream");
    }

    @Test
    void envelopesCarryResultsSpillsAndFailures()
    {
        TaskMetrics metrics = new TaskMetrics(100, 10, 2, 50, 7, 9, false);
        byte[] pages = PageCodec.encode(List.of());

        assertThat(TaskCodec.decodeEnvelope(TaskCodec.encodeEnvelope(new TaskCodec.Inline(1, 0, metrics, pages)), "t"))
                .isInstanceOfSatisfying(TaskCodec.Inline.class, inline -> {
                    assertThat(inline.metrics()).isEqualTo(metrics);
                    assertThat(inline.pages()).isEqualTo(pages);
                });
        assertThat(TaskCodec.decodeEnvelope(TaskCodec.encodeEnvelope(new TaskCodec.Spilled(1, 1, metrics, "s3://b/spill/q/1.1.pages")), "t"))
                .isEqualTo(new TaskCodec.Spilled(1, 1, metrics, "s3://b/spill/q/1.1.pages"));
        assertThat(TaskCodec.decodeEnvelope(TaskCodec.encodeEnvelope(new TaskCodec.Failed(1, 0, ErrorCode.BAD_DATA, "Corrupt file s3://b/x at 42")), "t"))
                .isEqualTo(new TaskCodec.Failed(1, 0, ErrorCode.BAD_DATA, "Corrupt file s3://b/x at 42"));
        assertThatThrownBy(() -> TaskCodec.decodeEnvelope("{\"version\":9}".getBytes(), "scan task q/1.0"))
                .hasMessage("result of scan task q/1.0 has protocol version 9; this build speaks version 1");
        assertThatThrownBy(() -> TaskCodec.decodeEnvelope("<html>".getBytes(), "scan task q/1.0"))
                .isInstanceOf(TrawlException.class)
                .hasMessageStartingWith("Malformed result of scan task q/1.0");
    }

    private static Block longBlock(long value)
    {
        BlockBuilder builder = BIGINT.createBlockBuilder(null, 1);
        BIGINT.writeLong(builder, value);
        return builder.build();
    }

    private static List<List<Object>> rows(Page page, List<Type> types)
    {
        List<List<Object>> rows = new ArrayList<>();
        for (int position = 0; position < page.getPositionCount(); position++) {
            List<Object> row = new ArrayList<>();
            for (int channel = 0; channel < types.size(); channel++) {
                row.add(types.get(channel).getObjectValue(page.getBlock(channel), position));
            }
            rows.add(row);
        }
        return rows;
    }
}
