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

class ScannedBytesCommandTest
{
    private static final Pattern QUERY_ROW = Pattern.compile("^Q(\\d\\d)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+\\.\\d{3})\\s+(\\d+)\\s+(\\d+\\.\\d{3})\\s+(yes|no)\\s+(\\S.*)$");

    @Test
    void printsTrawlBytesNextToNeededChunksPlusFootersForEachQueryAndTotals()
    {
        Path data = TpchLake.dataDirectory(TpchLake.DEFAULT_SCALE_FACTOR, TpchFormat.PARQUET);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        CommandLine commandLine = new CommandLine(new BenchMain());
        ScannedBytesCommand command = commandLine.getSubcommands().get("bytes").getCommand();
        command.out = new PrintStream(printed, true, StandardCharsets.UTF_8);

        int exitCode = commandLine.execute("bytes", "--sf", "0.01", "--data", data.toString(), "--queries", "1,6,21");

        String report = printed.toString(StandardCharsets.UTF_8);
        assertThat(exitCode).as("every query ran: %s", report).isZero();
        List<String> lines = report.lines().toList();
        assertThat(lines).as("header, title, 3 queries, two total lines, load at the end").hasSize(8);
        assertThat(lines.get(1)).as("column titles").contains("trawl bytes", "trawl no-merge", "needed bytes", "ratio", "needed/scan", "pruned", "tables scanned");
        List<Matcher> rows = lines.subList(2, 5).stream().map(QUERY_ROW::matcher).toList();
        assertThat(rows).as("one row per query: %s", report).allMatch(Matcher::matches);
        assertThat(rows.stream().map(row -> row.group(1)).toList()).containsExactly("01", "06", "21");
        for (Matcher row : rows) {
            long trawl = Long.parseLong(row.group(2));
            long unmerged = Long.parseLong(row.group(3));
            long needed = Long.parseLong(row.group(4));
            long neededPerScan = Long.parseLong(row.group(6));
            assertThat(trawl).as("Q%s bytes scanned", row.group(1)).isPositive();
            assertThat(unmerged).as("Q%s without merging, no gap between chunks is read", row.group(1)).isPositive().isLessThanOrEqualTo(trawl);
            assertThat(needed).as("Q%s needed bytes", row.group(1)).isPositive();
            assertThat(neededPerScan).as("Q%s counts each scan of a table at least once", row.group(1)).isGreaterThanOrEqualTo(needed);
        }
        assertThat(rows.get(0).group(9)).as("Q1 reads lineitem alone").isEqualTo("lineitem");
        assertThat(rows.get(2).group(9)).as("Q21 scans lineitem three times").contains("lineitem x3", "orders", "supplier", "nation");
        assertThat(lines.get(5)).as("totals row").startsWith("total").contains("3/3 queries ran");
    }
}
