package io.trawl.cli;

import io.trawl.billing.Charge;
import io.trawl.billing.PricingPolicy;
import io.trawl.cli.output.OutputFormat;
import io.trawl.engine.Session;
import io.trawl.engine.parser.ParsedStatement;
import io.trawl.engine.parser.StatementParser;
import io.trawl.engine.parser.TrinoStatement;
import io.trino.sql.tree.Query;
import io.trino.sql.tree.Use;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.Console;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * {@code trawl query}: runs a script of statements in order, in one session (so {@code USE} and
 * {@code CREATE} affect the statements after them), and stops at the first one that fails.
 */
@Command(
        name = "query",
        mixinStandardHelpOptions = true,
        description = "Run SQL statements (separated by ';') and print their results.",
        footer = {
                "",
                "Examples:",
                "  trawl query \"SELECT count(*) FROM tpch.lineitem\"",
                "  trawl query --schema tpch --format csv --file q1.sql > q1.csv",
                "  echo 'SHOW TABLES' | trawl query --schema tpch --file -",
                "  trawl query --dry-run \"SELECT sum(l_extendedprice) FROM tpch.lineitem WHERE l_shipdate >= DATE '1994-01-01'\"",
                "  trawl query --endpoint http://localhost:8080 --schema tpch \"SELECT count(*) FROM lineitem\""})
