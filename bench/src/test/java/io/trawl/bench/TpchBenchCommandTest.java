package io.trawl.bench;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TpchBenchCommandTest
{
    @Test
    void parsesScaleFactorDataRivalRunsAndQueryList()
    {
        CommandLine commandLine = new CommandLine(new BenchMain());
        CommandLine.ParseResult parsed = commandLine.parseArgs("tpch", "--sf", "0.1", "--data", "/tmp/tpch", "--vs", "duckdb", "--runs", "5", "--queries", "1,3,6");

        TpchBenchCommand command = parsed.subcommand().commandSpec().commandLine().getCommand();
        assertThat(command.scaleFactor).isEqualTo(0.1);
        assertThat(command.dataDirectory).isEqualTo(Path.of("/tmp/tpch"));
        assertThat(command.rival).isEqualTo(TpchBenchCommand.Rival.duckdb);
        assertThat(command.runs).isEqualTo(5);
        assertThat(command.queries).containsExactly(1, 3, 6);
    }

    @Test
    void defaultsToThreeRunsAndADataDirectoryPerScaleFactor()
    {
        CommandLine.ParseResult parsed = new CommandLine(new BenchMain()).parseArgs("tpch", "--sf", "1");

        TpchBenchCommand command = parsed.subcommand().commandSpec().commandLine().getCommand();
        assertThat(command.runs).isEqualTo(3);
        assertThat(command.rival).isNull();
        assertThat(TpchBenchCommand.defaultDataDirectory(1.0).toString()).endsWith("/.trawl/bench/tpch-sf1");
        assertThat(TpchBenchCommand.defaultDataDirectory(0.1).toString()).endsWith("/.trawl/bench/tpch-sf0.1");
    }

    @Test
    void splitsTablesIntoFourFilesPerScaleFactorUnit()
    {
        assertThat(TpchBenchCommand.filesPerTable(0.01)).isEqualTo(1);
        assertThat(TpchBenchCommand.filesPerTable(1)).isEqualTo(4);
        assertThat(TpchBenchCommand.filesPerTable(10)).isEqualTo(40);
    }

    @Test
    void rejectsQueryNumbersOutsideTpchWithUsageExitCode()
    {
        StringWriter errors = new StringWriter();
        CommandLine commandLine = new CommandLine(new BenchMain()).setErr(new PrintWriter(errors));

        int exitCode = commandLine.execute("tpch", "--sf", "0.01", "--queries", "1,23");

        assertThat(exitCode).as("bad arguments").isEqualTo(2);
        assertThat(errors.toString()).contains("TPC-H has queries 1 to 22, not 23");
    }

    @Test
    void rejectsAnUnknownRival()
    {
        StringWriter errors = new StringWriter();
        int exitCode = new CommandLine(new BenchMain()).setErr(new PrintWriter(errors)).execute("tpch", "--sf", "1", "--vs", "postgres");

        assertThat(exitCode).isEqualTo(2);
        assertThat(errors.toString()).contains("--vs");
        assertThat(List.of(TpchBenchCommand.Rival.values())).containsExactly(TpchBenchCommand.Rival.duckdb);
    }
}
