package io.trawl.engine.scan;

import io.trino.spi.Page;

/**
 * Pages of one split, holding exactly the requested columns in the requested order. A page source may
 * use the pushed-down predicate to skip data (row groups, pages) but never to change an answer: the
 * engine applies the full filter again.
 */
public interface PageSource
        extends AutoCloseable
{
    /** The next page, or null when the split is exhausted. */
    Page nextPage();

    @Override
    void close();
}
