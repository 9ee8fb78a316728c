package io.trawl.engine.expression;

import io.airlift.slice.Slice;
import io.airlift.slice.Slices;
import io.trawl.engine.plan.Symbol;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trino.spi.Page;
import io.trino.spi.type.BigintType;
import io.trino.spi.type.DateType;
import io.trino.spi.type.DecimalType;
import io.trino.spi.type.Decimals;
import io.trino.spi.type.DoubleType;
import io.trino.spi.type.Int128;
import io.trino.spi.type.IntegerType;
import io.trino.spi.type.RealType;
import io.trino.spi.type.SmallintType;
import io.trino.spi.type.Type;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static io.trino.spi.type.BooleanType.BOOLEAN;

/**
 * Interprets row expressions a page at a time. Each node evaluates its children for the selected rows
 * and loops over primitive arrays. Conditional forms (AND, OR, CASE, COALESCE) evaluate a branch only on
 * the rows that reach it, so {@code CASE WHEN x <> 0 THEN y / x END} never divides by zero.
 */
final class Evaluator
{
    private Evaluator() {}

    abstract static class Node
    {
        final Type type;

        Node(Type type)
        {
            this.type = type;
        }

        /** Evaluates for rows {@code positions[0..count)} of the page; the result has {@code count} values. */
        abstract Vector eval(Page page, int[] positions, int count);
    }

    static int[] identity(int count)
    {
        int[] positions = new int[count];
        for (int i = 0; i < count; i++) {
            positions[i] = i;
        }
        return positions;
    }

    static Node compile(RowExpression expression, Map<Symbol, Integer> layout)
    {
        return switch (expression) {
            case Variable variable -> {
                Integer channel = layout.get(variable.symbol());
                if (channel == null) {
                    throw new IllegalStateException("Symbol " + variable.symbol() + " not in layout " + layout.keySet());
                }
                yield new InputNode(variable.type(), channel);
            }
            case Constant constant -> new ConstantNode(constant.type(), constant.value());
            case Call call -> compileCall(call, layout);
        };
    }

    private static Node compileCall(Call call, Map<Symbol, Integer> layout)
    {
        List<Node> arguments = new ArrayList<>();
        for (RowExpression argument : call.arguments()) {
            arguments.add(compile(argument, layout));
        }
        Function function = call.function();
        Type type = call.type();
        return switch (function) {
            case AND -> new AndOrNode(arguments, true);
            case OR -> new AndOrNode(arguments, false);
            case CASE -> new CaseNode(type, arguments);
            case COALESCE -> new CoalesceNode(type, arguments);
            case IN -> new InNode(arguments, call.arguments());
            case LIKE -> new LikeNode(arguments, call.arguments());
            case REGEXP_LIKE -> new RegexpNode(arguments, call.arguments());
            default -> new FunctionNode(function, type, arguments);
        };
    }

    static final class InputNode
            extends Node
    {
        final int channel;

        InputNode(Type type, int channel)
        {
            super(type);
            this.channel = channel;
        }

        @Override
        Vector eval(Page page, int[] positions, int count)
        {
            return Vector.read(type, page.getBlock(channel), positions, count);
        }
    }

    static final class ConstantNode
            extends Node
    {
        final Object value;

        ConstantNode(Type type, Object value)
        {
            super(type);
            this.value = value;
        }

        @Override
        Vector eval(Page page, int[] positions, int count)
        {
            return Vector.constant(type, value, count);
        }
    }

    /** Copies value i of {@code from} into slot j of {@code to} (same representation). */
    static void copy(Vector from, int i, Vector to, int j)
    {
        if (from.isNull(i)) {
            to.setNull(j);
            return;
        }
        switch (to.representation) {
            case LONG, BOOLEAN -> to.longs[j] = from.longs[i];
            case DOUBLE -> to.doubles[j] = from.doubles[i];
            case INT128 -> {
                to.longs[2 * j] = from.longs[2 * i];
                to.longs[2 * j + 1] = from.longs[2 * i + 1];
            }
            case SLICE, OBJECT -> to.objects[j] = from.objects[i];
        }
    }

