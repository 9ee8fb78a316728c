package io.trawl.testing;

import io.trawl.engine.ResultColumn;
import io.trino.spi.type.DecimalType;
import io.trino.spi.type.DoubleType;
import io.trino.spi.type.RealType;
import io.trino.spi.type.Type;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Compares our rows with an oracle's rows (both as plain Java values, see {@link TrawlRows} and
 * {@link DuckDbOracle}).
 *
 * <p>Our result types follow Trino, not DuckDB (e.g. {@code avg} of a {@code decimal(15,2)} is a
 * {@code decimal(15,2)} in Trino and a {@code double} in DuckDB), so the comparison allows for the rounding
 * of the declared scale — and nothing else:
 * <ul>
 *   <li>a DECIMAL column of scale {@code s} in our result accepts {@code |ours - oracle| <= 0.5 * 10^-s},
 *       plus a tiny epsilon when the oracle's value is a double (its binary representation);</li>
 *   <li>a DOUBLE (or REAL) column accepts a relative difference of at most 1e-9 (absolute 1e-9 near zero);</li>
 *   <li>everything else is exact: integers by value whatever their boxing, strings, dates, booleans.</li>
 * </ul>
 */
public final class ResultComparison
{
    static final double DOUBLE_TOLERANCE = 1e-9;
    // a double carries ~16 significant digits; sums computed in double lose a few more
    private static final double ORACLE_DOUBLE_RELATIVE_EPSILON = 1e-12;

    private ResultComparison() {}

    public static void assertMatches(List<ResultColumn> ourColumns, List<List<Object>> ours, List<List<Object>> oracle, boolean ordered)
    {
        assertMatches("", ourColumns, ours, oracle, ordered);
    }

    /**
     * @param query shown in the failure message, so a failing oracle test says which query it ran
     * @throws AssertionError naming the first differing row and column with both values
     */
    public static void assertMatches(String query, List<ResultColumn> ourColumns, List<List<Object>> ours, List<List<Object>> oracle, boolean ordered)
    {
        requireNonNull(query, "query is null");
        requireNonNull(ourColumns, "ourColumns is null");
        requireNonNull(ours, "ours is null");
        requireNonNull(oracle, "oracle is null");

        List<Type> types = ourColumns.stream().map(ResultColumn::type).toList();
        checkWidths("ours", types, ours, query);
        checkWidths("oracle", types, oracle, query);
        if (ours.size() != oracle.size()) {
            throw new AssertionError(failure(query, "row count differs: ours has %d rows, oracle has %d rows%s".formatted(
                    ours.size(), oracle.size(), firstRows(ours, oracle))));
        }

        List<List<Object>> left = ours;
        List<List<Object>> right = oracle;
        if (!ordered) {
            Comparator<List<Object>> canonical = canonicalOrder(types);
            left = new ArrayList<>(ours);
            right = new ArrayList<>(oracle);
            left.sort(canonical);
            right.sort(canonical);
        }

        for (int row = 0; row < left.size(); row++) {
            for (int column = 0; column < types.size(); column++) {
                Object ourValue = left.get(row).get(column);
                Object oracleValue = right.get(row).get(column);
                if (!valuesMatch(types.get(column), ourValue, oracleValue)) {
                    throw new AssertionError(failure(query, "%s row %d differs at column %d (%s %s): ours = %s, oracle = %s%n  our row:    %s%n  oracle row: %s".formatted(
                            ordered ? "" : "after sorting both results,",
                            row,
                            column,
                            ourColumns.get(column).name(),
                            types.get(column).getDisplayName(),
                            describe(ourValue),
                            describe(oracleValue),
                            left.get(row),
                            right.get(row)).strip()));
                }
            }
        }
    }

    /**
     * An ordered comparison that allows for ties: the sort-key columns must match row by row, and rows whose
     * sort keys are equal (a run of ties, which either engine may emit in any order) must match as a multiset.
     * An empty key list compares unordered.
     */
    public static void assertMatches(String query, List<ResultColumn> ourColumns, List<List<Object>> ours, List<List<Object>> oracle, List<Integer> sortKeyColumns)
    {
        if (sortKeyColumns.isEmpty()) {
            assertMatches(query, ourColumns, ours, oracle, false);
            return;
        }
        List<Type> types = ourColumns.stream().map(ResultColumn::type).toList();
        if (ours.size() != oracle.size()) {
            assertMatches(query, ourColumns, ours, oracle, false);
            return;
        }
        List<ResultColumn> keyColumns = sortKeyColumns.stream().map(ourColumns::get).toList();
        List<List<Object>> ourKeys = ours.stream().map(row -> sortKeyColumns.stream().map(row::get).toList()).toList();
        List<List<Object>> oracleKeys = oracle.stream().map(row -> sortKeyColumns.stream().map(row::get).toList()).toList();
        assertMatches(query + " [sort keys, in order]", keyColumns, ourKeys, oracleKeys, true);
        int start = 0;
        while (start < oracle.size()) {
            int end = start + 1;
            while (end < oracle.size() && sameKeys(types, sortKeyColumns, oracle.get(start), oracle.get(end))) {
                end++;
            }
            assertMatches(query + " [rows %d..%d, tied on the sort keys]".formatted(start, end - 1), ourColumns, ours.subList(start, end), oracle.subList(start, end), false);
            start = end;
        }
    }

    private static boolean sameKeys(List<Type> types, List<Integer> keys, List<Object> left, List<Object> right)
    {
        for (int key : keys) {
            if (!valuesMatch(types.get(key), left.get(key), right.get(key)) && !(left.get(key) == null && right.get(key) == null)) {
                return false;
            }
        }
        return true;
    }

