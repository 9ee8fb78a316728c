package io.trawl.engine.operator;

import io.trino.spi.Page;

import java.util.List;

/** UNION ALL: all pages of each source in turn. The sources must have the same column types. */
public final class UnionAllOperator
        implements Operator
{
    private final List<Operator> sources;
    private int current;

    public UnionAllOperator(List<Operator> sources)
    {
        this.sources = List.copyOf(sources);
    }

    @Override
    public Page next()
    {
        while (current < sources.size()) {
            Page page = sources.get(current).next();
            if (page != null) {
                return page;
            }
            current++;
        }
        return null;
    }

    @Override
    public void close()
    {
        RuntimeException failure = null;
        for (Operator source : sources) {
            try {
                source.close();
            }
            catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                }
                else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
