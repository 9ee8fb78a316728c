package io.trawl.cli;

import io.trawl.api.embedded.StatementRunner;
import io.trawl.cli.output.OutputFormat;
import io.trawl.engine.QueryResult;
import io.trawl.engine.Session;
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

    @Option(names = "--schema", paramLabel = "NAME", defaultValue = "default", description = "Schema to list (default: ${DEFAULT-VALUE})")
    String schema;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    OutputFormat format;

    TablesCommand(CliContext context)
    {
        this.context = requireNonNull(context, "context is null");
    }

    @Override
    public Integer call()
    {
        StatementRunner trawl = common.openTrawl(context);
        QueryResult result = trawl.execute("SHOW TABLES", Session.defaults().withSchema(schema));
        format.print(result, context.out());
        return 0;
    }
}