final class QueryCommand
        implements Callable<Integer>
{
    private static final Pattern LEADING_WORD = Pattern.compile("\\s*([A-Za-z]+)");
    private static final Set<String> LABEL_KEYWORDS = Set.of(
            "CREATE", "DROP", "ALTER", "USE", "EXTERNAL", "TABLE", "DATABASE", "SCHEMA", "VIEW", "MSCK", "REPAIR",
            "ADD", "PARTITION", "PARTITIONS", "INSERT", "INTO", "RENAME", "SET", "TBLPROPERTIES", "COLUMNS", "REPLACE");
    private static final Set<String> SKIPPED_KEYWORDS = Set.of("IF", "NOT", "EXISTS", "OR");

    private final CliContext context;

    @Mixin
    CommonOptions common = new CommonOptions();

    @Mixin
    EndpointOptions remote = new EndpointOptions();

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    OutputFormat format;

    @Option(names = "--timing", description = "After each statement print 'elapsed_ms=<n> bytes_scanned=<n> billed_bytes=<n> cost=<cost> rows=<n>' to stderr")
    boolean timing;

    @Option(names = "--dry-run", description = "Do not run the queries: print what each would scan and cost, estimated from partition pruning and Parquet "
            + "footers (EXPLAIN (TYPE IO)); footer reads are not billed. USE is applied; other statements are refused")
    boolean dryRun;

    @Option(names = "--schema", paramLabel = "NAME", defaultValue = "default", description = "Schema (database) for unqualified table names (default: ${DEFAULT-VALUE})")
    String schema;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Read the SQL from FILE ('-' for standard input)")
    String file;

    @Option(names = "--progress", negatable = true, description = "With --endpoint: keep one line on stderr with each statement's state, splits, bytes scanned and "
            + "estimated cost while it runs (default: on when the terminal is interactive)")
    Boolean progress;

    @Parameters(paramLabel = "SQL", arity = "0..*", description = "SQL to run (words are joined with spaces)")
    List<String> sqlWords;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    QueryCommand(CliContext context)
    {
        this.context = requireNonNull(context, "context is null");
    }

    @Override
    public Integer call()
    {
        String script = readScript();
        List<String> statements = StatementParser.splitStatements(script);
        if (statements.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "No SQL statement given");
        }
        if (dryRun) {
            checkEstimable(statements);
        }
        StatementTarget trawl = remote.open(context, common, progressLine(), spec.commandLine());
        Session session = Session.defaults().withSchema(schema);
        if (dryRun) {
            return estimate(statements, trawl, session);
        }
        List<Charge> billed = new ArrayList<>();
        runAll(trawl, statements, session, billed);
        // after a failure only its message is printed; what ran before it is billed all the same (see trawl usage)
        printSummary(billed);
        return 0;
    }

    /** --progress, else on when the console is a terminal (a line rewritten with carriage returns is noise in a file). */
    private ProgressLine progressLine()
    {
        Console console = System.console();
        boolean show = progress != null ? progress : console != null && console.isTerminal();
        return show ? ProgressLine.on(context.err()) : ProgressLine.hidden();
    }

    private void runAll(StatementTarget trawl, List<String> statements, Session initialSession, List<Charge> billed)
    {
        Session session = initialSession;
        for (String statement : statements) {
            StatementOutcome outcome = trawl.run(statement, session);
            session = outcome.session();
            print(statement, outcome);
            if (outcome.charge().billable()) {
                billed.add(outcome.charge());
            }
            if (timing) {
                context.err().printf("elapsed_ms=%d bytes_scanned=%d billed_bytes=%d cost=%s rows=%d%n",
                        outcome.elapsedMillis(), outcome.bytesScanned(), outcome.charge().billedBytes(), outcome.charge().displayCost(), outcome.rowCount());
                context.err().flush();
            }
        }
    }

    /**
     * What the script's billed statements read and cost, on stderr (stdout keeps only results), as the Athena console
     * shows "Data scanned" under a result: {@code Data scanned: 1.21 KB (1,234 bytes), billed 10 MB, cost $0.000048}.
     * Nothing when nothing was billed (DDL only, system tables only).
     */
    private void printSummary(List<Charge> billed)
    {
        if (billed.isEmpty()) {
            return;
        }
        long bytesScanned = 0;
        long billedBytes = 0;
        BigDecimal cost = BigDecimal.ZERO;
        for (Charge charge : billed) {
            bytesScanned += charge.bytesScanned();
            billedBytes += charge.billedBytes();
            cost = cost.add(charge.cost());
        }
        PricingPolicy policy = billed.getLast().policy();
        context.err().printf(Locale.ROOT, "Data scanned: %s (%,d bytes), billed %,d MB, cost %s%s%n",
                DemoCommand.humanBytes(bytesScanned), bytesScanned, billedBytes / policy.unit().bytesPerMegabyte(), policy.display(cost),
                billed.size() == 1 ? "" : " (%d statements)".formatted(billed.size()));
        context.err().flush();
    }

    /** A dry run runs nothing that reads data or changes anything: only queries (estimated) and USE. */
    private void checkEstimable(List<String> statements)
    {
        for (String statement : statements) {
            ParsedStatement parsed = StatementParser.parse(statement);
            if (!(parsed instanceof TrinoStatement(Query _)) && !(parsed instanceof TrinoStatement(Use _))) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--dry-run estimates queries only (SELECT, WITH, VALUES, TABLE; USE is applied); it would have to run: " + firstWords(statement));
            }
        }
    }

    private static String firstWords(String statement)
    {
        String text = statement.strip().replaceAll("\\s+", " ");
        return text.length() <= 60 ? text : text.substring(0, 60) + "...";
    }

    /** Applies USE and estimates each query with EXPLAIN (TYPE IO), which reads only metadata and is not billed. */
    private int estimate(List<String> statements, StatementTarget trawl, Session session)
    {
        PricingPolicy pricing = PricingPolicy.defaults();
        for (String statement : statements) {
            if (StatementParser.parse(statement) instanceof TrinoStatement(Use _)) {
                session = trawl.run(statement, session).session();
                continue;
            }
            StatementOutcome plan = trawl.run("EXPLAIN (TYPE IO) " + statement, session);
            context.out().println(DryRunLine.fromIoPlan(text(plan)).describe(pricing));
        }
        context.out().flush();
        return 0;
    }

    /** A text result's lines: one value in process, the lines of the value's text from a Trawl API (Athena's form of EXPLAIN output). */
    private static String text(StatementOutcome outcome)
    {
        StringJoiner text = new StringJoiner("\n");
        outcome.rows().ifPresent(rows -> rows.forEachRow(row -> text.add(row[0] == null ? "" : row[0])));
        return text.toString();
    }

    private String readScript()
    {
        boolean hasSql = sqlWords != null && !sqlWords.isEmpty();
        if (file != null && hasSql) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Give the SQL either as an argument or with --file, not both");
        }
        if (hasSql) {
            return String.join(" ", sqlWords);
        }
        if (file == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "No SQL given: pass it as an argument or with --file (use --file - for standard input)");
        }
        try {
            if (file.equals("-")) {
                return new String(context.in().readAllBytes(), StandardCharsets.UTF_8);
            }
            return Files.readString(Path.of(file), StandardCharsets.UTF_8);
        }
        catch (NoSuchFileException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "SQL file not found: " + file);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    /**
     * Statements with columns print their rows. The others (DDL, USE) print, in table format only, what
     * was done, as Trino's CLI does ("CREATE TABLE"), so a script's output shows each step.
     */
    private void print(String statement, StatementOutcome outcome)
    {
        if (outcome.rows().isPresent()) {
            format.print(outcome.rows().get(), context.out());
            return;
        }
        if (format == OutputFormat.TABLE) {
            context.out().println(label(statement));
            context.out().flush();
        }
    }

    /** The statement's leading keywords without IF NOT EXISTS: "CREATE EXTERNAL TABLE", "DROP TABLE", "USE". */
    static String label(String statement)
    {
        StringBuilder label = new StringBuilder();
        Matcher matcher = LEADING_WORD.matcher(statement);
        int position = 0;
        while (matcher.find(position) && matcher.start() == position) {
            String word = matcher.group(1).toUpperCase(Locale.ROOT);
            position = matcher.end();
            if (SKIPPED_KEYWORDS.contains(word)) {
                continue;
            }
            if (!LABEL_KEYWORDS.contains(word)) {
                break;
            }
            if (!label.isEmpty()) {
                label.append(' ');
            }
            label.append(word);
        }
        return label.isEmpty() ? "OK" : label.toString();
    }
}
