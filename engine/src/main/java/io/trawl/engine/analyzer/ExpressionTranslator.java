package io.trawl.engine.analyzer;

import io.airlift.slice.Slices;
import io.trawl.engine.expression.Constant;
import io.trawl.engine.expression.Function;
import io.trawl.engine.expression.RowExpression;
import io.trawl.engine.expression.Variable;
import io.trawl.engine.plan.Symbol;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trino.spi.type.DecimalType;
import io.trino.spi.type.Decimals;
import io.trino.spi.type.DoubleType;
import io.trino.spi.type.Int128;
import io.trino.spi.type.Type;
import io.trino.spi.type.VarcharType;
import io.trino.sql.ExpressionFormatter;
import io.trino.sql.tree.ArithmeticBinaryExpression;
import io.trino.sql.tree.ArithmeticUnaryExpression;
import io.trino.sql.tree.BetweenPredicate;
import io.trino.sql.tree.BooleanLiteral;
import io.trino.sql.tree.Cast;
import io.trino.sql.tree.CoalesceExpression;
import io.trino.sql.tree.ComparisonPredicate;
import io.trino.sql.tree.CurrentDate;
import io.trino.sql.tree.DecimalLiteral;
import io.trino.sql.tree.DereferenceExpression;
import io.trino.sql.tree.DistinctFromPredicate;
import io.trino.sql.tree.DoubleLiteral;
import io.trino.sql.tree.ExistsPredicate;
import io.trino.sql.tree.Expression;
import io.trino.sql.tree.Extract;
import io.trino.sql.tree.FunctionCall;
import io.trino.sql.tree.GenericLiteral;
import io.trino.sql.tree.Identifier;
import io.trino.sql.tree.IfExpression;
import io.trino.sql.tree.InListExpression;
import io.trino.sql.tree.InPredicate;
import io.trino.sql.tree.IntervalField;
import io.trino.sql.tree.IntervalLiteral;
import io.trino.sql.tree.IsNullPredicate;
import io.trino.sql.tree.LikePredicate;
import io.trino.sql.tree.LogicalExpression;
import io.trino.sql.tree.LongLiteral;
import io.trino.sql.tree.NotExpression;
import io.trino.sql.tree.NullIfExpression;
import io.trino.sql.tree.NullLiteral;
import io.trino.sql.tree.Predicated;
import io.trino.sql.tree.SearchedCaseExpression;
import io.trino.sql.tree.SimpleCaseExpression;
import io.trino.sql.tree.SimpleIntervalQualifier;
import io.trino.sql.tree.StringLiteral;
import io.trino.sql.tree.SubqueryExpression;
import io.trino.sql.tree.Trim;
import io.trino.sql.tree.WhenClause;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.trawl.engine.analyzer.Expressions.call;
import static io.trawl.engine.analyzer.Expressions.coerce;
import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.BooleanType.BOOLEAN;
import static io.trino.spi.type.DateType.DATE;
import static io.trino.spi.type.DoubleType.DOUBLE;
import static io.trino.spi.type.IntegerType.INTEGER;
import static io.trawl.engine.expression.UnknownType.UNKNOWN;
import static io.trino.spi.type.VarcharType.VARCHAR;

/**
 * Binds an AST expression to a typed {@link RowExpression}: resolves names in the scope (recording
 * correlated references to outer scopes), applies Trino's typing and implicit coercions, and hands
 * subqueries to the planner, which joins them into the current plan and returns the symbol to use.
 */
final class ExpressionTranslator
{
    interface SubqueryHandler
    {
        RowExpression scalarSubquery(SubqueryExpression subquery);
    }

    private final Scope scope;
    private final Map<Expression, Symbol> substitutions;
    private final SubqueryHandler subqueries;
    private final Set<Symbol> outerReferences;
    private final LocalDate currentDate;

