package io.trawl.cli;

import io.trawl.engine.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code trawl query --dry-run}: estimates through EXPLAIN (TYPE IO), runs nothing else but USE. */
class DryRunTest
{
    private static final String QUERY = "SELECT sum(l_quantity) FROM lineitem";
    // 52.98 MB scanned, 53 MB billed at $5/TB, 0.21 MB of footers read
    private static final String IO_PLAN = """
            {"inputTableColumnInfos": [], "estimate": {}, "bytesScanned": 55553720, "billedBytes": 55574528,
             "cost": 0.0002527237, "currency": "USD", "metadataBytesRead": 220201}""";

    @TempDir
    Path temporary;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(ScriptedTrawl trawl, String... args)
    {
        CliContext context = new CliContext(
                new PrintWriter(out),
                new PrintWriter(err),
                new ByteArrayInputStream(new byte[0]),
                Map.of(),
                temporary.resolve("user-home"),
                home -> trawl);
        return new Main(context).run(args);
    }

    @Test
    void printsTheEstimateOfEachQueryAndRunsOnlyUseAndExplainTypeIo()
    {
        ScriptedTrawl trawl = new ScriptedTrawl()
                .answer("USE tpch", session -> ScriptedTrawl.ddlResult(session.withSchema("tpch")))
                .answerRows("EXPLAIN (TYPE IO) " + QUERY, "Query Plan", IO_PLAN);

        int exitCode = run(trawl, "query", "--dry-run", "USE tpch; " + QUERY + ";");

        assertThat(exitCode).as("exit code; stderr: %s", err).isZero();
        assertThat(trawl.calls()).as("the query itself never ran").containsExactly(
                new ScriptedTrawl.Call("USE tpch", Session.defaults()),
                new ScriptedTrawl.Call("EXPLAIN (TYPE IO) " + QUERY, Session.defaults().withSchema("tpch")));
        assertThat(out.toString().replace(System.lineSeparator(), "\n"))
                .isEqualTo("Estimated: 52.98 MB scanned (billed 53 MB), cost $0.00025; metadata read: 0.21 MB (not billed)\n");
    }

    @Test
    void refusesStatementsItCouldOnlyEstimateByRunningThemAndRunsNothing()
    {
        ScriptedTrawl trawl = new ScriptedTrawl();

        int exitCode = run(trawl, "query", "--dry-run", QUERY + "; INSERT INTO totals SELECT 1;");

        assertThat(exitCode).as("bad usage").isEqualTo(Main.EXIT_USAGE);
        assertThat(trawl.calls()).as("nothing ran, not even the query before it").isEmpty();
        assertThat(err.toString()).contains("--dry-run estimates queries only", "INSERT INTO totals SELECT 1");
    }
}
