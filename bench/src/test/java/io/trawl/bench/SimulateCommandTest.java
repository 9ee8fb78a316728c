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

class SimulateCommandTest
{
    private static final Pattern TITLE = Pattern.compile("^TPC-H Q(\\d+) at SF 1: lineitem \\((.*)\\); (\\d+) splits at SF 0\\.01 x100 = (\\d+) splits -> (\\d+) tasks; .*$");
    private static final Pattern ROW = Pattern.compile("^\\s*(\\d+)\\s+(\\d+)\\s+(\\d+\\.\\d\\d)\\s+(\\d+\\.\\d)\\s+(cpu|network)\\s+(\\d+)\\s+(\\d+\\.\\d\\d)\\s+(\\d+\\.\\d)\\s+\\$(\\d+\\.\\d{4})\\s+\\$(\\d+\\.\\d{4})\\s+(\\d+\\.\\d{3})$");

    @Test
    void predictsEachWorkerCountAndMemorySizeFromTheRealSplitsScaledUp()
    {
        Path data = TpchLake.dataDirectory(TpchLake.DEFAULT_SCALE_FACTOR, TpchFormat.PARQUET);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        CommandLine commandLine = new CommandLine(new BenchMain());
        SimulateCommand command = commandLine.getSubcommands().get("simulate").getCommand();
        command.out = new PrintStream(printed, true, StandardCharsets.UTF_8);

        int exitCode = commandLine.execute("simulate", "--sf", "0.01", "--data", data.toString(), "--scale-to-sf", "1",
                "--queries", "1,6", "--workers", "1,4", "--memory", "512,1769", "--task-mib", "1");

        String report = printed.toString(StandardCharsets.UTF_8);
        assertThat(exitCode).as(report).isZero();
        List<String> lines = report.lines().filter(line -> !line.isBlank()).toList();
        assertThat(lines).as("model line, then per query a title, column titles and 2 x 2 rows: %s", report).hasSize(1 + 2 * 6);
        assertThat(lines.getFirst()).startsWith("Lambda scan model: 160 MB/s per core, 78 MB/s network per function, 1 vCPU per 1769 MB");
        for (int query = 0; query < 2; query++) {
            Matcher title = TITLE.matcher(lines.get(1 + query * 6));
            assertThat(title.matches()).as(lines.get(1 + query * 6)).isTrue();
            assertThat(Long.parseLong(title.group(4))).isEqualTo(100 * Long.parseLong(title.group(3)));
            int tasks = Integer.parseInt(title.group(5));
            List<Matcher> rows = lines.subList(3 + query * 6, 7 + query * 6).stream().map(ROW::matcher).toList();
            assertThat(rows).as(report).allMatch(Matcher::matches);
            assertThat(rows.stream().map(row -> row.group(1) + "x" + row.group(2) + " " + row.group(5)).toList())
                    .as("512 MB is CPU-bound at 46 MB/s, 1,769 MB network-bound at 78 MB/s")
                    .containsExactly("1x512 cpu", "4x512 cpu", "1x1769 network", "4x1769 network");
            for (Matcher row : rows) {
                assertThat(Integer.parseInt(row.group(6))).as("environments").isEqualTo(Math.min(Integer.parseInt(row.group(1)), tasks));
            }
            assertThat(Double.parseDouble(rows.get(1).group(7))).as("four workers finish sooner than one").isLessThan(Double.parseDouble(rows.get(0).group(7)));
        }
        assertThat(lines.get(1)).as("Q1's columns").contains("l_returnflag", "l_linestatus", "l_quantity", "l_extendedprice", "l_discount", "l_tax", "l_shipdate");
    }
}
