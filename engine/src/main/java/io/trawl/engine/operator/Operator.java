package io.trawl.engine.operator;

import io.trino.spi.Page;

/**
 * A pull-based vectorized operator: each call returns the next batch of output rows as a Page (which may
 * have zero positions), or null when the operator is finished. Operators own their inputs and close them.
 */
public interface Operator
        extends AutoCloseable
{
    Page next();

    @Override
    default void close() {}
}