    ExpressionTranslator(Scope scope, Map<Expression, Symbol> substitutions, SubqueryHandler subqueries, Set<Symbol> outerReferences, LocalDate currentDate)
    {
        this.scope = scope;
        this.substitutions = substitutions;
        this.subqueries = subqueries;
        this.outerReferences = outerReferences;
        this.currentDate = currentDate;
    }

    RowExpression translate(Expression expression)
    {
        Symbol substitute = substitutions.get(expression);
        if (substitute != null) {
            return new Variable(substitute);
        }
        return switch (expression) {
            case Identifier identifier -> resolve(Optional.empty(), identifier.getValue(), expression);
            case DereferenceExpression dereference -> translateDereference(dereference);
            case LongLiteral literal -> {
                long value = literal.getParsedValue();
                yield value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE ? new Constant(value, INTEGER) : new Constant(value, BIGINT);
            }
            case DoubleLiteral literal -> new Constant(literal.getValue(), DOUBLE);
            case DecimalLiteral literal -> decimalLiteral(literal.getValue());
            case StringLiteral literal -> new Constant(Slices.utf8Slice(literal.getValue()), VARCHAR);
            case BooleanLiteral literal -> new Constant(literal.getValue(), BOOLEAN);
            case NullLiteral _ -> new Constant(null, UNKNOWN);
            case GenericLiteral literal -> genericLiteral(literal);
            case IntervalLiteral literal -> throw new TrawlException(ErrorCode.NOT_SUPPORTED,
                    Locations.prefix(literal) + "INTERVAL values are supported only added to or subtracted from a DATE");
            case CurrentDate _ -> new Constant(currentDate.toEpochDay(), DATE);
            case ArithmeticBinaryExpression arithmetic -> arithmetic(arithmetic);
            case ArithmeticUnaryExpression unary -> {
                RowExpression value = translate(unary.getValue());
                if (!TypeCoercion.isNumeric(value.type())) {
                    throw Expressions.typeError(Locations.prefix(unary) + "Cannot negate " + value.type().getDisplayName());
                }
                yield unary.getSign() == ArithmeticUnaryExpression.Sign.MINUS ? call(Function.NEGATE, value.type(), value) : value;
            }
            case LogicalExpression logical -> {
                List<RowExpression> terms = new ArrayList<>();
                for (Expression term : logical.getTerms()) {
                    terms.add(booleanOperand(term));
                }
                yield logical.getOperator() == LogicalExpression.Operator.AND ? Expressions.and(terms) : Expressions.or(terms);
            }
            case NotExpression not -> call(Function.NOT, BOOLEAN, booleanOperand(not.getValue()));
            case Predicated predicated -> predicate(predicated);
            case SearchedCaseExpression searched -> searchedCase(searched.getWhenClauses(), searched.getDefaultValue(), Optional.empty());
            case SimpleCaseExpression simple -> searchedCase(simple.getWhenClauses(), simple.getDefaultValue(), Optional.of(simple.getOperand()));
            case IfExpression ifExpression -> conditional(List.of(ifExpression.getCondition()), List.of(ifExpression.getTrueValue()), ifExpression.getFalseValue());
            case CoalesceExpression coalesce -> {
                List<RowExpression> operands = coerceToCommon(coalesce.getOperands().stream().map(this::translate).toList(), coalesce);
                yield call(Function.COALESCE, operands.getFirst().type(), operands);
            }
            case NullIfExpression nullIf -> {
                RowExpression first = translate(nullIf.getFirst());
                RowExpression second = translate(nullIf.getSecond());
                Type common = commonType(first.type(), second.type(), nullIf);
                yield call(Function.NULLIF, first.type(), first, coerce(second, common).type().equals(first.type()) ? coerce(second, common) : coerce(coerce(second, common), first.type()));
            }
            case Cast cast -> cast(cast);
            case Extract extract -> extract(extract);
            case FunctionCall functionCall -> functionCall(functionCall);
            case Trim trim -> {
                if (trim.getTrimCharacter().isPresent()) {
                    throw new TrawlException(ErrorCode.NOT_SUPPORTED, Locations.prefix(trim) + "TRIM with a character is not supported");
                }
                Function function = switch (trim.getSpecification()) {
                    case BOTH -> Function.TRIM;
                    case LEADING -> Function.LTRIM;
                    case TRAILING -> Function.RTRIM;
                };
                yield call(function, VARCHAR, textOperand(trim.getTrimSource()));
            }
            case SubqueryExpression subquery -> subqueries.scalarSubquery(subquery);
            case ExistsPredicate exists -> throw new TrawlException(ErrorCode.NOT_SUPPORTED,
                    Locations.prefix(exists) + "EXISTS is supported as a WHERE condition (optionally negated), not inside other expressions");
            default -> throw new TrawlException(ErrorCode.NOT_SUPPORTED, Locations.prefix(expression) + "Unsupported expression: " + ExpressionFormatter.formatExpression(expression));
        };
    }

