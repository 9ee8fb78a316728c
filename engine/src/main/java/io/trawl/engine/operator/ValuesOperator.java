package io.trawl.engine.operator;

import io.trino.spi.Page;

import java.util.Iterator;
import java.util.List;

/** Emits a fixed list of pages, in order. Used for VALUES and by tests as a source. */
public final class ValuesOperator
        implements Operator
{
    private final Iterator<Page> pages;

    /** @param pages the pages to emit, in order */
    public ValuesOperator(List<Page> pages)
    {
        this.pages = List.copyOf(pages).iterator();
    }

    @Override
    public Page next()
    {
        return pages.hasNext() ? pages.next() : null;
    }
}
