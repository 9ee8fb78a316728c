package io.trawl.api.report;

import io.trawl.api.service.ServerSettings;
import io.trawl.api.service.TrawlService;
import io.trawl.datagen.TpchFormat;
import io.trawl.datagen.TpchGenerator;
import io.trawl.engine.Session;
import io.trawl.testing.TrawlRows;
import io.trawl.testing.time.TestClock;
import io.trawl.testing.tpch.TpchLake;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PARQUET and JSON reports, which run as {@code UNLOAD (sql) TO '<destination>/<report>-<occurrence>/' WITH (format = ...)}:
 * the files land in the run's own dated folder, the run records them, and a table over the folder reads the report's
 * rows back. (These need the engine's UNLOAD; CSV reports are covered by {@link ReportSchedulerTest}.)
 */
class ReportFormatsTest
{
    private static final String SQL = "SELECT CAST(n_nationkey AS bigint) AS n_nationkey, n_name, CAST(n_regionkey AS bigint) AS n_regionkey FROM nation";
    private static final String EXPECTED = "SELECT CAST(n_nationkey AS bigint), n_name, CAST(n_regionkey AS bigint) FROM tpch.nation ORDER BY 1";

    @TempDir
    Path temporary;

    private TrawlService service;
    private ReportService reports;
    private final TestClock clock = new TestClock(Instant.parse("2026-01-15T08:00:00Z"));

    @BeforeEach
    void start()
    {
        service = TrawlService.create(ServerSettings.defaults(temporary.resolve("home")));
        service.trawl().execute("CREATE DATABASE tpch", Session.defaults());
        service.trawl().execute(TpchGenerator.createTableSql("tpch", "nation", TpchGenerator.tableLocation(TpchLake.parquet().dataDirectory(), "nation"), TpchFormat.PARQUET),
                Session.defaults());
        reports = new ReportService(new ReportStore(service.metaDocuments()), service.workGroups(), service.queries(), service.trawl().store(), ReportSettings.DEFAULTS,
                clock, service.settings().instanceId());
    }

    @AfterEach
    void stop()
    {
        reports.close();
        service.close();
    }

    @ParameterizedTest
    @CsvSource({
            "PARQUET, STORED AS PARQUET",
            "JSON, ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'"})
    void unloadedReportsReadBackAsATable(String format, String storage)
    {
        String name = "nations-" + format.toLowerCase(java.util.Locale.ROOT);
        reports.create(ReportDefinition.of(name, SQL, "cron(0 9 * * ? *)", temporary.toUri() + "out/{yyyy}/{MM}/{dd}/")
                .withDatabase("tpch")
                .withFormat(format), "analyst");

        clock.set(Instant.parse("2026-01-15T09:00:20Z"));
        List<ReportRun> ended = reports.scheduler().tick().awaitRuns();

        assertThat(ended).hasSize(1);
        ReportRun run = ended.getFirst();
        assertThat(run.state()).as(run.reason().orElse("")).isEqualTo(ReportRun.State.SUCCEEDED);
        URI folder = URI.create(temporary.toUri() + "out/2026/01/15/%s-20260115T090000Z/".formatted(name));
        assertThat(run.outputs()).as("the files UNLOAD wrote, in the run's own folder").isNotEmpty()
                .allSatisfy(output -> assertThat(output.toString()).startsWith(folder.toString()));
        assertThat(service.queries().find(run.queryId().orElseThrow()).query()).startsWith("UNLOAD (");

        service.trawl().execute("""
                CREATE EXTERNAL TABLE tpch.%s (n_nationkey bigint, n_name string, n_regionkey bigint)
                %s
                LOCATION '%s'""".formatted(name.replace('-', '_'), storage, folder), Session.defaults());
        List<List<Object>> readBack = TrawlRows.toRows(service.trawl().execute(
                "SELECT n_nationkey, n_name, n_regionkey FROM tpch.%s ORDER BY 1".formatted(name.replace('-', '_')), Session.defaults()));
        assertThat(readBack).hasSize(25).isEqualTo(TrawlRows.toRows(service.trawl().execute(EXPECTED, Session.defaults())));
    }
}
