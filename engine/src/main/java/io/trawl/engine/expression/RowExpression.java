package io.trawl.engine.expression;

import io.trino.spi.type.Type;

/**
 * A bound, typed scalar expression. Plans refer to values by {@link Variable}; execution compiles the
 * tree against a page layout. All type decisions (coercions, decimal precision/scale) are already made.
 */
public sealed interface RowExpression
        permits Variable, Constant, Call
{
    Type type();
}