    private RowExpression translateDereference(DereferenceExpression dereference)
    {
        if (dereference.getField().isEmpty()) {
            throw new TrawlException(ErrorCode.NOT_SUPPORTED, Locations.prefix(dereference) + "Unsupported expression: " + dereference);
        }
        String column = dereference.getField().get().getValue().toLowerCase(Locale.ROOT);
        Expression base = dereference.getBase();
        String qualifier;
        if (base instanceof Identifier identifier) {
            qualifier = identifier.getValue().toLowerCase(Locale.ROOT);
        }
        else if (base instanceof DereferenceExpression inner && inner.getField().isPresent()) {
            // schema.table.column: the relation is known by its table name
            qualifier = inner.getField().get().getValue().toLowerCase(Locale.ROOT);
        }
        else {
            throw new TrawlException(ErrorCode.NOT_SUPPORTED, Locations.prefix(dereference) + "Unsupported expression: " + dereference);
        }
        return resolve(Optional.of(qualifier), column, dereference);
    }

    private RowExpression resolve(Optional<String> qualifier, String rawName, Expression node)
    {
        String name = rawName.toLowerCase(Locale.ROOT);
        String display = qualifier.map(q -> q + "." + name).orElse(name);
        Optional<Scope.Resolved> resolved = scope.resolve(qualifier, name, display, node.getLocation());
        if (resolved.isEmpty()) {
            if (qualifier.isPresent() && !scope.hasRelation(qualifier.get()) && !hasOuterRelation(qualifier.get())) {
                throw new TrawlException(ErrorCode.COLUMN_NOT_FOUND, Locations.prefix(node) + "Column '" + display + "' cannot be resolved: no relation '" + qualifier.get() + "' in scope");
            }
            throw new TrawlException(ErrorCode.COLUMN_NOT_FOUND, Locations.prefix(node) + "Column '" + display + "' cannot be resolved");
        }
        Symbol symbol = resolved.get().field().symbol();
        if (resolved.get().outer()) {
            outerReferences.add(symbol);
        }
        return new Variable(symbol);
    }

    private boolean hasOuterRelation(String alias)
    {
        Optional<Scope> outer = scope.outer();
        while (outer.isPresent()) {
            if (outer.get().hasRelation(alias)) {
                return true;
            }
            outer = outer.get().outer();
        }
        return false;
    }

    static RowExpression decimalLiteral(String text)
    {
        BigDecimal value = new BigDecimal(text);
        int scale = Math.max(0, value.scale());
        BigDecimal scaled = value.setScale(scale);
        int precision = Math.max(scaled.precision(), scale);
        if (precision > Decimals.MAX_PRECISION) {
            return new Constant(value.doubleValue(), DOUBLE);
        }
        DecimalType type = DecimalType.createDecimalType(precision, scale);
        if (type.isShort()) {
            return new Constant(scaled.unscaledValue().longValueExact(), type);
        }
        return new Constant(Int128.valueOf(scaled.unscaledValue()), type);
    }

