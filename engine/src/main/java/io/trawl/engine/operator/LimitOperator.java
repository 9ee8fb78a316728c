package io.trawl.engine.operator;

import io.trino.spi.Page;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

/**
 * Skips the first {@code offset} rows and then passes at most {@code limit} rows. Once the limit is
 * reached it stops pulling its source, so a LIMIT over a scan reads no more than it must.
 */
public final class LimitOperator
        implements Operator
{
    private final Operator source;
    private long remainingOffset;
    private long remainingLimit;

    /**
     * @param offset rows to skip first (OFFSET), 0 for none
     * @param limit rows to emit after the offset; {@code Long.MAX_VALUE} for OFFSET without LIMIT
     */
    public LimitOperator(Operator source, long offset, long limit)
    {
        checkArgument(offset >= 0, "offset is negative");
        checkArgument(limit >= 0, "limit is negative");
        this.source = requireNonNull(source, "source is null");
        this.remainingOffset = offset;
        this.remainingLimit = limit;
    }

    @Override
    public Page next()
    {
        while (remainingLimit > 0) {
            Page page = source.next();
            if (page == null) {
                return null;
            }
            int count = page.getPositionCount();
            if (remainingOffset >= count) {
                remainingOffset -= count;
                continue;
            }
            int start = (int) remainingOffset;
            remainingOffset = 0;
            int length = (int) Math.min(count - start, remainingLimit);
            remainingLimit -= length;
            if (start == 0 && length == count) {
                return page;
            }
            return page.getRegion(start, length);
        }
        return null;
    }

    @Override
    public void close()
    {
        source.close();
    }
}
