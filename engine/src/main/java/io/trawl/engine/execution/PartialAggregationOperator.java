package io.trawl.engine.execution;

import io.trawl.engine.operator.HashAggregationOperator;
import io.trawl.engine.operator.MemoryBudget;
import io.trawl.engine.operator.Operator;
import io.trawl.engine.operator.ValuesOperator;
import io.trawl.engine.operator.aggregate.AggregateCall;
import io.trino.spi.Page;
import io.trino.spi.type.Type;

import java.util.ArrayList;
import java.util.List;

/**
 * The partial step of an aggregation inside a scan task: aggregates its input in chunks of a bounded
 * number of rows and emits each chunk's groups, so a task never holds more than one chunk's hash table
 * however many distinct groups its split has. The final step combines the chunks.
 */
final class PartialAggregationOperator
        implements Operator
{
    private static final int CHUNK_ROWS = 1 << 18;

    private final Operator source;
    private final List<Integer> groupChannels;
    private final List<Type> groupTypes;
    private final List<AggregateCall> aggregates;
    private final MemoryBudget memory;
    private Operator current;
    private boolean sourceFinished;

    PartialAggregationOperator(Operator source, List<Integer> groupChannels, List<Type> groupTypes, List<AggregateCall> aggregates, MemoryBudget memory)
    {
        this.source = source;
        this.groupChannels = List.copyOf(groupChannels);
        this.groupTypes = List.copyOf(groupTypes);
        this.aggregates = List.copyOf(aggregates);
        this.memory = memory;
    }

    @Override
    public Page next()
    {
        while (true) {
            if (current != null) {
                Page page = current.next();
                if (page != null) {
                    return page;
                }
                current.close();
                current = null;
            }
            if (sourceFinished) {
                return null;
            }
            List<Page> chunk = new ArrayList<>();
            long rows = 0;
            while (rows < CHUNK_ROWS) {
                Page page = source.next();
                if (page == null) {
                    sourceFinished = true;
                    break;
                }
                if (page.getPositionCount() > 0) {
                    chunk.add(page);
                    rows += page.getPositionCount();
                }
            }
            if (chunk.isEmpty() && !groupChannels.isEmpty()) {
                return null;
            }
            current = new HashAggregationOperator(new ValuesOperator(chunk), groupChannels, groupTypes, aggregates, memory);
        }
    }

    @Override
    public void close()
    {
        if (current != null) {
            current.close();
        }
        source.close();
    }
}
