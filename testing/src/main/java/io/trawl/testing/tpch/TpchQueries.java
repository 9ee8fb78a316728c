package io.trawl.testing.tpch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The 22 TPC-H queries with the standard validation parameters, in SQL that both Trino's dialect and DuckDB
 * accept, without a trailing semicolon. Table names are unqualified: run them with the TPC-H schema as the
 * session schema.
 */
public final class TpchQueries
{
    public static final int QUERY_COUNT = 22;

    // Q11's threshold is a fraction of the total value, 0.0001 / SF; the text spells the scale factor as SF
    private static final Pattern SCALE_FACTOR_TOKEN = Pattern.compile("\\bSF\\b");
    private static final Pattern ORDER_BY = Pattern.compile("(?i)\\border\\s+by\\b");

    private TpchQueries() {}

    public static String query(int number, double scaleFactor)
    {
        if (number < 1 || number > QUERY_COUNT) {
            throw new IllegalArgumentException("TPC-H has queries 1 to 22, not " + number);
        }
        if (!(scaleFactor > 0)) {
            throw new IllegalArgumentException("scale factor must be positive: " + scaleFactor);
        }
        String text = readResource("q%02d.sql".formatted(number)).strip();
        if (text.endsWith(";")) {
            text = text.substring(0, text.length() - 1).strip();
        }
        return SCALE_FACTOR_TOKEN.matcher(text).replaceAll(BigDecimal.valueOf(scaleFactor).stripTrailingZeros().toPlainString());
    }

    /**
     * Whether the query's outermost SELECT orders its rows. In the TPC-H texts an ORDER BY only ever appears
     * at the end of the outermost query, so its presence anywhere says so.
     */
    /**
     * The result columns each query's ORDER BY sorts on (0-based), for comparisons that allow ties;
     * empty for queries without ORDER BY.
     */
    public static List<Integer> sortKeys(int number)
    {
        return switch (number) {
            case 1, 9, 7 -> number == 7 ? List.of(0, 1, 2) : List.of(0, 1);
            case 2 -> List.of(0, 2, 1, 3);
            case 3 -> List.of(1, 2);
            case 4, 8, 12, 15, 20, 22 -> List.of(0);
            case 5, 11 -> List.of(1);
            case 10 -> List.of(2);
            case 13 -> List.of(1, 0);
            case 16 -> List.of(3, 0, 1, 2);
            case 18 -> List.of(4, 3);
            case 21 -> List.of(1, 0);
            case 6, 14, 17, 19 -> List.of();
            default -> throw new IllegalArgumentException("TPC-H has queries 1 to 22, not " + number);
        };
    }

    public static boolean isOrdered(int number)
    {
        return ORDER_BY.matcher(query(number, 1)).find();
    }

    private static String readResource(String name)
    {
        try (InputStream input = TpchQueries.class.getResourceAsStream(name)) {
            if (input == null) {
                throw new IllegalStateException("missing resource io/trawl/testing/tpch/" + name);
            }
            return new String(input.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