    private static final class AndOrNode
            extends Node
    {
        private final List<Node> terms;
        private final boolean and;

        AndOrNode(List<Node> terms, boolean and)
        {
            super(BOOLEAN);
            this.terms = terms;
            this.and = and;
        }

        @Override
        Vector eval(Page page, int[] positions, int count)
        {
            // decided[i]: the result is known (false for AND, true for OR); sawNull[i]: some term was NULL
            Vector result = new Vector(BOOLEAN, count);
            boolean[] decided = new boolean[count];
            boolean[] sawNull = new boolean[count];
            int[] pending = identity(count);
            int pendingCount = count;
            for (Node term : terms) {
                if (pendingCount == 0) {
                    break;
                }
                Vector value = term.eval(page, subset(positions, pending, pendingCount), pendingCount);
                int next = 0;
                for (int k = 0; k < pendingCount; k++) {
                    int row = pending[k];
                    if (value.isNull(k)) {
                        sawNull[row] = true;
                        pending[next++] = row;
                    }
                    else if ((value.longs[k] != 0) != and) {
                        decided[row] = true;
                    }
                    else {
                        pending[next++] = row;
                    }
                }
                pendingCount = next;
            }
            for (int i = 0; i < count; i++) {
                if (decided[i]) {
                    result.longs[i] = and ? 0 : 1;
                }
                else if (sawNull[i]) {
                    result.setNull(i);
                }
                else {
                    result.longs[i] = and ? 1 : 0;
                }
            }
            return result;
        }
    }

    private static final class CaseNode
            extends Node
    {
        private final List<Node> arguments;

        CaseNode(Type type, List<Node> arguments)
        {
            super(type);
            this.arguments = arguments;
        }

        @Override
        Vector eval(Page page, int[] positions, int count)
        {
            Vector result = new Vector(type, count);
            int[] pending = identity(count);
            int pendingCount = count;
            int whenCount = (arguments.size() - 1) / 2;
            for (int w = 0; w < whenCount && pendingCount > 0; w++) {
                int[] sub = subset(positions, pending, pendingCount);
                Vector condition = arguments.get(2 * w).eval(page, sub, pendingCount);
                int matchedCount = 0;
                int[] matched = new int[pendingCount];
                int next = 0;
                for (int k = 0; k < pendingCount; k++) {
                    if (!condition.isNull(k) && condition.longs[k] != 0) {
                        matched[matchedCount++] = pending[k];
                    }
                    else {
                        pending[next++] = pending[k];
                    }
                }
                pendingCount = next;
                if (matchedCount > 0) {
                    evalInto(arguments.get(2 * w + 1), page, positions, matched, matchedCount, result);
                }
            }
            if (pendingCount > 0) {
                evalInto(arguments.getLast(), page, positions, pending, pendingCount, result);
            }
            return result;
        }
    }

    /** Evaluates a node for the given rows of the page and writes each value into its row of {@code result}. */
    private static void evalInto(Node node, Page page, int[] positions, int[] rows, int count, Vector result)
    {
        Vector value = node.eval(page, subset(positions, rows, count), count);
        for (int k = 0; k < count; k++) {
            copy(value, k, result, rows[k]);
        }
    }

    static int[] subset(int[] positions, int[] rows, int count)
    {
        int[] sub = new int[count];
        for (int k = 0; k < count; k++) {
            sub[k] = positions[rows[k]];
        }
        return sub;
    }

    private static final class CoalesceNode
            extends Node
    {
        private final List<Node> arguments;

        CoalesceNode(Type type, List<Node> arguments)
        {
            super(type);
            this.arguments = arguments;
        }

        @Override
        Vector eval(Page page, int[] positions, int count)
        {
            Vector result = new Vector(type, count);
            int[] pending = identity(count);
            int pendingCount = count;
            for (Node argument : arguments) {
                if (pendingCount == 0) {
                    break;
                }
                Vector value = argument.eval(page, subset(positions, pending, pendingCount), pendingCount);
                int next = 0;
                for (int k = 0; k < pendingCount; k++) {
                    if (value.isNull(k)) {
                        pending[next++] = pending[k];
                    }
                    else {
                        copy(value, k, result, pending[k]);
                    }
                }
                pendingCount = next;
            }
            for (int k = 0; k < pendingCount; k++) {
                result.setNull(pending[k]);
            }
            return result;
        }
    }

