package io.trawl.trino;

import io.trawl.engine.scan.PageSource;
import io.trawl.error.TrawlException;
import io.trawl.scan.meter.CountingByteMeter;
import io.trino.spi.Page;
import io.trino.spi.connector.ConnectorPageSource;
import io.trino.spi.connector.SourcePage;

import java.util.OptionalLong;

import static java.util.Objects.requireNonNull;

/**
 * One split's Pages. Its completed bytes are what the split's meter counted, the bytes Trawl bills: Trino sums
 * them into the query's physical input bytes, which reach the coordinator's event listener from every worker.
 */
final class TrawlPageSource
        implements ConnectorPageSource
{
    private final PageSource pages;
    private final CountingByteMeter meter;
    private final boolean rowCountOnly;
    private long readTimeNanos;
    private long positions;
    private boolean finished;

    /** @param rowCountOnly Trino asked for no column: pages carry only their row counts */
    TrawlPageSource(PageSource pages, CountingByteMeter meter, boolean rowCountOnly)
    {
        this.pages = requireNonNull(pages, "pages is null");
        this.meter = requireNonNull(meter, "meter is null");
        this.rowCountOnly = rowCountOnly;
    }

    @Override
    public long getCompletedBytes()
    {
        return meter.bytes();
    }

    @Override
    public OptionalLong getCompletedPositions()
    {
        return OptionalLong.of(positions);
    }

    @Override
    public long getReadTimeNanos()
    {
        return readTimeNanos;
    }

    @Override
    public boolean isFinished()
    {
        return finished;
    }

    @Override
    public SourcePage getNextSourcePage()
    {
        if (finished) {
            return null;
        }
        long start = System.nanoTime();
        Page page;
        try {
            page = pages.nextPage();
        }
        catch (TrawlException e) {
            throw TrawlErrors.toTrino(e);
        }
        finally {
            readTimeNanos += System.nanoTime() - start;
        }
        if (page == null) {
            finished = true;
            return null;
        }
        positions += page.getPositionCount();
        return rowCountOnly ? SourcePage.create(page.getPositionCount()) : SourcePage.create(page);
    }

    @Override
    public void close()
    {
        finished = true;
        pages.close();
    }
}
