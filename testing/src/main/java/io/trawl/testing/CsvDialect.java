package io.trawl.testing;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * How a delimited text table's files are written, as its DDL declares it: LazySimpleSerDe's
 * {@code FIELDS TERMINATED BY} (no quoting) or OpenCSVSerde's separator, quote and escape characters, and
 * {@code skip.header.line.count}.
 */
public record CsvDialect(char delimiter, Optional<Character> quote, Optional<Character> escape, int headerLines)
{
    /** Comma-delimited, no quoting, one header line: the TPC-H CSV files of the shared contract. */
    public static final CsvDialect COMMA_WITH_HEADER = new CsvDialect(',', Optional.empty(), Optional.empty(), 1);

    public CsvDialect
    {
        requireNonNull(quote, "quote is null");
        requireNonNull(escape, "escape is null");
        if (headerLines < 0) {
            throw new IllegalArgumentException("headerLines is negative: " + headerLines);
        }
    }
}