    private static final class InNode
            extends Node
    {
        private final Node value;
        private final List<Node> list;
        private final Set<Object> constants;
        private final boolean listHasNull;

        InNode(List<Node> arguments, List<RowExpression> expressions)
        {
            super(BOOLEAN);
            this.value = arguments.getFirst();
            this.list = arguments.subList(1, arguments.size());
            boolean allConstant = expressions.stream().skip(1).allMatch(Constant.class::isInstance);
            if (allConstant) {
                Set<Object> set = new HashSet<>();
                boolean hasNull = false;
                for (RowExpression expression : expressions.subList(1, expressions.size())) {
                    Object constant = ((Constant) expression).value();
                    if (constant == null) {
                        hasNull = true;
                    }
                    else {
                        set.add(normalize(constant));
                    }
                }
                this.constants = set;
                this.listHasNull = hasNull;
            }
            else {
                this.constants = null;
                this.listHasNull = false;
            }
        }

        private static Object normalize(Object value)
        {
            return value instanceof Boolean b ? (b ? 1L : 0L) : value;
        }

        @Override
        Vector eval(Page page, int[] positions, int count)
        {
            Vector input = value.eval(page, positions, count);
            Vector result = new Vector(BOOLEAN, count);
            if (constants != null) {
                for (int i = 0; i < count; i++) {
                    if (input.isNull(i)) {
                        result.setNull(i);
                        continue;
                    }
                    Object key = switch (input.representation) {
                        case LONG, BOOLEAN -> input.longs[i];
                        case DOUBLE -> input.type instanceof RealType ? (Object) (long) Float.floatToIntBits((float) input.doubles[i]) : input.doubles[i];
                        case INT128 -> input.int128(i);
                        case SLICE, OBJECT -> input.objects[i];
                    };
                    if (constants.contains(key)) {
                        result.longs[i] = 1;
                    }
                    else if (listHasNull) {
                        result.setNull(i);
                    }
                }
                return result;
            }
            List<Vector> values = new ArrayList<>();
            for (Node node : list) {
                values.add(node.eval(page, positions, count));
            }
            for (int i = 0; i < count; i++) {
                if (input.isNull(i)) {
                    result.setNull(i);
                    continue;
                }
                boolean sawNull = false;
                boolean found = false;
                for (Vector candidate : values) {
                    if (candidate.isNull(i)) {
                        sawNull = true;
                    }
                    else if (Comparisons.compare(input, i, candidate, i) == 0) {
                        found = true;
                        break;
                    }
                }
                if (found) {
                    result.longs[i] = 1;
                }
                else if (sawNull) {
                    result.setNull(i);
                }
            }
            return result;
        }
    }

    private static final class LikeNode
            extends Node
    {
        private final Node value;
        private final Node pattern;
        private final Node escape;
        private final LikeMatcher constantMatcher;

        LikeNode(List<Node> arguments, List<RowExpression> expressions)
        {
            super(BOOLEAN);
            this.value = arguments.get(0);
            this.pattern = arguments.get(1);
            this.escape = arguments.size() > 2 ? arguments.get(2) : null;
            boolean constantPattern = expressions.get(1) instanceof Constant p && p.value() != null
                    && (expressions.size() < 3 || (expressions.get(2) instanceof Constant e && e.value() != null));
            if (constantPattern) {
                String text = ((Slice) ((Constant) expressions.get(1)).value()).toStringUtf8();
                Character escapeChar = expressions.size() > 2 ? escapeCharacter(((Slice) ((Constant) expressions.get(2)).value()).toStringUtf8()) : null;
                this.constantMatcher = LikeMatcher.compile(text, escapeChar);
            }
            else {
                this.constantMatcher = null;
            }
        }

        private static Character escapeCharacter(String escape)
        {
            if (escape.length() != 1) {
                throw new TrawlException(ErrorCode.INVALID_ARGUMENT, "Escape string must be a single character: '" + escape + "'");
            }
            return escape.charAt(0);
        }

        @Override
        Vector eval(Page page, int[] positions, int count)
        {
            Vector input = value.eval(page, positions, count);
            Vector result = new Vector(BOOLEAN, count);
            Vector patterns = constantMatcher == null ? pattern.eval(page, positions, count) : null;
            Vector escapes = constantMatcher == null && escape != null ? escape.eval(page, positions, count) : null;
            for (int i = 0; i < count; i++) {
                if (input.isNull(i) || (patterns != null && patterns.isNull(i)) || (escapes != null && escapes.isNull(i))) {
                    result.setNull(i);
                    continue;
                }
                LikeMatcher matcher = constantMatcher != null ? constantMatcher
                        : LikeMatcher.compile(patterns.slice(i).toStringUtf8(), escapes == null ? null : escapeCharacter(escapes.slice(i).toStringUtf8()));
                result.longs[i] = matcher.matches(input.slice(i)) ? 1 : 0;
            }
            return result;
        }
    }

