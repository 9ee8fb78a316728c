package io.trawl.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.trawl.api.embedded.EmbeddedTrawl;
import io.trawl.api.http.TrawlApplication;
import io.trawl.api.service.ServerSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code trawl reports}: the whole round trip (create, list, show, run, history, delete) in this machine's Trawl and
 * on a Trawl API with {@code --endpoint}, which print the same; refusals as one line and exit code 1.
 */
class ReportsCommandTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USER = System.getProperty("user.name");
    private static final String SQL = "SELECT * FROM (VALUES (1, 'one'), (2, 'two')) AS t (id, name)";

    @TempDir
    Path home;

    @TempDir
    static Path serverHome;

    @TempDir
    static Path out;

    private static EmbeddedServer server;

    private record Run(int exitCode, String out, String err) {}

    @BeforeAll
    static void startServer()
    {
        // its scheduler off: only the runs asked for happen
        server = TrawlApplication.start(ServerSettings.defaults(serverHome).withEnvironment(Map.of("TRAWL_REPORT_TICK_SECONDS", "0")), 0);
    }

    @AfterAll
    static void stopServer()
    {
        server.getApplicationContext().close();
    }

    private static String[] create(String name)
    {
        return new String[] {"create", name, "--sql", SQL, "--schedule", "cron(0 9 * * ? *)", "--time-zone", "Europe/Berlin",
                "--destination", out.toUri() + "{yyyy}/", "--webhook", "http://127.0.0.1:9/hook", "--catch-up", "all", "--catch-up-limit", "3"};
    }

    @Test
    void embeddedRoundTrip()
            throws Exception
    {
        Run created = embedded(create("numbers"));
        assertThat(created.exitCode()).as(created.err()).isZero();
        List<String> lines = created.out().lines().toList();
        assertThat(lines.subList(0, 5)).containsExactly(
                "name             numbers",
                "sql              " + SQL,
                "database         default",
                "work group       primary",
                "schedule         cron(0 9 * * ? *) in Europe/Berlin");
        assertThat(lines.get(5)).startsWith("next occurrence  ");
        assertThat(lines.subList(6, 11)).containsExactly(
                "output           CSV at %s{yyyy}/, kept 30 days".formatted(out.toUri()),
                "on failure       ALERT log line, POST to http://127.0.0.1:9/hook",
                "catch-up         all (at most 3)",
                "enabled          true",
                "owner            " + USER);

        JsonNode shown = JSON.readTree(embedded("show", "numbers", "--format", "json").out());
        assertThat(shown.get("name").asText()).isEqualTo("numbers");
        assertThat(shown.get("owner").asText()).isEqualTo(USER);
        assertThat(embedded("list", "--format", "csv").out()).isEqualTo("""
                name,schedule,time_zone,format,enabled,next_occurrence,owner
                numbers,cron(0 9 * * ? *),Europe/Berlin,CSV,true,%s,%s
                """.formatted(shown.get("nextOccurrence").asText(), USER));

        Run ran = embedded("run", "numbers", "--format", "json");
        assertThat(ran.exitCode()).as(ran.err()).isZero();
        JsonNode run = JSON.readTree(ran.out());
        assertThat(run.get("state").asText()).isEqualTo("SUCCEEDED");
        assertThat(run.get("trigger").asText()).isEqualTo("MANUAL");
        assertThat(Path.of(URI.create(run.get("outputs").get(0).asText()))).content().isEqualTo("\"id\",\"name\"\n\"1\",\"one\"\n\"2\",\"two\"\n");

        assertThat(embedded("history", "numbers", "--format", "csv").out()).isEqualTo("""
                run,occurrence,trigger,state,query_id,reason
                %s,%s,MANUAL,SUCCEEDED,%s,
                """.formatted(run.get("id").asText(), run.get("occurrence").asText(), run.get("queryId").asText()));

        assertThat(embedded("delete", "numbers").out()).isEqualTo("Deleted report numbers\n");
        Run gone = embedded("show", "numbers");
        assertThat(gone.exitCode()).isEqualTo(Main.EXIT_FAILED);
        assertThat(gone.err()).isEqualTo("Error: Report numbers is not found\n");
    }

    @Test
    void remoteModePrintsWhatTheEmbeddedModePrints()
            throws Exception
    {
        assertThat(remote(create("shared")).exitCode()).isZero();
        assertThat(embedded(create("shared")).exitCode()).isZero();

        ObjectNode remoteReport = (ObjectNode) JSON.readTree(remote("show", "shared", "--format", "json").out());
        ObjectNode embeddedReport = (ObjectNode) JSON.readTree(embedded("show", "shared", "--format", "json").out());
        for (ObjectNode report : List.of(remoteReport, embeddedReport)) {
            assertThat(Instant.parse(report.remove("nextOccurrence").asText())).isAfter(Instant.parse(report.remove("createdAt").asText()));
        }
        assertThat(remoteReport).as("the same report, owned by the same user (the default access key id is the user name)").isEqualTo(embeddedReport);

        Run remoteRun = remote("run", "shared");
        Run embeddedRun = embedded("run", "shared");
        assertThat(remoteRun.exitCode()).as(remoteRun.err()).isZero();
        assertThat(fieldsOf(remoteRun.out())).as("the run's fields, as text")
                .containsExactly("report", "run", "occurrence", "trigger", "state", "query", "outputs", "completed")
                .isEqualTo(fieldsOf(embeddedRun.out()));
        assertThat(remoteRun.out()).contains("\nstate         SUCCEEDED\n");
        assertThat(remote("history", "shared").out().lines().toList().getLast()).isEqualTo("(1 row)");
        assertThat(remote("list", "--format", "json").out()).contains("\"name\":\"shared\"");

        Run missing = remote("run", "nope");
        assertThat(missing.exitCode()).isEqualTo(Main.EXIT_FAILED);
        assertThat(missing.err()).as("the API's words").isEqualTo("Error: Report nope is not found\n").isEqualTo(embedded("run", "nope").err());
        assertThat(remote("delete", "shared").out()).isEqualTo("Deleted report shared\n");
    }

    private static List<String> fieldsOf(String text)
    {
        List<String> fields = new ArrayList<>();
        for (String line : text.lines().toList()) {
            if (!line.startsWith(" ")) {
                fields.add(line.substring(0, line.indexOf(' ')));
            }
        }
        return fields;
    }

    @Test
    void refusalsAreOneLineAndUsageErrorsExitTwo()
    {
        Run bothDays = embedded("create", "bad", "--sql", SQL, "--schedule", "cron(0 9 * * MON *)", "--destination", out.toUri().toString());
        assertThat(bothDays.exitCode()).isEqualTo(Main.EXIT_FAILED);
        assertThat(bothDays.err()).isEqualTo("Error: cron(0 9 * * MON *): day-of-month (*) and day-of-week (MON) cannot both be set; write ? in one of them, "
                + "e.g. cron(0 9 * * ? *) or cron(0 9 ? * MON *)\n");
        assertThat(remote("create", "bad", "--sql", SQL, "--schedule", "cron(0 9 * * MON *)", "--destination", out.toUri().toString()).err())
                .isEqualTo(bothDays.err());

        Run noSchedule = embedded("create", "bad", "--sql", SQL, "--destination", out.toUri().toString());
        assertThat(noSchedule.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(noSchedule.err()).contains("Missing required option: '--schedule=EXPRESSION'");
        assertThat(embedded("reports").exitCode()).isEqualTo(Main.EXIT_USAGE);
    }

    private Run remote(String... args)
    {
        List<String> all = new ArrayList<>(List.of("reports"));
        all.addAll(List.of(args));
        all.addAll(List.of("--endpoint", "http://127.0.0.1:" + server.getPort()));
        return cli(Map.of(), all.toArray(String[]::new));
    }

    private Run embedded(String... args)
    {
        List<String> all = new ArrayList<>(List.of("reports"));
        if (!(args.length == 1 && args[0].equals("reports"))) {
            all.addAll(List.of(args));
        }
        return cli(Map.of("TRAWL_HOME", home.toString()), all.toArray(String[]::new));
    }

    private Run cli(Map<String, String> environment, String... args)
    {
        StringWriter output = new StringWriter();
        StringWriter errors = new StringWriter();
        CliContext context = new CliContext(new PrintWriter(output), new PrintWriter(errors), new ByteArrayInputStream(new byte[0]), environment,
                home.resolve("user-home"), (trawlHome, s3) -> EmbeddedTrawl.open(trawlHome, s3));
        int exitCode = new Main(context).run(args);
        return new Run(exitCode, output.toString().replace(System.lineSeparator(), "\n"), errors.toString().replace(System.lineSeparator(), "\n"));
    }
}