    private RowExpression genericLiteral(GenericLiteral literal)
    {
        String type = literal.getType().toLowerCase(Locale.ROOT);
        String value = literal.getValue();
        try {
            return switch (type) {
                case "date" -> new Constant(LocalDate.parse(value.trim()).toEpochDay(), DATE);
                case "timestamp" -> {
                    String text = value.trim().length() == 10 ? value.trim() + "T00:00:00" : value.trim().replace(' ', 'T');
                    java.time.LocalDateTime time = java.time.LocalDateTime.parse(text);
                    // TIMESTAMP(3) holds epoch microseconds rounded to milliseconds
                    long millis = time.toInstant(java.time.ZoneOffset.UTC).toEpochMilli();
                    yield new Constant(millis * 1000, io.trino.spi.type.TimestampType.TIMESTAMP_MILLIS);
                }
                case "decimal" -> decimalLiteral(value.trim());
                case "bigint" -> new Constant(Long.parseLong(value.trim()), BIGINT);
                case "integer", "int" -> new Constant((long) Integer.parseInt(value.trim()), INTEGER);
                case "double" -> new Constant(Double.parseDouble(value.trim()), DOUBLE);
                case "varchar" -> new Constant(Slices.utf8Slice(value), VARCHAR);
                case "boolean" -> new Constant(Boolean.parseBoolean(value.trim()), BOOLEAN);
                default -> throw new TrawlException(ErrorCode.NOT_SUPPORTED, Locations.prefix(literal) + "Unsupported literal type: " + literal.getType());
            };
        }
        catch (NumberFormatException | DateTimeParseException e) {
            throw new TrawlException(ErrorCode.INVALID_CAST, Locations.prefix(literal) + "'" + value + "' is not a valid " + type.toUpperCase(Locale.ROOT) + " literal");
        }
    }

    private RowExpression booleanOperand(Expression expression)
    {
        RowExpression value = translate(expression);
        if (TypeCoercion.isUnknown(value.type())) {
            return coerce(value, BOOLEAN);
        }
        if (!value.type().equals(BOOLEAN)) {
            throw Expressions.typeError(Locations.prefix(expression) + "Value of logical operator must be boolean, but was " + value.type().getDisplayName());
        }
        return value;
    }

    private RowExpression textOperand(Expression expression)
    {
        RowExpression value = translate(expression);
        if (TypeCoercion.isUnknown(value.type())) {
            return coerce(value, VARCHAR);
        }
        if (!TypeCoercion.isText(value.type())) {
            throw Expressions.typeError(Locations.prefix(expression) + "Expected a varchar argument but got " + value.type().getDisplayName());
        }
        return value;
    }

    private Type commonType(Type left, Type right, Expression node)
    {
        return TypeCoercion.commonSuperType(left, right).orElseThrow(() -> Expressions.typeError(
                Locations.prefix(node) + "Types %s and %s are not compatible".formatted(left.getDisplayName(), right.getDisplayName())));
    }

    private List<RowExpression> coerceToCommon(List<RowExpression> values, Expression node)
    {
        Type common = values.getFirst().type();
        for (RowExpression value : values) {
            common = commonType(common, value.type(), node);
        }
        if (TypeCoercion.isUnknown(common)) {
            common = UNKNOWN;
        }
        Type target = common;
        return values.stream().map(value -> coerce(value, target)).toList();
    }

    RowExpression comparison(Function function, RowExpression left, RowExpression right, Expression node)
    {
        Type common = TypeCoercion.commonSuperType(left.type(), right.type()).orElseThrow(() -> Expressions.typeError(
                Locations.prefix(node) + "Cannot apply operator: %s %s %s".formatted(left.type().getDisplayName(), operatorText(function), right.type().getDisplayName())));
        if (TypeCoercion.isUnknown(common)) {
            return new Constant(null, BOOLEAN);
        }
        return call(function, BOOLEAN, coerce(left, common), coerce(right, common));
    }