    private static final class RegexpNode
            extends Node
    {
        private final Node value;
        private final Node pattern;
        private final Pattern constantPattern;

        RegexpNode(List<Node> arguments, List<RowExpression> expressions)
        {
            super(BOOLEAN);
            this.value = arguments.get(0);
            this.pattern = arguments.get(1);
            this.constantPattern = expressions.get(1) instanceof Constant p && p.value() != null ? Pattern.compile(((Slice) p.value()).toStringUtf8()) : null;
        }

        @Override
        Vector eval(Page page, int[] positions, int count)
        {
            Vector input = value.eval(page, positions, count);
            Vector patterns = constantPattern == null ? pattern.eval(page, positions, count) : null;
            Vector result = new Vector(BOOLEAN, count);
            for (int i = 0; i < count; i++) {
                if (input.isNull(i) || (patterns != null && patterns.isNull(i))) {
                    result.setNull(i);
                    continue;
                }
                Pattern regex = constantPattern != null ? constantPattern : Pattern.compile(patterns.slice(i).toStringUtf8());
                result.longs[i] = regex.matcher(input.slice(i).toStringUtf8()).find() ? 1 : 0;
            }
            return result;
        }
    }

    /** Strict functions: NULL in any argument gives NULL (except the few handled explicitly). */
    private static final class FunctionNode
            extends Node
    {
        private final Function function;
        private final List<Node> arguments;

        FunctionNode(Function function, Type type, List<Node> arguments)
        {
            super(type);
            this.function = function;
            this.arguments = arguments;
        }

        @Override
        Vector eval(Page page, int[] positions, int count)
        {
            Vector[] args = new Vector[arguments.size()];
            for (int a = 0; a < args.length; a++) {
                args[a] = arguments.get(a).eval(page, positions, count);
            }
            return switch (function) {
                case IS_NULL -> {
                    Vector result = new Vector(BOOLEAN, count);
                    for (int i = 0; i < count; i++) {
                        result.longs[i] = args[0].isNull(i) ? 1 : 0;
                    }
                    yield result;
                }
                case IS_DISTINCT_FROM -> {
                    Vector result = new Vector(BOOLEAN, count);
                    for (int i = 0; i < count; i++) {
                        boolean leftNull = args[0].isNull(i);
                        boolean rightNull = args[1].isNull(i);
                        result.longs[i] = leftNull || rightNull ? (leftNull != rightNull ? 1 : 0) : (Comparisons.compare(args[0], i, args[1], i) != 0 ? 1 : 0);
                    }
                    yield result;
                }
                case NULLIF -> {
                    Vector result = new Vector(type, count);
                    for (int i = 0; i < count; i++) {
                        if (!args[0].isNull(i) && !args[1].isNull(i) && Comparisons.compare(args[0], i, args[1], i) == 0) {
                            result.setNull(i);
                        }
                        else {
                            copy(args[0], i, result, i);
                        }
                    }
                    yield result;
                }
                case CONCAT -> Strings.concat(type, args, count);
                case GREATEST, LEAST -> greatestLeast(args, count);
                case CAST, TRY_CAST -> cast(args[0], count, function == Function.TRY_CAST);
                case RANDOM -> {
                    Vector result = new Vector(type, count);
                    for (int i = 0; i < count; i++) {
                        result.doubles[i] = Math.random();
                    }
                    yield result;
                }
                default -> strict(args, count);
            };
        }

        private Vector greatestLeast(Vector[] args, int count)
        {
            Vector result = new Vector(type, count);
            for (int i = 0; i < count; i++) {
                int best = -1;
                for (int a = 0; a < args.length; a++) {
                    if (args[a].isNull(i)) {
                        best = -2;
                        break;
                    }
                    if (best < 0) {
                        best = a;
                        continue;
                    }
                    int compared = Comparisons.compare(args[a], i, args[best], i);
                    if (function == Function.GREATEST ? compared > 0 : compared < 0) {
                        best = a;
                    }
                }
                if (best < 0) {
                    result.setNull(i);
                }
                else {
                    copy(args[best], i, result, i);
                }
            }
            return result;
        }

        private Vector cast(Vector input, int count, boolean lenient)
        {
            Type from = input.type;
            if (from.equals(type)) {
                return input;
            }
            Vector result = new Vector(type, count);
            boolean integralToDouble = Casts.isIntegral(from) && (type instanceof DoubleType);
            boolean shortDecimalToDouble = from instanceof DecimalType d && d.isShort() && type instanceof DoubleType;
            boolean integralToShortDecimal = Casts.isIntegral(from) && type instanceof DecimalType d && d.isShort()
                    && d.getPrecision() - d.getScale() >= 19;
            for (int i = 0; i < count; i++) {
                if (input.isNull(i)) {
                    result.setNull(i);
                }
                else if (integralToDouble) {
                    result.doubles[i] = input.longs[i];
                }
                else if (shortDecimalToDouble) {
                    result.doubles[i] = input.longs[i] / (double) Decimals.longTenToNth(((DecimalType) from).getScale());
                }
                else if (integralToShortDecimal) {
                    result.longs[i] = input.longs[i] * Decimals.longTenToNth(((DecimalType) type).getScale());
                }
                else {
                    Casts.cast(input, i, result, i, lenient);
                }
            }
            return result;
        }

        private Vector strict(Vector[] args, int count)
        {
            if (function.isComparison()) {
                return Comparisons.compareVectors(function, args[0], args[1], count);
            }
            if ((function == Function.ADD || function == Function.SUBTRACT || function == Function.MULTIPLY || function == Function.DIVIDE || function == Function.MODULUS)
                    && type instanceof DecimalType) {
                return DecimalArithmetic.compute(function, args[0], args[1], type);
            }
            Vector result = new Vector(type, count);
            for (int i = 0; i < count; i++) {
                boolean anyNull = false;
                for (Vector arg : args) {
                    if (arg.isNull(i)) {
                        anyNull = true;
                        break;
                    }
                }
                if (anyNull) {
                    result.setNull(i);
                    continue;
                }
                apply(args, i, result);
            }
            return result;
        }

        private void apply(Vector[] args, int i, Vector out)
        {
            switch (function) {
                case ADD, SUBTRACT, MULTIPLY, DIVIDE, MODULUS -> arithmetic(args[0], args[1], i, out);
                case NEGATE -> {
                    if (out.representation == Vector.Representation.DOUBLE) {
                        out.doubles[i] = -args[0].doubles[i];
                    }
                    else if (out.representation == Vector.Representation.INT128) {
                        Int128 negated = io.trino.spi.type.Int128Math.negate(args[0].int128(i));
                        out.longs[2 * i] = negated.getHigh();
                        out.longs[2 * i + 1] = negated.getLow();
                    }
                    else {
                        out.longs[i] = checkRange(-args[0].longs[i]);
                    }
                }
                case NOT -> out.longs[i] = args[0].longs[i] == 0 ? 1 : 0;
                case SUBSTRING, LENGTH, UPPER, LOWER, TRIM, LTRIM, RTRIM, REVERSE, REPLACE, STRPOS, STARTS_WITH, SPLIT_PART, LPAD, RPAD -> Strings.apply(function, args, i, out);
                case ROW_FIELD, SUBSCRIPT, ELEMENT_AT, CARDINALITY, CONTAINS -> Nested.apply(function, args, i, out);
                case YEAR -> out.longs[i] = DateMath.year(args[0].longs[i]);
                case MONTH -> out.longs[i] = DateMath.month(args[0].longs[i]);
                case DAY -> out.longs[i] = DateMath.day(args[0].longs[i]);
                case QUARTER -> out.longs[i] = (DateMath.month(args[0].longs[i]) - 1) / 3 + 1;
                case DAY_OF_WEEK -> out.longs[i] = Math.floorMod(args[0].longs[i] + 3, 7) + 1;
                case DAY_OF_YEAR -> {
                    long day = args[0].longs[i];
                    out.longs[i] = day - DateMath.daysFromCivil(DateMath.year(day), 1, 1) + 1;
                }
                case WEEK -> out.longs[i] = java.time.LocalDate.ofEpochDay(args[0].longs[i]).get(java.time.temporal.IsoFields.WEEK_OF_WEEK_BASED_YEAR);
                case DATE_ADD_DAYS -> out.longs[i] = args[0].longs[i] + args[1].longs[i];
                case DATE_ADD_MONTHS -> out.longs[i] = DateMath.addMonths(args[0].longs[i], args[1].longs[i]);
                case DATE_DIFF -> out.longs[i] = dateDiff(args[0].slice(i).toStringUtf8(), args[1].longs[i], args[2].longs[i]);
                case DATE_TRUNC -> out.longs[i] = dateTrunc(args[0].slice(i).toStringUtf8(), args[1].longs[i]);
                case ABS -> {
                    switch (out.representation) {
                        case DOUBLE -> out.doubles[i] = Math.abs(args[0].doubles[i]);
                        case INT128 -> {
                            Int128 abs = io.trino.spi.type.Int128Math.absExact(args[0].int128(i));
                            out.longs[2 * i] = abs.getHigh();
                            out.longs[2 * i + 1] = abs.getLow();
                        }
                        default -> out.longs[i] = checkRange(Math.abs(args[0].longs[i]));
                    }
                }
                case SIGN -> {
                    if (out.representation == Vector.Representation.DOUBLE) {
                        out.doubles[i] = Math.signum(args[0].doubles[i]);
                    }
                    else {
                        out.longs[i] = args[0].representation == Vector.Representation.INT128 ? (args[0].int128(i).isNegative() ? -1 : (args[0].int128(i).isZero() ? 0 : 1)) : Long.signum(args[0].longs[i]);
                    }
                }
                case ROUND, FLOOR, CEIL -> rounding(args, i, out);
                case SQRT -> out.doubles[i] = Math.sqrt(args[0].doubles[i]);
                case POWER -> out.doubles[i] = Math.pow(args[0].doubles[i], args[1].doubles[i]);
                case LN -> out.doubles[i] = Math.log(args[0].doubles[i]);
                case LOG10 -> out.doubles[i] = Math.log10(args[0].doubles[i]);
                case EXP -> out.doubles[i] = Math.exp(args[0].doubles[i]);
                default -> throw new IllegalStateException("Unexpected function " + function);
            }
        }

        private long checkRange(long value)
        {
            if (type instanceof IntegerType && (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE)
                    || type instanceof SmallintType && (value < Short.MIN_VALUE || value > Short.MAX_VALUE)
                    || type instanceof io.trino.spi.type.TinyintType && (value < Byte.MIN_VALUE || value > Byte.MAX_VALUE)) {
                throw new TrawlException(ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE, "%s overflow: %d".formatted(type.getDisplayName(), value));
            }
            return value;
        }

        private void arithmetic(Vector left, Vector right, int i, Vector out)
        {
            if (out.representation == Vector.Representation.DOUBLE) {
                double a = left.doubles[i];
                double b = right.doubles[i];
                out.doubles[i] = switch (function) {
                    case ADD -> a + b;
                    case SUBTRACT -> a - b;
                    case MULTIPLY -> a * b;
                    case DIVIDE -> a / b;
                    default -> a % b;
                };
                return;
            }
            long a = left.longs[i];
            long b = right.longs[i];
            try {
                out.longs[i] = checkRange(switch (function) {
                    case ADD -> Math.addExact(a, b);
                    case SUBTRACT -> Math.subtractExact(a, b);
                    case MULTIPLY -> Math.multiplyExact(a, b);
                    case DIVIDE -> {
                        if (b == 0) {
                            throw new TrawlException(ErrorCode.DIVISION_BY_ZERO, "Division by zero");
                        }
                        yield a / b;
                    }
                    default -> {
                        if (b == 0) {
                            throw new TrawlException(ErrorCode.DIVISION_BY_ZERO, "Division by zero");
                        }
                        yield a % b;
                    }
                });
            }
            catch (ArithmeticException e) {
                throw new TrawlException(ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE, "%s overflow: %d %s %d".formatted(type.getDisplayName(), a, function.name().toLowerCase(Locale.ROOT), b));
            }
        }

        private void rounding(Vector[] args, int i, Vector out)
        {
            Vector input = args[0];
            if (input.representation == Vector.Representation.DOUBLE) {
                double value = input.doubles[i];
                double result = switch (function) {
                    case FLOOR -> Math.floor(value);
                    case CEIL -> Math.ceil(value);
                    default -> {
                        long digits = args.length > 1 ? args[1].longs[i] : 0;
                        if (Double.isNaN(value) || Double.isInfinite(value)) {
                            yield value;
                        }
                        yield BigDecimal.valueOf(value).setScale((int) digits, RoundingMode.HALF_UP).doubleValue();
                    }
                };
                out.doubles[i] = result;
                return;
            }
            if (input.type instanceof DecimalType decimal) {
                BigDecimal value = Casts.toBigDecimal(input, i);
                int digits = args.length > 1 ? (int) args[1].longs[i] : 0;
                BigDecimal rounded = switch (function) {
                    case FLOOR -> value.setScale(0, RoundingMode.FLOOR);
                    case CEIL -> value.setScale(0, RoundingMode.CEILING);
                    default -> value.setScale(Math.min(digits, decimal.getScale()), RoundingMode.HALF_UP);
                };
                DecimalType outType = (DecimalType) out.type;
                BigDecimal scaled = rounded.setScale(outType.getScale(), RoundingMode.HALF_UP);
                if (outType.isShort()) {
                    out.longs[i] = scaled.unscaledValue().longValueExact();
                }
                else {
                    Int128 int128 = Int128.valueOf(scaled.unscaledValue());
                    out.longs[2 * i] = int128.getHigh();
                    out.longs[2 * i + 1] = int128.getLow();
                }
                return;
            }
            long value = input.longs[i];
            if (function == Function.ROUND && args.length > 1 && args[1].longs[i] < 0) {
                long factor = Decimals.longTenToNth((int) Math.min(18, -args[1].longs[i]));
                value = BigDecimal.valueOf(value).divide(BigDecimal.valueOf(factor), 0, RoundingMode.HALF_UP).longValue() * factor;
            }
            out.longs[i] = value;
        }

        private static long dateDiff(String unit, long start, long end)
        {
            return switch (unit.toLowerCase(Locale.ROOT)) {
                case "day" -> end - start;
                case "week" -> (end - start) / 7;
                case "month" -> monthsBetween(start, end);
                case "quarter" -> monthsBetween(start, end) / 3;
                case "year" -> monthsBetween(start, end) / 12;
                default -> throw new TrawlException(ErrorCode.INVALID_ARGUMENT, "'" + unit + "' is not a valid DATE field");
            };
        }

        private static long monthsBetween(long start, long end)
        {
            return java.time.temporal.ChronoUnit.MONTHS.between(java.time.LocalDate.ofEpochDay(start), java.time.LocalDate.ofEpochDay(end));
        }

        private static long dateTrunc(String unit, long day)
        {
            long civil = DateMath.civil(day);
            long year = civil / 10000;
            long month = civil / 100 % 100;
            return switch (unit.toLowerCase(Locale.ROOT)) {
                case "day" -> day;
                case "week" -> day - Math.floorMod(day + 3, 7);
                case "month" -> DateMath.daysFromCivil(year, month, 1);
                case "quarter" -> DateMath.daysFromCivil(year, (month - 1) / 3 * 3 + 1, 1);
                case "year" -> DateMath.daysFromCivil(year, 1, 1);
                default -> throw new TrawlException(ErrorCode.INVALID_ARGUMENT, "'" + unit + "' is not a valid DATE field");
            };
        }
    }

    static Slice utf8(String value)
    {
        return Slices.utf8Slice(value);
    }

    static boolean isDateOrIntegral(Type type)
    {
        return type instanceof DateType || type instanceof BigintType || type instanceof IntegerType;
    }
}
