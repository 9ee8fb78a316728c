package io.trawl.engine.analyzer;

import io.trawl.engine.expression.Function;
import io.trawl.engine.expression.RowExpression;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trino.spi.type.DecimalType;
import io.trino.spi.type.Type;
import io.trino.sql.tree.Node;

import java.util.ArrayList;
import java.util.List;

import static io.trawl.engine.analyzer.Expressions.call;
import static io.trawl.engine.analyzer.Expressions.coerce;
import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.BooleanType.BOOLEAN;
import static io.trino.spi.type.DateType.DATE;
import static io.trino.spi.type.DoubleType.DOUBLE;
import static io.trino.spi.type.VarcharType.VARCHAR;

/** Resolves scalar function calls by name and argument types, with Trino's signatures. */
final class ScalarFunctions
{
    private ScalarFunctions() {}

    static RowExpression resolve(String name, List<RowExpression> arguments, Node node)
    {
        return switch (name) {
            case "substr", "substring" -> {
                arity(name, arguments, 2, 3, node);
                List<RowExpression> coerced = new ArrayList<>();
                coerced.add(text(arguments.get(0), name, node));
                for (int i = 1; i < arguments.size(); i++) {
                    coerced.add(integral(arguments.get(i), name, node));
                }
                yield call(Function.SUBSTRING, VARCHAR, coerced);
            }
            case "length", "char_length", "character_length" -> unary(Function.LENGTH, BIGINT, text(single(name, arguments, node), name, node));
            case "upper" -> unary(Function.UPPER, VARCHAR, text(single(name, arguments, node), name, node));
            case "lower" -> unary(Function.LOWER, VARCHAR, text(single(name, arguments, node), name, node));
            case "trim" -> unary(Function.TRIM, VARCHAR, text(single(name, arguments, node), name, node));
            case "ltrim" -> unary(Function.LTRIM, VARCHAR, text(single(name, arguments, node), name, node));
            case "rtrim" -> unary(Function.RTRIM, VARCHAR, text(single(name, arguments, node), name, node));
            case "reverse" -> unary(Function.REVERSE, VARCHAR, text(single(name, arguments, node), name, node));
            case "concat" -> {
                if (arguments.size() < 2) {
                    throw new TrawlException(ErrorCode.INVALID_ARGUMENT, Locations.prefix(node) + "There must be two or more concatenation arguments");
                }
                yield call(Function.CONCAT, VARCHAR, arguments.stream().map(argument -> text(argument, name, node)).toList());
            }
            case "replace" -> {
                arity(name, arguments, 2, 3, node);
                yield call(Function.REPLACE, VARCHAR, arguments.stream().map(argument -> text(argument, name, node)).toList());
            }
            case "strpos", "position" -> {
                arity(name, arguments, 2, 2, node);
                yield call(Function.STRPOS, BIGINT, text(arguments.get(0), name, node), text(arguments.get(1), name, node));
            }
            case "starts_with" -> {
                arity(name, arguments, 2, 2, node);
                yield call(Function.STARTS_WITH, BOOLEAN, text(arguments.get(0), name, node), text(arguments.get(1), name, node));
            }
            case "split_part" -> {
                arity(name, arguments, 3, 3, node);
                yield call(Function.SPLIT_PART, VARCHAR, text(arguments.get(0), name, node), text(arguments.get(1), name, node), integral(arguments.get(2), name, node));
            }
            case "lpad", "rpad" -> {
                arity(name, arguments, 3, 3, node);
                yield call(name.equals("lpad") ? Function.LPAD : Function.RPAD, VARCHAR, text(arguments.get(0), name, node), integral(arguments.get(1), name, node), text(arguments.get(2), name, node));
            }
            case "regexp_like" -> {
                arity(name, arguments, 2, 2, node);
                yield call(Function.REGEXP_LIKE, BOOLEAN, text(arguments.get(0), name, node), text(arguments.get(1), name, node));
            }
            case "year" -> unary(Function.YEAR, BIGINT, date(single(name, arguments, node), name, node));
            case "month" -> unary(Function.MONTH, BIGINT, date(single(name, arguments, node), name, node));
            case "day", "day_of_month" -> unary(Function.DAY, BIGINT, date(single(name, arguments, node), name, node));
            case "quarter" -> unary(Function.QUARTER, BIGINT, date(single(name, arguments, node), name, node));
            case "day_of_week", "dow" -> unary(Function.DAY_OF_WEEK, BIGINT, date(single(name, arguments, node), name, node));
            case "day_of_year", "doy" -> unary(Function.DAY_OF_YEAR, BIGINT, date(single(name, arguments, node), name, node));
            case "week", "week_of_year" -> unary(Function.WEEK, BIGINT, date(single(name, arguments, node), name, node));
            case "date_add" -> {
                arity(name, arguments, 3, 3, node);
                String unit = unit(arguments.get(0), name, node);
                RowExpression amount = integral(arguments.get(1), name, node);
                RowExpression date = date(arguments.get(2), name, node);
                yield switch (unit) {
                    case "day" -> call(Function.DATE_ADD_DAYS, DATE, date, amount);
                    case "week" -> call(Function.DATE_ADD_DAYS, DATE, date, call(Function.MULTIPLY, BIGINT, amount, new io.trawl.engine.expression.Constant(7L, BIGINT)));
                    case "month" -> call(Function.DATE_ADD_MONTHS, DATE, date, amount);
                    case "quarter" -> call(Function.DATE_ADD_MONTHS, DATE, date, call(Function.MULTIPLY, BIGINT, amount, new io.trawl.engine.expression.Constant(3L, BIGINT)));
                    case "year" -> call(Function.DATE_ADD_MONTHS, DATE, date, call(Function.MULTIPLY, BIGINT, amount, new io.trawl.engine.expression.Constant(12L, BIGINT)));
                    default -> throw new TrawlException(ErrorCode.INVALID_ARGUMENT, Locations.prefix(node) + "'" + unit + "' is not a valid DATE field");
                };
            }
            case "date_diff" -> {
                arity(name, arguments, 3, 3, node);
                yield call(Function.DATE_DIFF, BIGINT, text(arguments.get(0), name, node), date(arguments.get(1), name, node), date(arguments.get(2), name, node));
            }
            case "date_trunc" -> {
                arity(name, arguments, 2, 2, node);
                yield call(Function.DATE_TRUNC, DATE, text(arguments.get(0), name, node), date(arguments.get(1), name, node));
            }
            case "date" -> unary(Function.CAST, DATE, single(name, arguments, node));
            case "abs" -> unary(Function.ABS, numeric(single(name, arguments, node), name, node).type(), single(name, arguments, node));
            case "sign" -> {
                RowExpression value = numeric(single(name, arguments, node), name, node);
                yield unary(Function.SIGN, value.type() instanceof DecimalType ? BIGINT : value.type(), value);
            }
            case "round" -> {
                arity(name, arguments, 1, 2, node);
                RowExpression value = numeric(arguments.get(0), name, node);
                Type type = value.type();
                if (type instanceof DecimalType decimal && arguments.size() == 1) {
                    type = DecimalType.createDecimalType(Math.min(38, decimal.getPrecision() - decimal.getScale() + Math.min(decimal.getScale(), 1)), 0);
                }
                yield arguments.size() == 1 ? call(Function.ROUND, type, value) : call(Function.ROUND, type, value, integral(arguments.get(1), name, node));
            }
            case "floor", "ceil", "ceiling" -> {
                RowExpression value = numeric(single(name, arguments, node), name, node);
                Type type = value.type();
                if (type instanceof DecimalType decimal) {
                    type = DecimalType.createDecimalType(Math.min(38, decimal.getPrecision() - decimal.getScale() + Math.min(decimal.getScale(), 1)), 0);
                }
                yield unary(name.equals("floor") ? Function.FLOOR : Function.CEIL, type, value);
            }
            case "sqrt" -> unary(Function.SQRT, DOUBLE, coerce(numeric(single(name, arguments, node), name, node), DOUBLE));
            case "ln" -> unary(Function.LN, DOUBLE, coerce(numeric(single(name, arguments, node), name, node), DOUBLE));
            case "log10" -> unary(Function.LOG10, DOUBLE, coerce(numeric(single(name, arguments, node), name, node), DOUBLE));
            case "exp" -> unary(Function.EXP, DOUBLE, coerce(numeric(single(name, arguments, node), name, node), DOUBLE));
            case "power", "pow" -> {
                arity(name, arguments, 2, 2, node);
                yield call(Function.POWER, DOUBLE, coerce(numeric(arguments.get(0), name, node), DOUBLE), coerce(numeric(arguments.get(1), name, node), DOUBLE));
            }
            case "mod" -> {
                arity(name, arguments, 2, 2, node);
                yield ExpressionTranslator.arithmetic(Function.MODULUS, arguments.get(0), arguments.get(1), (io.trino.sql.tree.Expression) node);
            }
            case "greatest", "least" -> {
                if (arguments.isEmpty()) {
                    throw new TrawlException(ErrorCode.INVALID_ARGUMENT, Locations.prefix(node) + name + " needs at least one argument");
                }
                Type common = arguments.getFirst().type();
                for (RowExpression argument : arguments) {
                    Type current = common;
                    common = TypeCoercion.commonSuperType(common, argument.type()).orElseThrow(() -> Expressions.typeError(
                            Locations.prefix(node) + "Types %s and %s are not compatible".formatted(current.getDisplayName(), argument.type().getDisplayName())));
                }
                Type target = common;
                yield call(name.equals("greatest") ? Function.GREATEST : Function.LEAST, target, arguments.stream().map(argument -> coerce(argument, target)).toList());
            }
            case "random", "rand" -> call(Function.RANDOM, DOUBLE, List.of());
            case "cardinality" -> {
                RowExpression value = single(name, arguments, node);
                if (!(value.type() instanceof io.trino.spi.type.ArrayType) && !(value.type() instanceof io.trino.spi.type.MapType)) {
                    throw mismatch(name, "an array or a map", value, node);
                }
                yield call(Function.CARDINALITY, BIGINT, value);
            }
            case "element_at" -> {
                arity(name, arguments, 2, 2, node);
                RowExpression container = arguments.get(0);
                RowExpression key = arguments.get(1);
                if (container.type() instanceof io.trino.spi.type.ArrayType array) {
                    yield call(Function.ELEMENT_AT, array.getElementType(), container, integral(key, name, node));
                }
                if (container.type() instanceof io.trino.spi.type.MapType map) {
                    yield call(Function.ELEMENT_AT, map.getValueType(), container, coerce(key, map.getKeyType()));
                }
                throw mismatch(name, "an array or a map", container, node);
            }
            case "contains" -> {
                arity(name, arguments, 2, 2, node);
                if (!(arguments.get(0).type() instanceof io.trino.spi.type.ArrayType array)) {
                    throw mismatch(name, "an array", arguments.get(0), node);
                }
                Type element = TypeCoercion.commonSuperType(array.getElementType(), arguments.get(1).type()).orElseThrow(() -> mismatch(name, array.getElementType().getDisplayName(), arguments.get(1), node));
                if (!element.equals(array.getElementType())) {
                    throw mismatch(name, array.getElementType().getDisplayName(), arguments.get(1), node);
                }
                yield call(Function.CONTAINS, BOOLEAN, arguments.get(0), coerce(arguments.get(1), element));
            }
            default -> throw AggregateFunctions.unsupported(name, node);
        };
    }