    private static String operatorText(Function function)
    {
        return switch (function) {
            case EQUAL -> "=";
            case NOT_EQUAL -> "<>";
            case LESS_THAN -> "<";
            case LESS_THAN_OR_EQUAL -> "<=";
            case GREATER_THAN -> ">";
            case GREATER_THAN_OR_EQUAL -> ">=";
            default -> function.name();
        };
    }

    static Function comparisonFunction(ComparisonPredicate.Operator operator)
    {
        return switch (operator) {
            case EQUAL -> Function.EQUAL;
            case NOT_EQUAL -> Function.NOT_EQUAL;
            case LESS_THAN -> Function.LESS_THAN;
            case LESS_THAN_OR_EQUAL -> Function.LESS_THAN_OR_EQUAL;
            case GREATER_THAN -> Function.GREATER_THAN;
            case GREATER_THAN_OR_EQUAL -> Function.GREATER_THAN_OR_EQUAL;
        };
    }

    private RowExpression predicate(Predicated predicated)
    {
        Expression valueNode = predicated.getValue();
        return switch (predicated.getPredicate()) {
            case ComparisonPredicate comparison -> comparison(comparisonFunction(comparison.getOperator()), translate(valueNode), translate(comparison.getRight()), predicated);
            case IsNullPredicate isNull -> {
                RowExpression test = call(Function.IS_NULL, BOOLEAN, translate(valueNode));
                yield isNull.isNegated() ? call(Function.NOT, BOOLEAN, test) : test;
            }
            case DistinctFromPredicate distinct -> {
                RowExpression left = translate(valueNode);
                RowExpression right = translate(distinct.getRight());
                Type common = commonType(left.type(), right.type(), predicated);
                RowExpression test = call(Function.IS_DISTINCT_FROM, BOOLEAN, coerce(left, common), coerce(right, common));
                yield distinct.isNegated() ? call(Function.NOT, BOOLEAN, test) : test;
            }
            case BetweenPredicate between -> {
                RowExpression value = translate(valueNode);
                RowExpression min = translate(between.getMin());
                RowExpression max = translate(between.getMax());
                RowExpression test = Expressions.and(List.of(
                        comparison(Function.GREATER_THAN_OR_EQUAL, value, min, predicated),
                        comparison(Function.LESS_THAN_OR_EQUAL, value, max, predicated)));
                yield between.isNegated() ? call(Function.NOT, BOOLEAN, test) : test;
            }
            case InPredicate in -> {
                if (!(in.getValueList() instanceof InListExpression list)) {
                    throw new TrawlException(ErrorCode.NOT_SUPPORTED,
                            Locations.prefix(predicated) + "IN (subquery) is supported as a WHERE condition (optionally negated), not inside other expressions");
                }
                List<RowExpression> values = new ArrayList<>();
                values.add(translate(valueNode));
                list.getValues().forEach(item -> values.add(translate(item)));
                List<RowExpression> coerced = coerceToCommon(values, predicated);
                RowExpression test = call(Function.IN, BOOLEAN, coerced);
                yield in.isNegated() ? call(Function.NOT, BOOLEAN, test) : test;
            }
            case LikePredicate like -> {
                List<RowExpression> arguments = new ArrayList<>();
                arguments.add(textOperand(valueNode));
                arguments.add(textOperand(like.getPattern()));
                like.getEscape().ifPresent(escape -> arguments.add(textOperand(escape)));
                RowExpression test = call(Function.LIKE, BOOLEAN, arguments);
                yield like.isNegated() ? call(Function.NOT, BOOLEAN, test) : test;
            }
            default -> throw new TrawlException(ErrorCode.NOT_SUPPORTED, Locations.prefix(predicated) + "Unsupported predicate: " + ExpressionFormatter.formatExpression(predicated));
        };
    }

