package io.trawl.testing.tpch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
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
