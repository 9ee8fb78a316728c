package io.trawl.engine.expression;

import io.trino.spi.type.DecimalType;

/** Result types of decimal arithmetic, exposed to the analyzer. */
public final class DecimalTypes
{
    private DecimalTypes() {}

    public static DecimalType resultType(Function function, DecimalType left, DecimalType right)
    {
        return DecimalArithmetic.resultType(function, left, right);
    }
}
