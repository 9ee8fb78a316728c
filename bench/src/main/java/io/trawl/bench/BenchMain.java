package io.trawl.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code trawl bench}: benchmarks that also check answers. {@code ./trawl bench tpch --sf 1 --vs duckdb}.
 * Exit code 0 when every query gave the right answer, 1 when one was wrong or failed, 2 on bad arguments.
 */
@Command(
        name = "trawl bench",
        mixinStandardHelpOptions = true,
        description = "Benchmarks that check every answer against DuckDB on the same files.",
        subcommands = {TpchBenchCommand.class, ScannedBytesCommand.class, ScanThroughputCommand.class, EstimateCommand.class, SimulateCommand.class, WorkersBenchCommand.class, ApiBenchCommand.class})
public final class BenchMain
        implements Runnable
{
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args)
    {
        System.exit(new CommandLine(new BenchMain()).execute(args));
    }

    @Override
    public void run()
    {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a benchmark, e.g. tpch");
    }
}
