package io.trawl.engine.operator;

import io.trino.spi.Page;

/**
 * A compiled boolean expression over a page's channels. {@code result[i]} is true when row i passes;
 * a NULL result counts as not passing (SQL WHERE semantics).
 */
@FunctionalInterface
public interface PageFilter
{
    boolean[] filter(Page page);
}
