package io.trawl.bench;

import io.trawl.datagen.TpchFormat;
import io.trawl.testing.tpch.TpchLake;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class EstimateCommandTest
{
    private static final Pattern QUERY_ROW = Pattern.compile("^Q(\\d\\d)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+\\.\\d{4})\\s+(\\$\\d+\\.\\d+)\\s+(\\d+)\\s+(\\S.*)$");

    @Test
    void printsEachQuerysEstimateNextToItsBytesScannedAndTotals()
    {
        Path data = TpchLake.dataDirectory(TpchLake.DEFAULT_SCALE_FACTOR, TpchFormat.PARQUET);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        CommandLine commandLine = new CommandLine(new BenchMain());
        EstimateCommand command = commandLine.getSubcommands().get("estimate").getCommand();
        command.out = new PrintStream(printed, true, StandardCharsets.UTF_8);

        int exitCode = commandLine.execute("estimate", "--sf", "0.01", "--data", data.toString(), "--queries", "1,6,21");

        String report = printed.toString(StandardCharsets.UTF_8);
        assertThat(exitCode).as("every query ran: %s", report).isZero();
        List<String> lines = report.lines().toList();
        assertThat(lines).as("title, header, 3 queries, two total lines, load at the end").hasSize(8);
        assertThat(lines.get(1)).as("column titles").contains("estimated", "actual", "ratio", "est. cost", "metadata", "tables scanned");
        List<Matcher> rows = lines.subList(2, 5).stream().map(QUERY_ROW::matcher).toList();
        assertThat(rows).as("one row per query: %s", report).allMatch(Matcher::matches);
        assertThat(rows.stream().map(row -> row.group(1)).toList()).containsExactly("01", "06", "21");
        for (Matcher row : rows) {
            long estimated = Long.parseLong(row.group(2));
            long actual = Long.parseLong(row.group(3));
            assertThat(actual).as("Q%s bytes scanned", row.group(1)).isPositive();
            assertThat(estimated).as("Q%s estimate within 10%% of the bytes scanned", row.group(1)).isBetween(actual * 9 / 10, actual * 11 / 10);
            assertThat(row.group(4)).as("Q%s ratio", row.group(1)).isEqualTo(String.format(java.util.Locale.ROOT, "%.4f", estimated / (double) actual));
            assertThat(Long.parseLong(row.group(6))).as("Q%s footers read", row.group(1)).isPositive();
        }
        assertThat(rows.get(2).group(7)).as("Q21 scans lineitem three times").contains("lineitem x3", "orders", "supplier", "nation");
        assertThat(lines.get(5)).as("totals row").startsWith("total").contains("3/3 queries ran");
        assertThat(lines.get(6)).as("totals in words").startsWith("total  estimated").contains("largest deviation");
    }
}
