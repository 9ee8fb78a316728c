package io.trawl.cli;

import io.trawl.engine.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MainTest
{
    @TempDir
    Path temporary;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final List<Path> openedHomes = new ArrayList<>();

    private int run(ScriptedTrawl trawl, Map<String, String> environment, String stdin, String... args)
    {
        CliContext context = new CliContext(
                new PrintWriter(out),
                new PrintWriter(err),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                environment,
                temporary.resolve("user-home"),
                home -> {
                    openedHomes.add(home);
                    return trawl;
                });
        return new Main(context).run(args);
    }

    private int run(ScriptedTrawl trawl, String... args)
    {
        return run(trawl, Map.of(), "", args);
    }

    private String out()
    {
        return out.toString().replace(System.lineSeparator(), "\n");
    }

    private String err()
    {
        return err.toString().replace(System.lineSeparator(), "\n");
    }

    @Test
    void runsStatementsInOrderCarryingTheSessionFromOneToTheNext()
    {
        ScriptedTrawl trawl = new ScriptedTrawl()
                .answer("USE tpch", session -> ScriptedTrawl.ddlResult(session.withSchema("tpch")))
                .answer("SELECT 1 AS one", session -> ScriptedTrawl.bigintResult(session, 0, "one", 1));

        int exitCode = run(trawl, "query", "USE tpch; SELECT 1 AS one;");

        assertThat(exitCode).as("exit code; stderr: %s", err()).isZero();
        assertThat(trawl.calls()).as("statements and the schema each ran in").containsExactly(
                new ScriptedTrawl.Call("USE tpch", Session.defaults()),
                new ScriptedTrawl.Call("SELECT 1 AS one", Session.defaults().withSchema("tpch")));
        assertThat(out()).as("stdout").isEqualTo("""
                USE
                 one
                -----
                   1
                (1 row)
                """);
        assertThat(err()).as("stderr: the summary of what was billed (a query that reads nothing pays the 10 MB minimum)")
                .isEqualTo("Data scanned: 0 B (0 bytes), billed 10 MB, cost $0.000048\n");
    }

    @Test
    void failedStatementPrintsItsMessageExitsOneAndStopsTheScript()
    {
        ScriptedTrawl trawl = new ScriptedTrawl()
                .answerRows("SELECT 'a' AS x", "x", "a")
                .answerRows("SELECT 'c' AS x", "x", "c");

        int exitCode = run(trawl, "query", "--format", "csv", "SELECT 'a' AS x; SELEC oops; SELECT 'c' AS x");

        assertThat(exitCode).as("exit code").isEqualTo(1);
        assertThat(err()).as("one line, no stack trace").isEqualTo("Query failed: line 1:1: mismatched input 'SELEC oops'\n");
        assertThat(out()).as("the statement before the failure printed its rows").isEqualTo("x\na\n");
        assertThat(trawl.statementsRun()).as("nothing runs after the failure").containsExactly("SELECT 'a' AS x", "SELEC oops");
    }

    @Test
    void unexpectedErrorsPrintOneLineUnlessDebugIsOn()
    {
        ScriptedTrawl trawl = new ScriptedTrawl().answer("SELECT 1", _ -> {
            throw new IllegalStateException("boom\nsecond line");
        });

        assertThat(run(trawl, "query", "SELECT 1")).as("exit code").isEqualTo(1);
        assertThat(err()).isEqualTo("Internal error: java.lang.IllegalStateException: boom (run with --debug for details)\n");

        err.getBuffer().setLength(0);
        assertThat(run(trawl, "query", "--debug", "SELECT 1")).as("exit code with --debug").isEqualTo(1);
        assertThat(err()).as("--debug adds the stack trace")
                .startsWith("Internal error: java.lang.IllegalStateException: boom")
                .contains("at io.trawl.cli.ScriptedTrawl.execute");
    }

    @Test
    void errorsLikeStackOverflowAlsoPrintOneLine()
    {
        ScriptedTrawl trawl = new ScriptedTrawl().answer("SELECT 1", _ -> {
            throw new StackOverflowError("too deep");
        });

        assertThat(run(trawl, "query", "SELECT 1")).as("exit code").isEqualTo(1);
        assertThat(err()).isEqualTo("Internal error: java.lang.StackOverflowError: too deep (run with --debug for details)\n");
    }

    @Test
    void outOfMemoryPointsAtTheHeapSetting()
    {
        ScriptedTrawl trawl = new ScriptedTrawl().answer("SELECT 1", _ -> {
            throw new OutOfMemoryError("Java heap space");
        });

        assertThat(run(trawl, "query", "SELECT 1")).as("exit code").isEqualTo(1);
        assertThat(err()).matches("Internal error: out of memory; raise TRAWL_HEAP \\(now \\d+ MB\\)\n");
    }

    @Test
    void timingPrintsOneLinePerStatementToStderr()
    {
        ScriptedTrawl trawl = new ScriptedTrawl()
                .answer("SELECT n FROM t", session -> ScriptedTrawl.bigintResult(session, 123_456, "n", 1, 2, 3))
                .answer("CREATE DATABASE x", ScriptedTrawl::ddlResult);

        int exitCode = run(trawl, "query", "--timing", "--format", "tsv", "SELECT n FROM t; CREATE DATABASE x");

        assertThat(exitCode).as("exit code; stderr: %s", err()).isZero();
        assertThat(out()).as("tsv rows; DDL prints nothing in machine formats").isEqualTo("n\n1\n2\n3\n");
        assertThat(err().lines().toList()).as("timing lines, then the summary").hasSize(3);
        assertThat(err().lines().toList().get(0)).matches("elapsed_ms=\\d+ bytes_scanned=123456 billed_bytes=10485760 cost=\\$0\\.000048 rows=3");
        assertThat(err().lines().toList().get(1)).as("DDL is free").matches("elapsed_ms=\\d+ bytes_scanned=0 billed_bytes=0 cost=\\$0\\.00 rows=0");
        assertThat(err().lines().toList().get(2)).as("what the script was billed").isEqualTo("Data scanned: 120.56 KB (123,456 bytes), billed 10 MB, cost $0.000048");
    }

    @Test
    void formatNamesAreCaseInsensitive()
    {
        ScriptedTrawl trawl = new ScriptedTrawl().answerRows("SELECT x", "x", "a,b");

        assertThat(run(trawl, "query", "--format", "JSON", "SELECT x")).as("exit code; stderr: %s", err()).isZero();
        assertThat(out()).isEqualTo("{\"x\":\"a,b\"}\n");
    }

    @Test
    void unknownFormatIsAUsageError()
    {
        assertThat(run(new ScriptedTrawl(), "query", "--format", "xml", "SELECT 1")).as("exit code").isEqualTo(2);
        assertThat(err()).contains("Invalid value for option '--format'").contains("table, csv, tsv, json");
        assertThat(openedHomes).as("nothing was opened").isEmpty();
    }

    @Test
    void missingSqlIsAUsageError()
    {
        assertThat(run(new ScriptedTrawl(), "query")).as("exit code").isEqualTo(2);
        assertThat(err()).contains("No SQL given");
    }

    @Test
    void scriptWithOnlySeparatorsIsAUsageError()
    {
        assertThat(run(new ScriptedTrawl(), "query", ";")).as("exit code").isEqualTo(2);
        assertThat(err()).contains("No SQL statement given");
    }

    @Test
    void missingSqlFileIsAUsageError()
    {
        assertThat(run(new ScriptedTrawl(), "query", "--file", temporary.resolve("nope.sql").toString())).as("exit code").isEqualTo(2);
        assertThat(err()).contains("SQL file not found: " + temporary.resolve("nope.sql"));
    }

    @Test
    void readsTheScriptFromAFile()
            throws IOException
    {
        Path script = temporary.resolve("script.sql");
        Files.writeString(script, "SELECT x;\nSELECT y;\n");
        ScriptedTrawl trawl = new ScriptedTrawl().answerRows("SELECT x", "x", "1").answerRows("SELECT y", "y", "2");

        assertThat(run(trawl, "query", "--format", "csv", "--file", script.toString())).as("exit code; stderr: %s", err()).isZero();
        assertThat(out()).isEqualTo("x\n1\ny\n2\n");
    }

    @Test
    void readsTheScriptFromStandardInputWithFileDash()
    {
        ScriptedTrawl trawl = new ScriptedTrawl().answerRows("SELECT x", "x", "1");

        assertThat(run(trawl, Map.of(), "SELECT x;\n", "query", "--format", "csv", "-f", "-")).as("exit code; stderr: %s", err()).isZero();
        assertThat(out()).isEqualTo("x\n1\n");
    }

    @Test
    void sqlGivenAsSeveralWordsIsJoined()
    {
        ScriptedTrawl trawl = new ScriptedTrawl().answerRows("SELECT x FROM t", "x", "1");

        assertThat(run(trawl, "query", "--format", "csv", "SELECT", "x", "FROM", "t")).as("exit code; stderr: %s", err()).isZero();
        assertThat(trawl.statementsRun()).containsExactly("SELECT x FROM t");
    }

    @Test
    void schemaOptionSetsTheFirstStatementsSchema()
    {
        ScriptedTrawl trawl = new ScriptedTrawl().answerRows("SELECT x", "x", "1");

        run(trawl, "query", "--schema", "TPCH", "SELECT x");

        assertThat(trawl.calls()).extracting(call -> call.session().schema()).as("schema, lower-cased").containsExactly("tpch");
    }

    @Test
    void homeIsTheOptionElseTrawlHomeElseDotTrawlInTheUserHome()
    {
        ScriptedTrawl trawl = new ScriptedTrawl().answerRows("SELECT x", "x", "1");
        Path fromOption = temporary.resolve("option-home");
        Path fromEnvironment = temporary.resolve("env-home");

        run(trawl, Map.of("TRAWL_HOME", fromEnvironment.toString()), "", "query", "--home", fromOption.toString(), "SELECT x");
        run(trawl, Map.of("TRAWL_HOME", fromEnvironment.toString()), "", "query", "SELECT x");
        run(trawl, Map.of(), "", "query", "SELECT x");

        assertThat(openedHomes).as("homes opened").containsExactly(fromOption, fromEnvironment, temporary.resolve("user-home").resolve(".trawl"));
    }

    @Test
    void tablesRunsShowTablesInTheSchema()
    {
        ScriptedTrawl trawl = new ScriptedTrawl().answerRows("SHOW TABLES", "Table", "lineitem", "orders");

        assertThat(run(trawl, "tables", "--schema", "tpch")).as("exit code; stderr: %s", err()).isZero();
        assertThat(trawl.calls()).containsExactly(new ScriptedTrawl.Call("SHOW TABLES", Session.defaults().withSchema("tpch")));
        assertThat(out()).isEqualTo("""
                  Table
                ----------
                 lineitem
                 orders
                (2 rows)
                """);
    }

    @Test
    void noCommandIsAUsageError()
    {
        assertThat(run(new ScriptedTrawl())).as("exit code").isEqualTo(2);
        assertThat(err()).contains("Missing command");
    }

    @Test
    void helpListsTheCommands()
    {
        assertThat(run(new ScriptedTrawl(), "--help")).as("exit code").isZero();
        assertThat(out()).contains("query").contains("tables").contains("demo");
    }

    @Test
    void statementsWithoutRowsAreLabelledByTheirLeadingKeywords()
    {
        assertThat(QueryCommand.label("CREATE EXTERNAL TABLE IF NOT EXISTS t (a int) LOCATION 'x'")).isEqualTo("CREATE EXTERNAL TABLE");
        assertThat(QueryCommand.label("create database if not exists tpch")).isEqualTo("CREATE DATABASE");
        assertThat(QueryCommand.label("  use tpch")).isEqualTo("USE");
        assertThat(QueryCommand.label("DROP TABLE IF EXISTS t")).isEqualTo("DROP TABLE");
        assertThat(QueryCommand.label("MSCK REPAIR TABLE t")).isEqualTo("MSCK REPAIR TABLE");
        assertThat(QueryCommand.label("VALUES 1")).isEqualTo("OK");
    }
}