    /** Whether one value of ours matches the oracle's value, for a column of our type {@code ourType}. */
    static boolean valuesMatch(Type ourType, Object ours, Object oracle)
    {
        if (ours == null || oracle == null) {
            return ours == null && oracle == null;
        }
        if (ourType instanceof DecimalType decimalType) {
            return decimalsMatch(decimalType.getScale(), ours, oracle);
        }
        if (ourType instanceof DoubleType || ourType instanceof RealType) {
            return doublesMatch(ours, oracle);
        }
        if (isNumber(ours) && isNumber(oracle)) {
            // integers compare by value, whatever the boxing (Long, Integer, BigInteger from HUGEINT)
            return toBigDecimal(ours).compareTo(toBigDecimal(oracle)) == 0;
        }
        return ours.equals(oracle);
    }

    private static boolean decimalsMatch(int scale, Object ours, Object oracle)
    {
        if (!isNumber(ours) || !isNumber(oracle)) {
            return false;
        }
        BigDecimal ourValue = toBigDecimal(ours);
        BigDecimal oracleValue = toBigDecimal(oracle);
        BigDecimal tolerance = BigDecimal.ONE.scaleByPowerOfTen(-scale).divide(BigDecimal.TWO);
        if (oracle instanceof Double || oracle instanceof Float) {
            BigDecimal representation = oracleValue.abs().multiply(BigDecimal.valueOf(ORACLE_DOUBLE_RELATIVE_EPSILON), MathContext.DECIMAL64);
            tolerance = tolerance.add(representation);
        }
        return ourValue.subtract(oracleValue).abs().compareTo(tolerance) <= 0;
    }

    private static boolean doublesMatch(Object ours, Object oracle)
    {
        if (!isNumber(ours) || !isNumber(oracle)) {
            return false;
        }
        double ourValue = ((Number) ours).doubleValue();
        double oracleValue = ((Number) oracle).doubleValue();
        if (Double.isNaN(ourValue) || Double.isNaN(oracleValue)) {
            return Double.isNaN(ourValue) && Double.isNaN(oracleValue);
        }
        if (ourValue == oracleValue) {
            return true;
        }
        double difference = Math.abs(ourValue - oracleValue);
        double magnitude = Math.max(Math.abs(ourValue), Math.abs(oracleValue));
        return difference <= DOUBLE_TOLERANCE || difference <= DOUBLE_TOLERANCE * magnitude;
    }

    private static boolean isNumber(Object value)
    {
        return value instanceof Number;
    }

    private static BigDecimal toBigDecimal(Object number)
    {
        return switch (number) {
            case BigDecimal decimal -> decimal;
            case BigInteger integer -> new BigDecimal(integer);
            case Double value -> new BigDecimal(value);
            case Float value -> new BigDecimal(value);
            case Number value -> BigDecimal.valueOf(value.longValue());
            default -> throw new IllegalArgumentException("not a number: " + number);
        };
    }

    /**
     * Exact columns first, approximate (decimal, double) columns last: values that differ only within the
     * tolerance then cannot make the two sides sort differently unless two rows agree on every exact column.
     */
    private static Comparator<List<Object>> canonicalOrder(List<Type> types)
    {
        List<Integer> order = new ArrayList<>();
        for (int column = 0; column < types.size(); column++) {
            if (!isApproximate(types.get(column))) {
                order.add(column);
            }
        }
        for (int column = 0; column < types.size(); column++) {
            if (isApproximate(types.get(column))) {
                order.add(column);
            }
        }
        return (left, right) -> {
            for (int column : order) {
                int comparison = compareValues(left.get(column), right.get(column));
                if (comparison != 0) {
                    return comparison;
                }
            }
            return 0;
        };
    }

    private static boolean isApproximate(Type type)
    {
        return type instanceof DecimalType || type instanceof DoubleType || type instanceof RealType;
    }

    private static int compareValues(Object left, Object right)
    {
        if (left == null || right == null) {
            return left == null ? (right == null ? 0 : -1) : 1;
        }
        if (isNumber(left) && isNumber(right)) {
            return toBigDecimal(left).compareTo(toBigDecimal(right));
        }
        if (left instanceof String leftString && right instanceof String rightString) {
            return leftString.compareTo(rightString);
        }
        if (left instanceof LocalDate leftDate && right instanceof LocalDate rightDate) {
            return leftDate.compareTo(rightDate);
        }
        if (left instanceof Boolean leftBoolean && right instanceof Boolean rightBoolean) {
            return leftBoolean.compareTo(rightBoolean);
        }
        // different kinds of value in one column: order by kind so the sort is still total and stable
        return left.getClass().getName().compareTo(right.getClass().getName());
    }

    private static void checkWidths(String side, List<Type> types, List<List<Object>> rows, String query)
    {
        for (int row = 0; row < rows.size(); row++) {
            if (rows.get(row).size() != types.size()) {
                throw new AssertionError(failure(query, "%s row %d has %d columns, expected %d: %s".formatted(
                        side, row, rows.get(row).size(), types.size(), rows.get(row))));
            }
        }
    }

    private static String firstRows(List<List<Object>> ours, List<List<Object>> oracle)
    {
        return "%n  ours (first rows):   %s%n  oracle (first rows): %s".formatted(
                ours.subList(0, Math.min(5, ours.size())),
                oracle.subList(0, Math.min(5, oracle.size())));
    }

    private static String describe(Object value)
    {
        return value == null ? "NULL" : "%s (%s)".formatted(value, value.getClass().getSimpleName());
    }

    private static String failure(String query, String detail)
    {
        return query.isBlank() ? detail : "%s%nquery:%n%s".formatted(detail, query.strip());
    }
}
