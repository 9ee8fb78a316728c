package io.trawl.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.trawl.api.report.ReportException;
import io.trawl.api.rest.RestShapes;
import io.trawl.cli.output.OutputColumn;
import io.trawl.cli.output.OutputFormat;
import io.trawl.cli.output.ResultText;
import io.trawl.cli.output.ValueKind;
import io.trawl.cli.remote.TrawlApiException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * {@code trawl reports create|list|show|run|delete|history}: scheduled reports, in this machine's Trawl or on a Trawl
 * API ({@code --endpoint}). Reports run on their schedule in {@code trawl serve} (or, on AWS, in the coordinator
 * function every minute); {@code run} runs one now. A report that is refused or not found prints one line and exits 1.
 */
@Command(
        name = "reports",
        mixinStandardHelpOptions = true,
        description = "Scheduled reports: a saved query run on a schedule (cron or rate, in a time zone), its result written to a dated destination.",
        footer = {
                "",
                "Examples:",
                "  trawl reports create daily-revenue --sql \"SELECT ...\" --schedule \"cron(0 6 * * ? *)\" --time-zone Europe/Berlin \\",
                "      --destination \"s3://lake/reports/revenue/{yyyy}/{MM}/{dd}/\" --webhook https://hooks.example.com/trawl",
                "  trawl reports list",
                "  trawl reports run daily-revenue",
                "  trawl reports history daily-revenue --endpoint http://localhost:8080"})
