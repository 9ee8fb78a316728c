package io.trawl.engine.analyzer;

import io.trino.spi.type.BigintType;
import io.trino.spi.type.CharType;
import io.trino.spi.type.DecimalType;
import io.trino.spi.type.DoubleType;
import io.trino.spi.type.IntegerType;
import io.trino.spi.type.RealType;
import io.trino.spi.type.SmallintType;
import io.trino.spi.type.TinyintType;
import io.trino.spi.type.Type;
import io.trino.spi.type.VarcharType;

import java.util.Optional;

import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.DoubleType.DOUBLE;
import static io.trino.spi.type.RealType.REAL;

/** Trino's implicit coercion rules: which types meet in a common super type, and what arithmetic yields. */
public final class TypeCoercion
{
    private TypeCoercion() {}

    public static boolean isUnknown(Type type)
    {
        return type.getBaseName().equals("unknown");
    }

    public static boolean isIntegral(Type type)
    {
        return type instanceof BigintType || type instanceof IntegerType || type instanceof SmallintType || type instanceof TinyintType;
    }

    public static boolean isNumeric(Type type)
    {
        return isIntegral(type) || type instanceof DecimalType || type instanceof DoubleType || type instanceof RealType;
    }

    public static boolean isText(Type type)
    {
        return type instanceof VarcharType || type instanceof CharType;
    }

    /** 1 tinyint, 2 smallint, 3 integer, 4 bigint; 0 for any other type. */
    public static int integralRank(Type type)
    {
        if (type instanceof TinyintType) {
            return 1;
        }
        if (type instanceof SmallintType) {
            return 2;
        }
        if (type instanceof IntegerType) {
            return 3;
        }
        return type instanceof BigintType ? 4 : 0;
    }

    /** The decimal type that holds every value of an integral type exactly. */
    public static DecimalType toDecimal(Type type)
    {
        if (type instanceof DecimalType decimal) {
            return decimal;
        }
        return switch (integralRank(type)) {
            case 1 -> DecimalType.createDecimalType(3, 0);
            case 2 -> DecimalType.createDecimalType(5, 0);
            case 3 -> DecimalType.createDecimalType(10, 0);
            default -> DecimalType.createDecimalType(19, 0);
        };
    }

    public static Optional<Type> commonSuperType(Type left, Type right)
    {
        if (left.equals(right)) {
            return Optional.of(left);
        }
        if (isUnknown(left)) {
            return Optional.of(right);
        }
        if (isUnknown(right)) {
            return Optional.of(left);
        }
        if (isIntegral(left) && isIntegral(right)) {
            return Optional.of(integralRank(left) >= integralRank(right) ? left : right);
        }
        if (isNumeric(left) && isNumeric(right)) {
            if (left instanceof DoubleType || right instanceof DoubleType) {
                return Optional.of(DOUBLE);
            }
            if (left instanceof RealType || right instanceof RealType) {
                return Optional.of(REAL);
            }
            DecimalType a = toDecimal(left);
            DecimalType b = toDecimal(right);
            int scale = Math.max(a.getScale(), b.getScale());
            int integerDigits = Math.max(a.getPrecision() - a.getScale(), b.getPrecision() - b.getScale());
            return Optional.of(DecimalType.createDecimalType(Math.min(38, integerDigits + scale), scale));
        }
        if (isText(left) && isText(right)) {
            if (left instanceof VarcharType a && right instanceof VarcharType b && !a.isUnbounded() && !b.isUnbounded()) {
                return Optional.of(VarcharType.createVarcharType(Math.max(a.getBoundedLength(), b.getBoundedLength())));
            }
            return Optional.of(VarcharType.VARCHAR);
        }
        return Optional.empty();
    }

    /** The result type of an arithmetic operator over two numeric types (before decimal-specific rules). */
    public static Optional<Type> arithmeticOperandType(Type left, Type right)
    {
        if (!isNumeric(left) && !isUnknown(left) || !isNumeric(right) && !isUnknown(right)) {
            return Optional.empty();
        }
        if (isUnknown(left) && isUnknown(right)) {
            return Optional.of(BIGINT);
        }
        return commonSuperType(left, right);
    }
}
