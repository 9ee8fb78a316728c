package io.trawl.cli;

import io.trawl.api.embedded.StatementRunner;
import io.trawl.cli.output.OutputFormat;
import io.trawl.engine.QueryResult;
import io.trawl.engine.Session;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import static java.util.Objects.requireNonNull;

/**
 * {@code trawl usage}: billed usage by day or month, work group and principal, with a total per currency, from the
 * usage ledger. It is a SQL query over {@code system.billing.usage} through the engine ({@link #sql}), so
 * every number here can be reproduced, or reported differently, with {@code trawl query}. Reading the ledger is free.
 */
@Command(
        name = "usage",
        mixinStandardHelpOptions = true,
        description = "Show billed usage (queries, bytes scanned, billed bytes, cost) by day or month, work group and principal, with totals.",
        footer = {
                "",
                "Examples:",
                "  trawl usage",
                "  trawl usage --period month --since 2026-01-01 --format csv",
                "  trawl query \"SELECT workgroup, sum(cost) FROM system.billing.usage GROUP BY 1\""})
final class UsageCommand
        implements Callable<Integer>
{
    enum Period
    {
        DAY, MONTH
    }

    private final CliContext context;

    @Mixin
    CommonOptions common = new CommonOptions();

    @Option(names = "--period", paramLabel = "PERIOD", defaultValue = "day", description = "Group by ${COMPLETION-CANDIDATES} (UTC day the query started; default: ${DEFAULT-VALUE})")
    Period period;

    @Option(names = "--since", paramLabel = "YYYY-MM-DD", description = "First day to include")
    LocalDate since;

    @Option(names = "--until", paramLabel = "YYYY-MM-DD", description = "Last day to include")
    LocalDate until;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    OutputFormat format;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    UsageCommand(CliContext context)
    {
        this.context = requireNonNull(context, "context is null");
    }

    @Override
    public Integer call()
    {
        if (since != null && until != null && until.isBefore(since)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--until %s is before --since %s".formatted(until, since));
        }
        StatementRunner trawl = common.openTrawl(context);
        QueryResult result = trawl.execute(sql(period, since, until), Session.defaults());
        format.print(result, context.out());
        return 0;
    }

    /**
     * One row per period, work group, principal and currency, then one total row per currency (period {@code total},
     * work group and principal empty). Costs are the exact sums, with the ledger's 10 decimals.
     */
    static String sql(Period period, LocalDate since, LocalDate until)
    {
        String periodText = period == Period.DAY ? "CAST(usage_date AS varchar)" : "substr(CAST(usage_date AS varchar), 1, 7)";
        List<String> conditions = new ArrayList<>();
        if (since != null) {
            conditions.add("usage_date >= DATE '%s'".formatted(since));
        }
        if (until != null) {
            conditions.add("usage_date <= DATE '%s'".formatted(until));
        }
        String where = conditions.isEmpty() ? "" : "\n    WHERE " + String.join(" AND ", conditions);
        return """
                SELECT period, workgroup, principal, queries, bytes_scanned, billed_bytes, cost, currency
                FROM (
                    SELECT %1$s AS period, workgroup, principal, count(*) AS queries, sum(bytes_scanned) AS bytes_scanned,
                           sum(billed_bytes) AS billed_bytes, sum(cost) AS cost, currency, 0 AS total_row
                    FROM system.billing.usage%2$s
                    GROUP BY 1, 2, 3, currency
                    UNION ALL
                    SELECT 'total', '', '', count(*), sum(bytes_scanned), sum(billed_bytes), sum(cost), currency, 1
                    FROM system.billing.usage%2$s
                    GROUP BY currency
                )
                ORDER BY total_row, period, workgroup, principal, currency""".formatted(periodText, where);
    }
}
