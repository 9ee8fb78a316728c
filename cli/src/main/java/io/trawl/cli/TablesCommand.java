package io.trawl.cli;

import io.trawl.cli.output.OutputFormat;
import io.trawl.engine.Session;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

import static java.util.Objects.requireNonNull;

/** {@code trawl tables}: a shortcut for {@code SHOW TABLES}. */
@Command(name = "tables", mixinStandardHelpOptions = true, description = "List the tables of a schema (SHOW TABLES).")
final class TablesCommand
        implements Callable<Integer>
{
    private final CliContext context;

    @Mixin
    CommonOptions common = new CommonOptions();

    @Mixin
    EndpointOptions remote = new EndpointOptions();

    @Option(names = "--schema", paramLabel = "NAME", defaultValue = "default", description = "Schema to list (default: ${DEFAULT-VALUE})")
    String schema;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    OutputFormat format;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    TablesCommand(CliContext context)
    {
        this.context = requireNonNull(context, "context is null");
    }

    @Override
    public Integer call()
    {
        StatementTarget trawl = remote.open(context, common, ProgressLine.hidden(), spec.commandLine());
        trawl.run("SHOW TABLES", Session.defaults().withSchema(schema)).rows().ifPresent(rows -> format.print(rows, context.out()));
        return 0;
    }
}