    private RowExpression searchedCase(List<WhenClause> whenClauses, Optional<Expression> defaultValue, Optional<Expression> operand)
    {
        List<Expression> conditions = new ArrayList<>();
        List<Expression> results = new ArrayList<>();
        for (WhenClause clause : whenClauses) {
            conditions.add(clause.getOperand());
            results.add(clause.getResult());
        }
        if (operand.isPresent()) {
            RowExpression operandValue = translate(operand.get());
            List<RowExpression> translatedConditions = new ArrayList<>();
            for (Expression condition : conditions) {
                translatedConditions.add(comparison(Function.EQUAL, operandValue, translate(condition), condition));
            }
            return buildCase(translatedConditions, results, defaultValue);
        }
        return conditional(conditions, results, defaultValue);
    }

    private RowExpression conditional(List<Expression> conditions, List<Expression> results, Optional<Expression> defaultValue)
    {
        List<RowExpression> translated = new ArrayList<>();
        for (Expression condition : conditions) {
            translated.add(booleanOperand(condition));
        }
        return buildCase(translated, results, defaultValue);
    }

    private RowExpression buildCase(List<RowExpression> conditions, List<Expression> resultNodes, Optional<Expression> defaultValue)
    {
        List<RowExpression> values = new ArrayList<>();
        resultNodes.forEach(node -> values.add(translate(node)));
        values.add(defaultValue.map(this::translate).orElse(new Constant(null, UNKNOWN)));
        List<RowExpression> coerced = coerceToCommon(values, resultNodes.getFirst());
        List<RowExpression> arguments = new ArrayList<>();
        for (int i = 0; i < conditions.size(); i++) {
            arguments.add(conditions.get(i));
            arguments.add(coerced.get(i));
        }
        arguments.add(coerced.getLast());
        return call(Function.CASE, coerced.getFirst().type(), arguments);
    }

    private RowExpression cast(Cast cast)
    {
        RowExpression value = translate(cast.getExpression());
        Type target = TypeParser.parse(ExpressionFormatter.formatExpression(cast.getType()), cast);
        if (!io.trawl.engine.expression.CastSupport.isSupported(value.type(), target)) {
            throw Expressions.typeError(Locations.prefix(cast) + "Cannot cast %s to %s".formatted(value.type().getDisplayName(), target.getDisplayName()));
        }
        if (value.type().equals(target)) {
            return value;
        }
        return call(cast.isSafe() ? Function.TRY_CAST : Function.CAST, target, value);
    }

    private RowExpression extract(Extract extract)
    {
        RowExpression value = translate(extract.getExpression());
        if (!value.type().equals(DATE)) {
            throw Expressions.typeError(Locations.prefix(extract) + "Cannot extract " + extract.getField() + " from " + value.type().getDisplayName());
        }
        Function function = switch (extract.getField()) {
            case YEAR -> Function.YEAR;
            case QUARTER -> Function.QUARTER;
            case MONTH -> Function.MONTH;
            case WEEK -> Function.WEEK;
            case DAY, DAY_OF_MONTH -> Function.DAY;
            case DAY_OF_WEEK, DOW -> Function.DAY_OF_WEEK;
            case DAY_OF_YEAR, DOY -> Function.DAY_OF_YEAR;
            default -> throw new TrawlException(ErrorCode.NOT_SUPPORTED, Locations.prefix(extract) + "Cannot extract " + extract.getField() + " from a DATE");
        };
        return call(function, BIGINT, value);
    }

