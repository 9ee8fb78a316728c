package io.trawl.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Options every command that touches Trawl's state takes. */
final class CommonOptions
{
    static final String HOME_VARIABLE = "TRAWL_HOME";

    @Option(names = "--home", paramLabel = "DIR", description = "Trawl's state directory (catalog, lake). Default: $TRAWL_HOME, else ~/.trawl")
    Path home;

    @Option(names = "--debug", description = "Print stack traces of failures")
    boolean debug;

    /** --home, else $TRAWL_HOME, else ~/.trawl. */
    Path resolveHome(CliContext context)
    {
        if (home != null) {
            return home.toAbsolutePath();
        }
        String fromEnvironment = context.environment().get(HOME_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return Path.of(fromEnvironment).toAbsolutePath();
        }
        return context.userHome().resolve(".trawl");
    }
}
