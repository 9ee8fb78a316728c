package io.trawl.cli;

import io.trawl.cli.remote.TrawlApiException;
import io.trawl.error.TrawlException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.Arrays;

import static java.util.Objects.requireNonNull;

/**
 * The {@code trawl} command. Exit codes: 0 success, 1 a statement (or the demo) failed, 2 bad usage.
 * Users never see a stack trace unless they ask with {@code --debug}: a failed statement prints
 * {@code Query failed: <message>}, anything unexpected one line naming the internal error.
 */
@Command(
        name = "trawl",
        mixinStandardHelpOptions = true,
        version = "Trawl 0.1.0-SNAPSHOT",
        description = "Serverless SQL over a data lake (Athena-style, Trino dialect), embedded in this process or served (trawl serve) to others.",
        subcommands = CommandLine.HelpCommand.class)
public final class Main
        implements Runnable
{
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_USAGE = 2;

    private final CliContext context;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public Main(CliContext context)
    {
        this.context = requireNonNull(context, "context is null");
    }

    public static void main(String[] args)
    {
        CliContext context = CliContext.system();
        int exitCode = new Main(context).run(args);
        context.out().flush();
        context.err().flush();
        System.exit(exitCode);
    }

    /** Runs one invocation and returns its exit code; output goes to the context's streams. */
    public int run(String... args)
    {
        boolean debug = Arrays.asList(args).contains("--debug");
        CommandLine commandLine = new CommandLine(this)
                .addSubcommand("query", new QueryCommand(context))
                .addSubcommand("tables", new TablesCommand(context))
                .addSubcommand("demo", new DemoCommand(context))
                .addSubcommand("crawl", new CrawlCommand(context))
                .addSubcommand("usage", new UsageCommand(context))
                .addSubcommand("serve", new ServeCommand(context))
                .addSubcommand("reports", ReportsCommand.commandLine(context))
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setOut(context.out())
                .setErr(context.err())
                .setExecutionExceptionHandler((exception, _, _) -> reportFailure(exception, debug));
        try {
            return commandLine.execute(args);
        }
        catch (Error e) {
            // picocli hands only Exceptions to the handler; Errors (out of memory, stack overflow) arrive here
            return reportFailure(e, debug);
        }
        finally {
            context.out().flush();
            context.err().flush();
        }
    }

    /** {@code trawl} alone: show what it can do. */
    @Override
    public void run()
    {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: query, tables, crawl, usage, serve, reports or demo");
    }

    private int reportFailure(Throwable exception, boolean debug)
    {
        context.out().flush();
        if (exception instanceof TrawlException || exception instanceof TrawlApiException) {
            context.err().println("Query failed: " + exception.getMessage());
        }
        else if (exception instanceof OutOfMemoryError) {
            // the heap is a launcher setting: say which
            context.err().println("Internal error: out of memory; raise TRAWL_HEAP (now %d MB)".formatted(Runtime.getRuntime().maxMemory() >> 20));
        }
        else {
            context.err().println("Internal error: %s%s (run with --debug for details)".formatted(
                    exception.getClass().getName(),
                    exception.getMessage() == null ? "" : ": " + firstLine(exception.getMessage())));
        }
        if (debug) {
            exception.printStackTrace(context.err());
        }
        context.err().flush();
        return EXIT_FAILED;
    }

    private static String firstLine(String message)
    {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
