package io.trawl.engine.execution;

import io.trawl.engine.expression.CompiledExpression;
import io.trawl.engine.operator.Operator;
import io.trino.spi.Page;
import io.trino.spi.block.Block;

import java.util.List;
import java.util.Optional;

/** Filters rows by a predicate, then computes the output columns; either step may be absent. */
final class FilterProjectOperator
        implements Operator
{
    private final Operator source;
    private final PageProcessor processor;

    FilterProjectOperator(Operator source, PageProcessor processor)
    {
        this.source = source;
        this.processor = processor;
    }

    @Override
    public Page next()
    {
        while (true) {
            Page page = source.next();
            if (page == null) {
                return null;
            }
            Page result = processor.process(page);
            if (result.getPositionCount() > 0) {
                return result;
            }
        }
    }

    @Override
    public void close()
    {
        source.close();
    }

    /** The per-page work of a filter and projection, shared by the coordinator and scan tasks. */
    record PageProcessor(Optional<CompiledExpression> filter, List<CompiledExpression> projections)
    {
        Page process(Page page)
        {
            if (filter.isPresent()) {
                boolean[] selected = filter.get().filter(page);
                int count = 0;
                int[] positions = new int[page.getPositionCount()];
                for (int i = 0; i < selected.length; i++) {
                    if (selected[i]) {
                        positions[count++] = i;
                    }
                }
                if (count == 0) {
                    return new Page(0);
                }
                if (count < page.getPositionCount()) {
                    page = page.getPositions(positions, 0, count);
                }
            }
            Block[] blocks = new Block[projections.size()];
            for (int i = 0; i < blocks.length; i++) {
                blocks[i] = projections.get(i).evaluate(page);
            }
            return new Page(page.getPositionCount(), blocks);
        }
    }
}
