package io.trawl.engine.expression;

import io.trino.spi.type.Type;

/** Which CASTs the evaluator implements; the analyzer rejects the others with a type error. */
public final class CastSupport
{
    private CastSupport() {}

    public static boolean isSupported(Type from, Type to)
    {
        return Casts.isSupported(from, to);
    }
}
