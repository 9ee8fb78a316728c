package io.trawl.api.glue;

import io.airlift.slice.Slices;
import io.trawl.api.glue.PartitionExpression.Between;
import io.trawl.api.glue.PartitionExpression.Comparison;
import io.trawl.api.glue.PartitionExpression.In;
import io.trawl.api.glue.PartitionExpression.IsNull;
import io.trawl.api.glue.PartitionExpression.Like;
import io.trawl.api.glue.PartitionExpression.Literal;
import io.trawl.api.glue.PartitionExpression.Operator;
import io.trawl.api.glue.PartitionExpression.Predicate;
import io.trawl.catalog.Column;
import io.trawl.catalog.HiveTypes;
import io.trawl.catalog.Partition;
import io.trawl.catalog.Table;
import io.trawl.error.TrawlException;
import io.trino.spi.predicate.Domain;
import io.trino.spi.predicate.Range;
import io.trino.spi.predicate.TupleDomain;
import io.trino.spi.predicate.ValueSet;
import io.trino.spi.type.BigintType;
import io.trino.spi.type.DateType;
import io.trino.spi.type.DecimalType;
import io.trino.spi.type.IntegerType;
import io.trino.spi.type.SmallintType;
import io.trino.spi.type.TinyintType;
import io.trino.spi.type.Type;
import io.trino.spi.type.VarcharType;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * A GetPartitions Expression checked against one table: every name is one of its partition keys, every value fits
 * the key. Keys of integer, decimal and date types compare as numbers and dates (so {@code year > 9} holds for 2024),
 * all others as strings, by code point. A NULL partition value is Hive's {@code __HIVE_DEFAULT_PARTITION__}: a key of
 * a string type compares it as that string, as Glue does; for a typed key it is SQL's NULL, which {@code IS NULL} and
 * {@code = '__HIVE_DEFAULT_PARTITION__'} select and which no other comparison holds for (three-valued logic).
 *
 * <p>{@link #domain()} is what the catalog can prune with while listing: a superset of the partitions the expression
 * selects, per key (LIKE and decimal keys are not narrowed). {@link #matches} is exact and is applied to what the
 * listing returns: the contract is pushdown with a remainder.
 */
final class PartitionFilter
{
    private static final Comparator<String> CODE_POINT_ORDER = PartitionFilter::compareCodePoints;

    private final Node root;

    private PartitionFilter(Node root)
    {
        this.root = requireNonNull(root, "root is null");
    }

    /** Everything passes: an absent or blank Expression. */
    static PartitionFilter all()
    {
        return new PartitionFilter(new Constant());
    }

    /**
     * @throws PartitionExpressionException for an expression that does not parse, names a key the table does not
     * have, or compares a key with a value its type cannot hold
     */
    static PartitionFilter of(Table table, String expression)
    {
        if (expression == null || expression.isBlank()) {
            return all();
        }
        return new PartitionFilter(bind(table, PartitionExpression.parse(expression)));
    }

    TupleDomain<String> domain()
    {
        return root.domain(false);
    }

    boolean matches(Partition partition)
    {
        return matches(partition.values());
    }

    boolean matches(List<String> values)
    {
        return Boolean.TRUE.equals(root.evaluate(values));
    }

    // ---- binding

    private static Node bind(Table table, Predicate predicate)
    {
        return switch (predicate) {
            case PartitionExpression.And and -> new AndNode(bind(table, and.left()), bind(table, and.right()));
            case PartitionExpression.Or or -> new OrNode(bind(table, or.left()), bind(table, or.right()));
            case PartitionExpression.Not not -> new NotNode(bind(table, not.operand()));
            case Comparison comparison -> bindComparison(keyOf(table, comparison.key()), comparison);
            case Between between -> {
                KeyRef key = keyOf(table, between.key());
                yield new BetweenNode(key, key.value(between.low()), key.value(between.high()));
            }
            case In in -> {
                KeyRef key = keyOf(table, in.key());
                yield new InNode(key, in.values().stream().map(key::value).toList());
            }
            case Like like -> {
                KeyRef key = keyOf(table, like.key());
                yield new LikeNode(key, likePattern(like.pattern().text()));
            }
            case IsNull isNull -> new IsNullNode(keyOf(table, isNull.key()));
        };
    }

    private static Node bindComparison(KeyRef key, Comparison comparison)
    {
        Literal value = comparison.value();
        if (key.kind() != KeyKind.STRING && value.quoted() && value.text().equals(Partition.HIVE_DEFAULT_PARTITION)) {
            // Hive's NULL spelled out: the only comparisons it makes sense in are = and <>
            return switch (comparison.operator()) {
                case EQUAL -> new IsNullNode(key);
                case NOT_EQUAL -> new NotNode(new IsNullNode(key));
                default -> throw new PartitionExpressionException(value.position(),
                        "%s is NULL; compare it with = or <> only".formatted(Partition.HIVE_DEFAULT_PARTITION));
            };
        }
        return new ComparisonNode(key, comparison.operator(), key.value(value));
    }

    private static KeyRef keyOf(Table table, PartitionExpression.Key key)
    {
        List<Column> keys = table.partitionKeys();
        for (int i = 0; i < keys.size(); i++) {
            if (keys.get(i).name().equalsIgnoreCase(key.name())) {
                Column column = keys.get(i);
                Type type;
                try {
                    type = HiveTypes.toTrinoType(column.type());
                }
                catch (TrawlException e) {
                    type = VarcharType.VARCHAR;
                }
                return new KeyRef(i, column.name().toLowerCase(Locale.ROOT), column.type(), KeyKind.of(type), type, key.position());
            }
        }
        throw new PartitionExpressionException(key.position(), keys.isEmpty()
                ? "table %s is not partitioned, so there is no partition key '%s'".formatted(table.name(), key.name())
                : "'%s' is not a partition key of table %s (its partition keys: %s)".formatted(key.name(), table.name(),
                        String.join(", ", keys.stream().map(Column::name).toList())));
    }

    private static Pattern likePattern(String pattern)
    {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '%') {
                regex.append(".*");
            }
            else if (c == '_') {
                regex.append('.');
            }
            else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    /** Strings by code point, which is also the order of their UTF-8 bytes and so of Trino's varchar values. */
    static int compareCodePoints(String left, String right)
    {
        int i = 0;
        int j = 0;
        while (i < left.length() && j < right.length()) {
            int a = left.codePointAt(i);
            int b = right.codePointAt(j);
            if (a != b) {
                return Integer.compare(a, b);
            }
            i += Character.charCount(a);
            j += Character.charCount(b);
        }
        return Boolean.compare(i < left.length(), j < right.length());
    }

    // ---- keys and values

    /** How a key's values compare. */
    private enum KeyKind
    {
        INTEGER, DECIMAL, DATE, STRING;

        static KeyKind of(Type type)
        {
            if (type instanceof BigintType || type instanceof IntegerType || type instanceof SmallintType || type instanceof TinyintType) {
                return INTEGER;
            }
            if (type instanceof DecimalType) {
                return DECIMAL;
            }
            if (type instanceof DateType) {
                return DATE;
            }
            return STRING;
        }
    }

    /**
     * A value of a key in comparable form: BigDecimal for numbers, LocalDate for dates, String for strings;
     * {@code native} is Trino's representation for a domain, or null where the key's domain is not narrowed.
     */
    private record Value(Comparable<?> comparable, Object nativeValue) {}

    private record KeyRef(int index, String name, String hiveType, KeyKind kind, Type type, int position)
    {
        /** The literal as a value of this key. */
        Value value(Literal literal)
        {
            try {
                return switch (kind) {
                    case INTEGER -> {
                        BigDecimal number = new BigDecimal(literal.text());
                        yield new Value(number, integral(number) ? (Object) number.longValueExact() : null);
                    }
                    case DECIMAL -> new Value(new BigDecimal(literal.text()), null);
                    case DATE -> {
                        if (!literal.quoted()) {
                            throw new IllegalArgumentException("a date is a string");
                        }
                        LocalDate date = LocalDate.parse(literal.text());
                        yield new Value(date, date.toEpochDay());
                    }
                    case STRING -> new Value(literal.text(), type instanceof VarcharType ? Slices.utf8Slice(literal.text()) : null);
                };
            }
            catch (IllegalArgumentException | DateTimeParseException | ArithmeticException e) {
                throw invalidValue(literal);
            }
        }

        private PartitionExpressionException invalidValue(Literal literal)
        {
            String expected = switch (kind) {
                case INTEGER, DECIMAL -> "a number";
                case DATE -> "a date in single quotes ('yyyy-mm-dd')";
                case STRING -> "a string";
            };
            return new PartitionExpressionException(literal.position(), "%s is not a valid value for partition key '%s' of type %s: expected %s"
                    .formatted(literal.describe(), name, hiveType, expected));
        }

        /** The partition's value of this key in comparable form; null for NULL (except for string keys, see the class comment). */
        Comparable<?> valueOf(List<String> values)
        {
            String text = values.get(index);
            if (kind == KeyKind.STRING) {
                return text;
            }
            if (text.equals(Partition.HIVE_DEFAULT_PARTITION)) {
                return null;
            }
            try {
                return switch (kind) {
                    case INTEGER, DECIMAL -> new BigDecimal(text.trim());
                    case DATE -> LocalDate.parse(text.trim());
                    case STRING -> text;
                };
            }
            catch (NumberFormatException | DateTimeParseException e) {
                // stored before its key's type was checked: it compares with nothing
                return null;
            }
        }

        boolean isNull(List<String> values)
        {
            return values.get(index).equals(Partition.HIVE_DEFAULT_PARTITION);
        }

        /** Whether this key's domain can be narrowed: Trino's native values of integers, dates and varchars are what the catalog prunes with. */
        boolean narrowable()
        {
            return kind == KeyKind.INTEGER || kind == KeyKind.DATE || (kind == KeyKind.STRING && type instanceof VarcharType);
        }

        TupleDomain<String> domain(Domain domain)
        {
            return TupleDomain.withColumnDomains(Map.of(name, domain));
        }

        /** For an atom over this key: its values narrowed to {@code values}, NULL admitted as {@code nullAllowed}. */
        TupleDomain<String> domain(ValueSet values, boolean nullAllowed)
        {
            return domain(Domain.create(values, nullAllowed));
        }

        /** For a string key, whether Hive's NULL partition passes {@code atom} (negated or not); typed keys never pass a comparison with NULL. */
        boolean admitsNull(Node atom, boolean negated)
        {
            if (kind != KeyKind.STRING) {
                return false;
            }
            List<String> values = new ArrayList<>();
            for (int i = 0; i <= index; i++) {
                values.add(Partition.HIVE_DEFAULT_PARTITION);
            }
            Boolean result = atom.evaluate(values);
            return Boolean.TRUE.equals(negated ? not(result) : result);
        }
    }

    private static boolean integral(BigDecimal number)
    {
        try {
            number.longValueExact();
            return true;
        }
        catch (ArithmeticException e) {
            return false;
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(KeyRef key, Comparable<?> left, Comparable<?> right)
    {
        if (key.kind() == KeyKind.STRING) {
            return CODE_POINT_ORDER.compare((String) left, (String) right);
        }
        return ((Comparable) left).compareTo(right);
    }

    private static Boolean not(Boolean value)
    {
        return value == null ? null : !value;
    }

    // ---- the bound tree: Kleene logic for evaluation, per-key domains for pruning

    private sealed interface Node
            permits Constant, AndNode, OrNode, NotNode, ComparisonNode, BetweenNode, InNode, LikeNode, IsNullNode
    {
        /** TRUE, FALSE or null for unknown (a typed key that is NULL). */
        Boolean evaluate(List<String> values);

        /** A superset of the partitions for which this node (or, when {@code negated}, its negation) is TRUE. */
        TupleDomain<String> domain(boolean negated);
    }

    private record Constant()
            implements Node
    {
        @Override
        public Boolean evaluate(List<String> values)
        {
            return true;
        }

        @Override
        public TupleDomain<String> domain(boolean negated)
        {
            return negated ? TupleDomain.none() : TupleDomain.all();
        }
    }

    private record AndNode(Node left, Node right)
            implements Node
    {
        @Override
        public Boolean evaluate(List<String> values)
        {
            Boolean a = left.evaluate(values);
            if (Boolean.FALSE.equals(a)) {
                return false;
            }
            Boolean b = right.evaluate(values);
            if (Boolean.FALSE.equals(b)) {
                return false;
            }
            return a == null || b == null ? null : true;
        }

        @Override
        public TupleDomain<String> domain(boolean negated)
        {
            return negated
                    ? TupleDomain.columnWiseUnion(left.domain(true), right.domain(true))
                    : left.domain(false).intersect(right.domain(false));
        }
    }

    private record OrNode(Node left, Node right)
            implements Node
    {
        @Override
        public Boolean evaluate(List<String> values)
        {
            Boolean a = left.evaluate(values);
            if (Boolean.TRUE.equals(a)) {
                return true;
            }
            Boolean b = right.evaluate(values);
            if (Boolean.TRUE.equals(b)) {
                return true;
            }
            return a == null || b == null ? null : false;
        }

        @Override
        public TupleDomain<String> domain(boolean negated)
        {
            return negated
                    ? left.domain(true).intersect(right.domain(true))
                    : TupleDomain.columnWiseUnion(left.domain(false), right.domain(false));
        }
    }

    private record NotNode(Node operand)
            implements Node
    {
        @Override
        public Boolean evaluate(List<String> values)
        {
            return not(operand.evaluate(values));
        }

        @Override
        public TupleDomain<String> domain(boolean negated)
        {
            return operand.domain(!negated);
        }
    }

    private record ComparisonNode(KeyRef key, Operator operator, Value value)
            implements Node
    {
        @Override
        public Boolean evaluate(List<String> values)
        {
            Comparable<?> partitionValue = key.valueOf(values);
            if (partitionValue == null) {
                return null;
            }
            int order = compare(key, partitionValue, value.comparable());
            return switch (operator) {
                case EQUAL -> order == 0;
                case NOT_EQUAL -> order != 0;
                case LESS -> order < 0;
                case LESS_OR_EQUAL -> order <= 0;
                case GREATER -> order > 0;
                case GREATER_OR_EQUAL -> order >= 0;
            };
        }

        @Override
        public TupleDomain<String> domain(boolean negated)
        {
            if (!key.narrowable() || value.nativeValue() == null) {
                return TupleDomain.all();
            }
            Type type = key.type();
            Object bound = value.nativeValue();
            ValueSet values = switch (negated ? operator.negate() : operator) {
                case EQUAL -> ValueSet.of(type, bound);
                case NOT_EQUAL -> ValueSet.of(type, bound).complement();
                case LESS -> ValueSet.ofRanges(Range.lessThan(type, bound));
                case LESS_OR_EQUAL -> ValueSet.ofRanges(Range.lessThanOrEqual(type, bound));
                case GREATER -> ValueSet.ofRanges(Range.greaterThan(type, bound));
                case GREATER_OR_EQUAL -> ValueSet.ofRanges(Range.greaterThanOrEqual(type, bound));
            };
            return key.domain(values, key.admitsNull(this, negated));
        }
    }

    private record BetweenNode(KeyRef key, Value low, Value high)
            implements Node
    {
        @Override
        public Boolean evaluate(List<String> values)
        {
            Comparable<?> partitionValue = key.valueOf(values);
            if (partitionValue == null) {
                return null;
            }
            return compare(key, partitionValue, low.comparable()) >= 0 && compare(key, partitionValue, high.comparable()) <= 0;
        }

        @Override
        public TupleDomain<String> domain(boolean negated)
        {
            if (!key.narrowable() || low.nativeValue() == null || high.nativeValue() == null) {
                return TupleDomain.all();
            }
            ValueSet values = compare(key, low.comparable(), high.comparable()) > 0
                    ? ValueSet.none(key.type())
                    : ValueSet.ofRanges(Range.range(key.type(), low.nativeValue(), true, high.nativeValue(), true));
            return key.domain(negated ? values.complement() : values, key.admitsNull(this, negated));
        }
    }

    private record InNode(KeyRef key, List<Value> values)
            implements Node
    {
        @Override
        public Boolean evaluate(List<String> partitionValues)
        {
            Comparable<?> partitionValue = key.valueOf(partitionValues);
            if (partitionValue == null) {
                return null;
            }
            for (Value value : values) {
                if (compare(key, partitionValue, value.comparable()) == 0) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public TupleDomain<String> domain(boolean negated)
        {
            if (!key.narrowable()) {
                return TupleDomain.all();
            }
            // a value the key's type cannot hold (2.5 for an integer key) equals none of its values: leave it out
            List<Object> nativeValues = new ArrayList<>();
            for (Value value : values) {
                if (value.nativeValue() != null) {
                    nativeValues.add(value.nativeValue());
                }
            }
            ValueSet set = nativeValues.isEmpty() ? ValueSet.none(key.type()) : ValueSet.copyOf(key.type(), nativeValues);
            return key.domain(negated ? set.complement() : set, key.admitsNull(this, negated));
        }
    }

    private record LikeNode(KeyRef key, Pattern pattern)
            implements Node
    {
        @Override
        public Boolean evaluate(List<String> values)
        {
            if (key.kind() != KeyKind.STRING && key.isNull(values)) {
                return null;
            }
            return pattern.matcher(values.get(key.index())).matches();
        }

        @Override
        public TupleDomain<String> domain(boolean negated)
        {
            return TupleDomain.all();
        }
    }

    private record IsNullNode(KeyRef key)
            implements Node
    {
        @Override
        public Boolean evaluate(List<String> values)
        {
            return key.isNull(values);
        }

        @Override
        public TupleDomain<String> domain(boolean negated)
        {
            if (!key.narrowable()) {
                return TupleDomain.all();
            }
            return key.domain(negated ? Domain.notNull(key.type()) : Domain.onlyNull(key.type()));
        }
    }
}