final class ReportsCommand
        implements Runnable
{
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The command with its subcommands, each talking through {@code context}. */
    static CommandLine commandLine(CliContext context)
    {
        return new CommandLine(new ReportsCommand())
                .addSubcommand("create", new Create(context))
                .addSubcommand("list", new ListReports(context))
                .addSubcommand("show", new Show(context))
                .addSubcommand("run", new Run(context))
                .addSubcommand("delete", new Delete(context))
                .addSubcommand("history", new History(context));
    }

    @Override
    public void run()
    {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: create, list, show, run, delete or history");
    }

    /** How one report or run is printed. */
    enum DetailFormat
    {
        TEXT, JSON
    }

    private static final ObjectMapper JSON = JsonMapper.builder()
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    /** What every subcommand does around its work: opens the target, and prints a refusal as one line with exit code 1. */
    abstract static class Subcommand
            implements Callable<Integer>
    {
        final CliContext context;

        @Mixin
        CommonOptions common = new CommonOptions();

        @Mixin
        EndpointOptions remote = new EndpointOptions();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        Subcommand(CliContext context)
        {
            this.context = requireNonNull(context, "context is null");
        }

        @Override
        public Integer call()
        {
            ReportTarget target = remote.client(context, common, spec.commandLine())
                    .<ReportTarget>map(RemoteReports::new)
                    .orElseGet(() -> EmbeddedReports.open(context, common));
            try (target) {
                return execute(target, context.out());
            }
            catch (ReportException | TrawlApiException e) {
                context.out().flush();
                context.err().println("Error: " + e.getMessage());
                context.err().flush();
                return Main.EXIT_FAILED;
            }
        }

        abstract int execute(ReportTarget target, PrintWriter out);
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a report (you own it: its runs are your queries, billed to you).")
    static final class Create
            extends Subcommand
    {
        @Parameters(index = "0", paramLabel = "NAME", description = "Letters, digits, '-' and '_'")
        String name;

        @CommandLine.ArgGroup(multiplicity = "1")
        Sql sql;

        static final class Sql
        {
            @Option(names = "--sql", paramLabel = "QUERY", description = "The query (SELECT, WITH, VALUES) whose rows are the report")
            String text;

            @Option(names = "--sql-file", paramLabel = "FILE", description = "The query, read from FILE")
            Path file;
        }

        @Option(names = "--schedule", required = true, paramLabel = "EXPRESSION", description = {
                "cron(minutes hours day-of-month month day-of-week year) or rate(value unit), as EventBridge Scheduler writes them,",
                "e.g. \"cron(0 9 ? * MON-FRI *)\" or \"rate(1 hour)\""})
        String schedule;

        @Option(names = "--time-zone", paramLabel = "ZONE", description = "IANA zone of the cron fields and the destination's placeholders (default UTC)")
        String timeZone;

        @Option(names = "--database", paramLabel = "NAME", description = "Database for unqualified names (default: default)")
        String database;

        @Option(names = "--work-group", paramLabel = "NAME", description = "Work group the runs are charged to (default: primary)")
        String workGroup;

        @Option(names = "--destination", required = true, paramLabel = "FOLDER", description = "s3://bucket/prefix/ (file:///path/ locally); {yyyy} {MM} {dd} {HH} {mm} are filled from the occurrence")
        String destination;

        @Option(names = "--output-format", paramLabel = "FORMAT", description = "CSV (default), PARQUET or JSON")
        String outputFormat;

        @Option(names = "--retention-days", paramLabel = "DAYS", description = "Outputs of runs older than this are deleted after a later run succeeds (default 30)")
        Integer retentionDays;

        @Option(names = "--webhook", paramLabel = "URL", description = "POSTed a JSON body when a run fails (an ALERT log line is written either way)")
        String webhook;

        @Option(names = "--catch-up", paramLabel = "POLICY", description = "After downtime: latest (default, the most recent missed run), all (up to --catch-up-limit), none")
        String catchUp;

        @Option(names = "--catch-up-limit", paramLabel = "N", description = "Most missed runs 'all' catches up (default 10)")
        Integer catchUpLimit;

        @Option(names = "--disabled", description = "Create it without scheduling it (run it with trawl reports run)")
        boolean disabled;

        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE})")
        DetailFormat format;

        Create(CliContext context)
        {
            super(context);
        }

        @Override
        int execute(ReportTarget target, PrintWriter out)
        {
            String query = sql.text != null ? sql.text : readFile(sql.file);
            RestShapes.CatchUpSpec catchUpSpec = catchUp == null && catchUpLimit == null ? null : new RestShapes.CatchUpSpec(catchUp == null ? "latest" : catchUp, catchUpLimit);
            RestShapes.CreateReport report = new RestShapes.CreateReport(name, query, database, workGroup, schedule, timeZone,
                    new RestShapes.OutputSpec(outputFormat, destination, retentionDays),
                    webhook == null ? null : new RestShapes.NotificationSpec(webhook),
                    catchUpSpec,
                    disabled ? Boolean.FALSE : null);
            printReport(target.create(report), format, out);
            return 0;
        }

        private String readFile(Path file)
        {
            try {
                return Files.readString(file);
            }
            catch (IOException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "Cannot read --sql-file %s: %s".formatted(file, e.getMessage()));
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the reports: schedule, output, next occurrence, owner.")
    static final class ListReports
            extends Subcommand
    {
        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
        OutputFormat format;

        ListReports(CliContext context)
        {
            super(context);
        }

        @Override
        int execute(ReportTarget target, PrintWriter out)
        {
            List<String[]> rows = new ArrayList<>();
            for (RestShapes.Report report : target.list()) {
                rows.add(new String[] {report.name(), report.schedule(), report.timeZone(), report.output().format(), Boolean.toString(report.enabled()),
                        report.nextOccurrence(), report.owner()});
            }
            format.print(new TextRows(List.of("name", "schedule", "time_zone", "format", "enabled", "next_occurrence", "owner"), rows), out);
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show a report's definition and when it runs next.")
    static final class Show
            extends Subcommand
    {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE})")
        DetailFormat format;

        Show(CliContext context)
        {
            super(context);
        }

        @Override
        int execute(ReportTarget target, PrintWriter out)
        {
            printReport(target.show(name), format, out);
            return 0;
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true, description = "Run a report now, outside its schedule, and wait for it (exit code 1 when it fails).")
    static final class Run
            extends Subcommand
    {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--no-wait", description = "With --endpoint: return once the run has started")
        boolean noWait;

        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE})")
        DetailFormat format;

        Run(CliContext context)
        {
            super(context);
        }

        @Override
        int execute(ReportTarget target, PrintWriter out)
        {
            RestShapes.ReportRun run = target.run(name, !noWait);
            printRun(run, format, out);
            return "FAILED".equals(run.state()) ? Main.EXIT_FAILED : 0;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a report and its run history (the files its runs wrote stay).")
    static final class Delete
            extends Subcommand
    {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        Delete(CliContext context)
        {
            super(context);
        }

        @Override
        int execute(ReportTarget target, PrintWriter out)
        {
            out.println("Deleted report " + target.delete(name).name());
            out.flush();
            return 0;
        }
    }

    @Command(name = "history", mixinStandardHelpOptions = true, description = "A report's runs, newest first: state, query, reason.")
    static final class History
            extends Subcommand
    {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "Most runs to show (default: ${DEFAULT-VALUE})")
        int limit;

        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
        OutputFormat format;

        History(CliContext context)
        {
            super(context);
        }

        @Override
        int execute(ReportTarget target, PrintWriter out)
        {
            if (limit < 1 || limit > 1000) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--limit is between 1 and 1000");
            }
            List<String[]> rows = new ArrayList<>();
            for (RestShapes.ReportRun run : target.history(name, limit)) {
                rows.add(new String[] {run.id(), run.occurrence(), run.trigger(), run.state(), run.queryId(), run.reason()});
            }
            format.print(new TextRows(List.of("run", "occurrence", "trigger", "state", "query_id", "reason"), rows), out);
            return 0;
        }
    }

    static void printReport(RestShapes.Report report, DetailFormat format, PrintWriter out)
    {
        if (format == DetailFormat.JSON) {
            printJson(report, out);
            return;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("name", report.name());
        fields.put("sql", report.sql());
        fields.put("database", report.database());
        fields.put("work group", report.workGroup());
        fields.put("schedule", "%s in %s".formatted(report.schedule(), report.timeZone()));
        fields.put("next occurrence", report.nextOccurrence() == null ? "none" : report.nextOccurrence());
        fields.put("output", "%s at %s, kept %d days".formatted(report.output().format(), report.output().destination(), report.output().retentionDays()));
        fields.put("on failure", report.notification().webhookUrl() == null ? "ALERT log line" : "ALERT log line, POST to " + report.notification().webhookUrl());
        fields.put("catch-up", "all".equals(report.catchUp().policy()) ? "all (at most %d)".formatted(report.catchUp().limit()) : report.catchUp().policy());
        fields.put("enabled", Boolean.toString(report.enabled()));
        fields.put("owner", report.owner());
        fields.put("created", report.createdAt());
        printFields(fields, out);
    }

    static void printRun(RestShapes.ReportRun run, DetailFormat format, PrintWriter out)
    {
        if (format == DetailFormat.JSON) {
            printJson(run, out);
            return;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("report", run.report());
        fields.put("run", run.id());
        fields.put("occurrence", run.occurrence());
        fields.put("trigger", run.trigger());
        fields.put("state", run.state());
        fields.put("query", run.queryId());
        fields.put("reason", run.reason());
        fields.put("note", run.note());
        fields.put("outputs", run.outputs() == null || run.outputs().isEmpty() ? null : String.join("\n", run.outputs()));
        fields.put("completed", run.completedAt());
        fields.put("notification", run.notification());
        printFields(fields, out);
    }

    /** One {@code label  value} line per field that has a value; further lines of a value indented under it. */
    private static void printFields(Map<String, String> fields, PrintWriter out)
    {
        int width = fields.keySet().stream().mapToInt(String::length).max().orElse(0);
        fields.forEach((label, value) -> {
            if (value == null) {
                return;
            }
            List<String> lines = value.lines().toList();
            out.println(("%-" + width + "s  %s").formatted(label, lines.isEmpty() ? "" : lines.getFirst()));
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                out.println(" ".repeat(width + 2) + line);
            }
        });
        out.flush();
    }

    private static void printJson(Object value, PrintWriter out)
    {
        try {
            out.println(JSON.writeValueAsString(value));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.flush();
    }

    /** Rows of text for the output formats; every column left-aligned text. */
    private record TextRows(List<String> names, List<String[]> rows)
            implements ResultText
    {
        @Override
        public List<OutputColumn> columns()
        {
            return names.stream().map(name -> new OutputColumn(name, ValueKind.TEXT)).toList();
        }

        @Override
        public void forEachRow(Consumer<String[]> action)
        {
            rows.forEach(action);
        }
    }
}