    private RowExpression arithmetic(ArithmeticBinaryExpression node)
    {
        Function function = switch (node.getOperator()) {
            case ADD -> Function.ADD;
            case SUBTRACT -> Function.SUBTRACT;
            case MULTIPLY -> Function.MULTIPLY;
            case DIVIDE -> Function.DIVIDE;
            case MODULO -> Function.MODULUS;
        };
        if (node.getRight() instanceof IntervalLiteral interval && (function == Function.ADD || function == Function.SUBTRACT)) {
            return dateInterval(translate(node.getLeft()), interval, function == Function.SUBTRACT, node);
        }
        if (node.getLeft() instanceof IntervalLiteral interval && function == Function.ADD) {
            return dateInterval(translate(node.getRight()), interval, false, node);
        }
        return arithmetic(function, translate(node.getLeft()), translate(node.getRight()), node);
    }

    static RowExpression arithmetic(Function function, RowExpression left, RowExpression right, Expression node)
    {
        Type operandType = TypeCoercion.arithmeticOperandType(left.type(), right.type()).orElseThrow(() -> Expressions.typeError(
                Locations.prefix(node) + "Cannot apply operator: %s %s %s".formatted(left.type().getDisplayName(), function.name().toLowerCase(Locale.ROOT), right.type().getDisplayName())));
        if (operandType instanceof DecimalType) {
            DecimalType leftDecimal = TypeCoercion.toDecimal(TypeCoercion.isUnknown(left.type()) ? operandType : left.type());
            DecimalType rightDecimal = TypeCoercion.toDecimal(TypeCoercion.isUnknown(right.type()) ? operandType : right.type());
            DecimalType result = io.trawl.engine.expression.DecimalTypes.resultType(function, leftDecimal, rightDecimal);
            return call(function, result, coerce(left, leftDecimal), coerce(right, rightDecimal));
        }
        return call(function, operandType, coerce(left, operandType), coerce(right, operandType));
    }

    private RowExpression dateInterval(RowExpression date, IntervalLiteral interval, boolean subtract, Expression node)
    {
        if (!date.type().equals(DATE)) {
            throw Expressions.typeError(Locations.prefix(node) + "Cannot add an INTERVAL to " + date.type().getDisplayName());
        }
        if (!(interval.qualifier() instanceof SimpleIntervalQualifier qualifier)) {
            throw new TrawlException(ErrorCode.NOT_SUPPORTED, Locations.prefix(node) + "Only single-field intervals (DAY, MONTH, YEAR) are supported");
        }
        long amount;
        try {
            amount = Long.parseLong(interval.getValue().trim()) * interval.getSign().multiplier() * (subtract ? -1 : 1);
        }
        catch (NumberFormatException e) {
            throw new TrawlException(ErrorCode.INVALID_ARGUMENT, Locations.prefix(node) + "Invalid interval value '" + interval.getValue() + "'");
        }
        IntervalField field = qualifier.getField();
        return switch (field.name().toUpperCase(Locale.ROOT)) {
            case "DAY" -> call(Function.DATE_ADD_DAYS, DATE, date, new Constant(amount, BIGINT));
            case "MONTH" -> call(Function.DATE_ADD_MONTHS, DATE, date, new Constant(amount, BIGINT));
            case "YEAR" -> call(Function.DATE_ADD_MONTHS, DATE, date, new Constant(amount * 12, BIGINT));
            default -> throw new TrawlException(ErrorCode.NOT_SUPPORTED, Locations.prefix(node) + "INTERVAL " + field.name() + " cannot be added to a DATE");
        };
    }

    private RowExpression functionCall(FunctionCall node)
    {
        String name = node.getName().getSuffix().toLowerCase(Locale.ROOT);
        if (node.getWindow().isPresent() || AggregateFunctions.isAggregate(name)) {
            throw new TrawlException(ErrorCode.INVALID_ARGUMENT, Locations.prefix(node) + "'" + ExpressionFormatter.formatExpression(node)
                    + "' is an aggregate or window function and cannot be used here (e.g. in WHERE, GROUP BY, or nested in another aggregate)");
        }
        List<RowExpression> arguments = node.argumentValues().stream().map(this::translate).toList();
        return ScalarFunctions.resolve(name, arguments, node);
    }
}
