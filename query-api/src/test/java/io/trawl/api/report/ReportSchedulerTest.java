package io.trawl.api.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.trawl.api.query.QueryExecution;
import io.trawl.api.service.ServerSettings;
import io.trawl.api.service.TrawlService;
import io.trawl.api.workgroup.WorkGroup;
import io.trawl.catalog.lake.CatalogDocuments;
import io.trawl.datagen.TpchFormat;
import io.trawl.datagen.TpchGenerator;
import io.trawl.engine.Session;
import io.trawl.testing.TrawlRows;
import io.trawl.testing.time.TestClock;
import io.trawl.testing.tpch.TpchLake;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report scheduler against real query services over a meta store on local disk, driven tick by tick with a test
 * clock: one run per occurrence across instances, catching up after downtime by policy, failures told once and not
 * retried, outputs readable back as a table, retention.
 */
class ReportSchedulerTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VALUES_SQL = "SELECT * FROM (VALUES (1, 'one'), (2, 'two')) AS t (id, name)";

    @TempDir
    Path temporary;

    private final List<AutoCloseable> closing = new ArrayList<>();
    private final TestClock clock = new TestClock(Instant.parse("2026-01-15T08:00:00Z"));

    @AfterEach
    void close()
            throws Exception
    {
        for (AutoCloseable closeable : closing.reversed()) {
            closeable.close();
        }
    }

    /** A Trawl instance (its own home and query threads) over the shared meta store. */
    private TrawlService instance(String name)
    {
        TrawlService service = TrawlService.create(ServerSettings.defaults(temporary.resolve(name)).withCatalogLocation(temporary.resolve("meta").toUri()));
        closing.add(service);
        return service;
    }

    /** The instance's reports on the test clock (its queries keep the real one). */
    private ReportService reports(TrawlService service)
    {
        return reports(service, service.metaDocuments());
    }

    private ReportService reports(TrawlService service, CatalogDocuments documents)
    {
        ReportService reports = new ReportService(new ReportStore(documents), service.workGroups(), service.queries(), service.trawl().store(),
                ReportSettings.DEFAULTS, clock, service.settings().instanceId());
        closing.add(reports);
        return reports;
    }

    private String destination(String name)
    {
        return folder("out/" + name) + "{yyyy}/{MM}/{dd}/";
    }

    /** The folder's URI, ending with '/' whether or not it exists yet. */
    private String folder(String relative)
    {
        return temporary.toUri() + relative + "/";
    }

    private List<QueryExecution> queriesOf(TrawlService service, String sqlPart)
    {
        List<QueryExecution> found = new ArrayList<>();
        for (String id : service.queries().history().list(WorkGroup.PRIMARY, Optional.empty(), 1000).ids()) {
            service.queries().history().find(id).filter(execution -> execution.query().contains(sqlPart)).ifPresent(found::add);
        }
        return found;
    }

    @Test
    void twoInstancesTickingTheSameDueOccurrenceRunItOnce()
            throws Exception
    {
        TrawlService first = instance("a");
        TrawlService second = instance("b");
        // each instance's first tick waits, once it has read the store, until the other has read it too: both see the
        // occurrence due and unclaimed, and both try to claim it
        CyclicBarrier bothRead = new CyclicBarrier(2);
        ReportService reportsA = reports(first, new AfterFirstListing(first.metaDocuments(), bothRead));
        ReportService reportsB = reports(second, new AfterFirstListing(second.metaDocuments(), bothRead));
        clock.set(Instant.parse("2026-01-15T08:59:00Z"));
        reportsA.create(ReportDefinition.of("hourly", VALUES_SQL + " -- hourly", "cron(0 * * * ? *)", destination("hourly")), "analyst");

        clock.set(Instant.parse("2026-01-15T09:00:10Z"));
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        closing.add(threads::shutdownNow);
        CompletableFuture<ReportScheduler.Tick> tickA = CompletableFuture.supplyAsync(() -> tickWhen(go, reportsA), threads);
        CompletableFuture<ReportScheduler.Tick> tickB = CompletableFuture.supplyAsync(() -> tickWhen(go, reportsB), threads);
        go.countDown();
        ReportScheduler.Tick a = tickA.get(2, TimeUnit.MINUTES);
        ReportScheduler.Tick b = tickB.get(2, TimeUnit.MINUTES);
        List<ReportRun> ended = new ArrayList<>(a.awaitRuns());
        ended.addAll(b.awaitRuns());

        assertThat(a.started().size() + b.started().size()).as("exactly one instance claimed the occurrence").isEqualTo(1);
        assertThat(a.lost().size() + b.lost().size()).as("the other tried and lost").isEqualTo(1);
        assertThat(ended).singleElement().satisfies(run -> {
            assertThat(run.state()).as(run.reason().orElse("")).isEqualTo(ReportRun.State.SUCCEEDED);
            assertThat(run.occurrence()).isEqualTo(Instant.parse("2026-01-15T09:00:00Z"));
            assertThat(run.id()).isEqualTo(Long.toString(Instant.parse("2026-01-15T09:00:00Z").getEpochSecond()));
        });
        assertThat(queriesOf(first, "-- hourly")).as("one query in the shared history").singleElement()
                .satisfies(query -> assertThat(query.principal()).as("run as its owner").isEqualTo("analyst"));

        // both tick again at the same time: nothing is due any more
        ReportScheduler.Tick againA = reportsA.scheduler().tick();
        ReportScheduler.Tick againB = reportsB.scheduler().tick();
        assertThat(againA.started()).isEmpty();
        assertThat(againB.started()).isEmpty();
        assertThat(reportsB.history("hourly", 10)).singleElement().satisfies(run -> assertThat(run.state()).isEqualTo(ReportRun.State.SUCCEEDED));
        assertThat(queriesOf(second, "-- hourly")).hasSize(1);
    }

    /** The meta store, except that its first listing of reports waits at a barrier (each tick lists the store once, first). */
    private static final class AfterFirstListing
            implements CatalogDocuments
    {
        private final CatalogDocuments documents;
        private final CyclicBarrier barrier;
        private final AtomicBoolean armed = new AtomicBoolean(true);

        AfterFirstListing(CatalogDocuments documents, CyclicBarrier barrier)
        {
            this.documents = documents;
            this.barrier = barrier;
        }

        @Override
        public List<String> list(String prefix)
        {
            List<String> keys = documents.list(prefix);
            if (prefix.equals("reports/") && armed.compareAndSet(true, false)) {
                try {
                    barrier.await(2, TimeUnit.MINUTES);
                }
                catch (Exception e) {
                    throw new AssertionError("the other instance did not read the store", e);
                }
            }
            return keys;
        }

        @Override
        public Optional<Document> read(String key)
        {
            return documents.read(key);
        }

        @Override
        public boolean createIfAbsent(String key, byte[] content)
        {
            return documents.createIfAbsent(key, content);
        }

        @Override
        public boolean replaceIfUnchanged(String key, byte[] content, String etag)
        {
            return documents.replaceIfUnchanged(key, content, etag);
        }

        @Override
        public void delete(String key)
        {
            documents.delete(key);
        }

        @Override
        public List<String> listFolders(String prefix)
        {
            return documents.listFolders(prefix);
        }
    }

    private static ReportScheduler.Tick tickWhen(CountDownLatch go, ReportService reports)
    {
        try {
            go.await();
        }
        catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        return reports.scheduler().tick();
    }

    @Test
    void missedOccurrencesAreCaughtUpAsEachReportsPolicySays()
    {
        TrawlService service = instance("a");
        ReportService reports = reports(service);
        for (String policy : List.of("latest", "all", "none")) {
            reports.create(ReportDefinition.of(policy, VALUES_SQL + " -- " + policy, "rate(1 hour)", destination(policy)).withCatchUp(policy, Optional.empty()), "analyst");
        }
        reports.create(ReportDefinition.of("all-three", VALUES_SQL + " -- all-three", "rate(1 hour)", destination("all-three")).withCatchUp("all", Optional.of(3)), "analyst");

        // down from 08:00 to 13:20: occurrences at 09:00 ... 13:00 were missed (the newest is 20 minutes late)
        clock.set(Instant.parse("2026-01-15T13:20:00Z"));
        ReportScheduler.Tick tick = reports.scheduler().tick();
        List<ReportRun> ended = tick.awaitRuns();

        assertThat(occurrences(ended, "latest")).containsExactly(Instant.parse("2026-01-15T13:00:00Z"));
        assertThat(occurrences(ended, "all")).containsExactlyElementsOf(hours(9, 10, 11, 12, 13));
        assertThat(occurrences(ended, "all-three")).as("the most recent three, oldest first").containsExactlyElementsOf(hours(11, 12, 13));
        assertThat(occurrences(ended, "none")).isEmpty();
        assertThat(ended).allSatisfy(run -> assertThat(run.state()).as(run.reason().orElse("")).isEqualTo(ReportRun.State.SUCCEEDED));
        assertThat(queriesOf(service, "-- latest")).hasSize(1);
        assertThat(queriesOf(service, "-- all")).hasSize(5 + 3);
        assertThat(queriesOf(service, "-- none")).isEmpty();

        assertThat(reports.history("latest", 10)).singleElement().satisfies(run -> assertThat(run.note())
                .contains("4 missed occurrence(s) (2026-01-15T09:00:00Z to 2026-01-15T12:00:00Z) skipped by the catch-up policy latest at 2026-01-15T13:20:00Z"));
        assertThat(tick.skipped()).singleElement().satisfies(skip -> {
            assertThat(skip.report()).isEqualTo("none");
            assertThat(skip.state()).isEqualTo(ReportRun.State.SKIPPED);
            assertThat(skip.occurrence()).as("recorded at the newest, so the next tick starts after it").isEqualTo(Instant.parse("2026-01-15T13:00:00Z"));
            assertThat(skip.note()).contains("5 missed occurrence(s) (2026-01-15T09:00:00Z to 2026-01-15T13:00:00Z) skipped by the catch-up policy none at 2026-01-15T13:20:00Z");
        });

        // back in time for 14:00: every policy runs an occurrence that is on time, once
        clock.set(Instant.parse("2026-01-15T14:00:20Z"));
        List<ReportRun> onTime = reports.scheduler().tick().awaitRuns();
        assertThat(onTime).extracting(ReportRun::report).containsExactlyInAnyOrder("latest", "all", "all-three", "none");
        assertThat(onTime).allSatisfy(run -> {
            assertThat(run.occurrence()).isEqualTo(Instant.parse("2026-01-15T14:00:00Z"));
            assertThat(run.note()).isEmpty();
        });
        assertThat(reports.scheduler().tick().started()).as("nothing more is due").isEmpty();
    }

    private static List<Instant> occurrences(List<ReportRun> runs, String report)
    {
        return runs.stream().filter(run -> run.report().equals(report)).map(ReportRun::occurrence).sorted().toList();
    }

    private static List<Instant> hours(int... hours)
    {
        List<Instant> instants = new ArrayList<>();
        for (int hour : hours) {
            instants.add(Instant.parse("2026-01-15T%02d:00:00Z".formatted(hour)));
        }
        return instants;
    }

    @Test
    void aFailingReportNotifiesItsWebhookOnceAndIsNotRetried()
            throws IOException
    {
        List<JsonNode> posts = new CopyOnWriteArrayList<>();
        HttpServer webhook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        webhook.createContext("/hooks/trawl", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                assertThat(exchange.getRequestMethod()).isEqualTo("POST");
                posts.add(JSON.readTree(body));
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        webhook.start();
        closing.add(() -> webhook.stop(0));
        TrawlService service = instance("a");
        ReportService reports = reports(service);
        String url = "http://127.0.0.1:%d/hooks/trawl".formatted(webhook.getAddress().getPort());
        reports.create(ReportDefinition.of("broken", "SELECT * FROM no_such_table", "cron(0 * * * ? *)", destination("broken")).withWebhook(url), "analyst");

        clock.set(Instant.parse("2026-01-15T09:00:05Z"));
        List<ReportRun> ended = reports.scheduler().tick().awaitRuns();

        ReportRun failed = ended.getFirst();
        assertThat(ended).hasSize(1);
        assertThat(failed.state()).isEqualTo(ReportRun.State.FAILED);
        assertThat(failed.reason()).get().asString().containsIgnoringCase("no_such_table");
        assertThat(failed.notification()).contains("webhook answered HTTP 204");
        QueryExecution query = service.queries().find(failed.queryId().orElseThrow());
        assertThat(query.state()).as("a normal query, failed, in the history").isEqualTo(QueryExecution.State.FAILED);
        assertThat(posts).singleElement().satisfies(post -> {
            assertThat(post.get("report").asText()).isEqualTo("broken");
            assertThat(post.get("occurrence").asText()).isEqualTo("2026-01-15T09:00:00Z");
            assertThat(post.get("queryId").asText()).isEqualTo(query.id());
            assertThat(post.get("state").asText()).isEqualTo("FAILED");
            assertThat(post.get("reason").asText()).isEqualTo(query.stateChangeReason().orElseThrow());
        });

        // later ticks before the next occurrence neither retry the run nor tell again
        for (String time : List.of("2026-01-15T09:00:30Z", "2026-01-15T09:30:00Z", "2026-01-15T09:59:59Z")) {
            clock.set(Instant.parse(time));
            ReportScheduler.Tick tick = reports.scheduler().tick();
            assertThat(tick.started()).as("at %s", time).isEmpty();
            assertThat(tick.recovered()).as("at %s", time).isEmpty();
        }
        assertThat(posts).hasSize(1);
        assertThat(reports.history("broken", 10)).singleElement().satisfies(run -> assertThat(run.state()).isEqualTo(ReportRun.State.FAILED));

        // the next occurrence is a run of its own, and its failure is told of its own
        clock.set(Instant.parse("2026-01-15T10:00:05Z"));
        assertThat(reports.scheduler().tick().awaitRuns()).singleElement().satisfies(run -> assertThat(run.state()).isEqualTo(ReportRun.State.FAILED));
        assertThat(posts).extracting(post -> post.get("occurrence").asText()).containsExactly("2026-01-15T09:00:00Z", "2026-01-15T10:00:00Z");
    }

    @Test
    void aRunLeftUnstartedByAStoppedInstanceIsFailedByAnotherInstancesTick()
    {
        TrawlService service = instance("a");
        ReportService reports = reports(service);
        reports.create(ReportDefinition.of("orphan", VALUES_SQL, "cron(0 * * * ? *)", destination("orphan")), "analyst");
        // an instance claimed 09:00 at 09:00:02 and stopped before starting the query
        ReportStore store = new ReportStore(service.metaDocuments());
        Instant occurrence = Instant.parse("2026-01-15T09:00:00Z");
        assertThat(store.claim(ReportRun.claim("orphan", occurrence, ReportRun.Trigger.SCHEDULE, Long.toString(occurrence.getEpochSecond()), Optional.empty(),
                "stopped-instance", Instant.parse("2026-01-15T09:00:02Z")))).isTrue();

        clock.set(Instant.parse("2026-01-15T09:03:00Z"));
        ReportScheduler.Tick early = reports.scheduler().tick();
        assertThat(early.recovered()).as("it may still be starting").isEmpty();
        assertThat(early.started()).as("the occurrence is claimed").isEmpty();

        clock.set(Instant.parse("2026-01-15T09:06:00Z"));
        ReportScheduler.Tick late = reports.scheduler().tick();
        assertThat(late.recovered()).singleElement().satisfies(run -> {
            assertThat(run.state()).isEqualTo(ReportRun.State.FAILED);
            assertThat(run.reason()).contains("The instance that claimed this run (stopped-instance) stopped before it started the query");
            assertThat(run.notification()).contains("logged (no webhook)");
        });
        assertThat(reports.scheduler().tick().recovered()).as("finished: no longer pending").isEmpty();
    }

    @Test
    void aCsvReportLandsAtItsDatedDestinationAndReadsBackAsATable()
    {
        TrawlService service = instance("a");
        TpchLake lake = TpchLake.parquet();
        service.trawl().execute("CREATE DATABASE tpch", Session.defaults());
        service.trawl().execute(TpchGenerator.createTableSql("tpch", "nation", TpchGenerator.tableLocation(lake.dataDirectory(), "nation"), TpchFormat.PARQUET),
                Session.defaults());
        ReportService reports = reports(service);
        String sql = "SELECT n_nationkey, n_name, n_regionkey FROM nation ORDER BY n_nationkey";
        reports.create(ReportDefinition.of("nations", sql, "cron(0 1 * * ? *)", destination("nations"))
                .withDatabase("tpch")
                .withTimeZone("Europe/Berlin"), "analyst");

        // 01:00 in Berlin on 16 January is 00:00 UTC
        clock.set(Instant.parse("2026-01-16T00:00:30Z"));
        ReportRun run = reports.scheduler().tick().awaitRuns().getFirst();

        assertThat(run.state()).as(run.reason().orElse("")).isEqualTo(ReportRun.State.SUCCEEDED);
        URI folder = URI.create(folder("out/nations/2026/01/16"));
        assertThat(run.outputs()).containsExactly(URI.create(folder + "nations-20260116T000000Z.csv"));
        QueryExecution query = service.queries().find(run.queryId().orElseThrow());
        assertThat(query.billing()).as("billed like any query").isPresent();
        assertThat(query.principal()).isEqualTo("analyst");

        service.trawl().execute("""
                CREATE EXTERNAL TABLE tpch.nations_report (n_nationkey string, n_name string, n_regionkey string)
                ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.OpenCSVSerde'
                LOCATION '%s'
                TBLPROPERTIES ('skip.header.line.count'='1')""".formatted(folder), Session.defaults());
        List<List<Object>> readBack = TrawlRows.toRows(service.trawl().execute(
                "SELECT CAST(n_nationkey AS bigint), n_name, CAST(n_regionkey AS bigint) FROM tpch.nations_report ORDER BY 1", Session.defaults()));
        List<List<Object>> original = TrawlRows.toRows(service.trawl().execute(
                "SELECT CAST(n_nationkey AS bigint), n_name, CAST(n_regionkey AS bigint) FROM tpch.nation ORDER BY 1", Session.defaults()));
        assertThat(readBack).hasSize(25).isEqualTo(original);
    }

    @Test
    void retentionDeletesOnlyWhatOlderRunsWrote()
            throws IOException
    {
        TrawlService service = instance("a");
        ReportService reports = reports(service);
        reports.create(ReportDefinition.of("daily", VALUES_SQL, "cron(0 6 * * ? *)", folder("out/daily")).withRetentionDays(2), "analyst");
        Path folder = temporary.resolve("out/daily");
        List<Path> written = new ArrayList<>();
        for (int day = 16; day <= 19; day++) {
            clock.set(Instant.parse("2026-01-%dT06:00:10Z".formatted(day)));
            ReportRun run = reports.scheduler().tick().awaitRuns().getFirst();
            assertThat(run.state()).isEqualTo(ReportRun.State.SUCCEEDED);
            written.add(Path.of(run.outputs().getFirst()));
        }
        Path foreign = Files.writeString(folder.resolve("someone-elses.csv"), "x\n");

        clock.set(Instant.parse("2026-01-20T06:00:10Z"));
        ReportRun latest = reports.scheduler().tick().awaitRuns().getFirst();

        assertThat(latest.state()).isEqualTo(ReportRun.State.SUCCEEDED);
        assertThat(written.subList(0, 3)).as("the runs of the 16th to the 18th are more than 2 days old at 2026-01-20T06:00:10Z").allSatisfy(path -> assertThat(path).doesNotExist());
        assertThat(written.get(3)).exists();
        assertThat(Path.of(latest.outputs().getFirst())).exists();
        assertThat(foreign).as("not written by the report").exists();
        assertThat(reports.history("daily", 10)).extracting(ReportRun::occurrence)
                .containsExactly(Instant.parse("2026-01-20T06:00:00Z"), Instant.parse("2026-01-19T06:00:00Z"));
    }
}
