package io.trawl.engine.operator;

import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trino.spi.Page;
import io.trino.spi.block.Block;
import io.trino.spi.block.RunLengthEncodedBlock;
import io.trino.spi.type.Type;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The input of a scalar subquery: exactly one row. No rows become one row of NULLs; a second row fails
 * the query with SUBQUERY_MULTIPLE_ROWS, as in Trino.
 */
public final class EnforceSingleRowOperator
        implements Operator
{
    private final Operator source;
    private final List<Type> types;
    private boolean finished;

    /** @param types the column types of the source */
    public EnforceSingleRowOperator(Operator source, List<Type> types)
    {
        this.source = requireNonNull(source, "source is null");
        this.types = List.copyOf(types);
    }

    @Override
    public Page next()
    {
        if (finished) {
            return null;
        }
        finished = true;
        Page single = null;
        for (Page page = source.next(); page != null; page = source.next()) {
            if (page.getPositionCount() == 0) {
                continue;
            }
            if (single != null || page.getPositionCount() > 1) {
                throw new TrawlException(ErrorCode.SUBQUERY_MULTIPLE_ROWS, "Scalar sub-query has returned multiple rows");
            }
            single = page;
        }
        if (single != null) {
            return single;
        }
        Block[] nulls = new Block[types.size()];
        for (int channel = 0; channel < nulls.length; channel++) {
            nulls[channel] = RunLengthEncodedBlock.create(types.get(channel), null, 1);
        }
        return new Page(1, nulls);
    }

    @Override
    public void close()
    {
        source.close();
    }
}