    private static RowExpression unary(Function function, Type type, RowExpression argument)
    {
        return call(function, type, argument);
    }

    private static void arity(String name, List<RowExpression> arguments, int min, int max, Node node)
    {
        if (arguments.size() < min || arguments.size() > max) {
            throw new TrawlException(ErrorCode.INVALID_ARGUMENT, Locations.prefix(node) + "Function '%s' expects %s arguments but got %d".formatted(
                    name, min == max ? String.valueOf(min) : min + " to " + max, arguments.size()));
        }
    }

    private static RowExpression single(String name, List<RowExpression> arguments, Node node)
    {
        arity(name, arguments, 1, 1, node);
        return arguments.getFirst();
    }

    private static String unit(RowExpression argument, String name, Node node)
    {
        if (argument instanceof io.trawl.engine.expression.Constant constant && constant.value() instanceof io.airlift.slice.Slice slice) {
            return slice.toStringUtf8().toLowerCase(java.util.Locale.ROOT);
        }
        throw new TrawlException(ErrorCode.INVALID_ARGUMENT, Locations.prefix(node) + "The unit of " + name + " must be a constant string");
    }

    private static RowExpression text(RowExpression argument, String name, Node node)
    {
        if (TypeCoercion.isText(argument.type())) {
            return argument;
        }
        if (TypeCoercion.isUnknown(argument.type())) {
            return coerce(argument, VARCHAR);
        }
        throw mismatch(name, "varchar", argument, node);
    }

    private static RowExpression integral(RowExpression argument, String name, Node node)
    {
        if (TypeCoercion.isIntegral(argument.type()) || TypeCoercion.isUnknown(argument.type())) {
            return coerce(argument, BIGINT);
        }
        throw mismatch(name, "bigint", argument, node);
    }

    private static RowExpression date(RowExpression argument, String name, Node node)
    {
        if (argument.type().equals(DATE) || TypeCoercion.isUnknown(argument.type())) {
            return coerce(argument, DATE);
        }
        throw mismatch(name, "date", argument, node);
    }

    private static RowExpression numeric(RowExpression argument, String name, Node node)
    {
        if (TypeCoercion.isNumeric(argument.type())) {
            return argument;
        }
        if (TypeCoercion.isUnknown(argument.type())) {
            return coerce(argument, DOUBLE);
        }
        throw mismatch(name, "a number", argument, node);
    }

    private static TrawlException mismatch(String name, String expected, RowExpression argument, Node node)
    {
        return Expressions.typeError(Locations.prefix(node) + "Function '%s' expects %s but got %s".formatted(name, expected, argument.type().getDisplayName()));
    }
}
