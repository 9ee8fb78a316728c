package io.trawl.api.athena;

import io.trawl.api.AthenaRows;
import io.trawl.api.TrawlApiServer;
import io.trawl.api.query.QueryExecution.State;
import io.trawl.api.service.ServerSettings;
import io.trawl.api.workgroup.WorkGroup;
import io.trawl.datagen.TpchFormat;
import io.trawl.datagen.TpchGenerator;
import io.trawl.testing.DuckDbOracle;
import io.trawl.testing.ResultComparison;
import io.trawl.testing.tpch.TpchLake;
import io.trawl.testing.tpch.TpchQueries;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.GetQueryRuntimeStatisticsResponse;
import software.amazon.awssdk.services.athena.model.InvalidRequestException;
import software.amazon.awssdk.services.athena.model.ListQueryExecutionsResponse;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;
import software.amazon.awssdk.services.athena.model.StatementType;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The query lifecycle through the real AWS SDK's AthenaClient: DDL through StartQueryExecution, TPC-H answers checked
 * against DuckDB on the same files, paging, idempotency, Stop, history listing, the work group's cutoff, and the errors
 * Athena answers.
 */
class AthenaQueryLifecycleTest
{
    private static final String DATABASE = "tpch";
    private static final TpchLake LAKE = TpchLake.parquet();

    @TempDir
    static Path home;

    private static TrawlApiServer server;
    private static AthenaClient athena;

    @BeforeAll
    static void start()
    {
        server = TrawlApiServer.start(ServerSettings.defaults(home));
        athena = server.athena();
        AthenaRows.run(athena, "default", "CREATE DATABASE " + DATABASE);
        for (String table : TpchGenerator.tableNames()) {
            URI location = LAKE.dataDirectory().resolve(table).toUri();
            QueryExecution ddl = AthenaRows.run(athena, DATABASE, TpchGenerator.createTableSql(DATABASE, table, location, TpchFormat.PARQUET));
            assertThat(ddl.statementType()).isEqualTo(StatementType.DDL);
        }
    }

    @AfterAll
    static void stop()
    {
        athena.close();
        server.close();
    }

    @Test
    void tpchQueriesAnswerAsDuckDbThroughTheAthenaApi()
    {
        DuckDbOracle oracle = LAKE.oracle();
        for (int number : List.of(1, 3, 6, 10, 13, 18)) {
            String sql = TpchQueries.query(number, LAKE.scaleFactor());
            QueryExecution execution = AthenaRows.run(athena, DATABASE, sql);
            assertThat(execution.statementType()).isEqualTo(StatementType.DML);
            assertThat(execution.statistics().dataScannedInBytes()).as("Q%d bytes scanned", number).isPositive();
            assertThat(execution.resultConfiguration().outputLocation()).endsWith(execution.queryExecutionId() + ".csv");

            AthenaRows.Result result = AthenaRows.fetch(athena, execution.queryExecutionId());
            assertThat(result.header()).as("header row on page 1").isEqualTo(result.columns().stream().map(column -> column.name()).toList());
            ResultComparison.assertMatches("Q" + number, result.resultColumns(), result.typedRows(), oracle.query(sql), TpchQueries.sortKeys(number));
        }
    }

    @Test
    void pagingThroughTwentyFiveThousandRowsReturnsEveryRowOnce()
    {
        String sql = "SELECT l_orderkey, l_linenumber, l_comment, l_shipdate FROM lineitem ORDER BY l_orderkey, l_linenumber LIMIT 25000";
        QueryExecution execution = AthenaRows.run(athena, DATABASE, sql);
        AthenaRows.Result result = AthenaRows.fetch(athena, execution.queryExecutionId());

        assertThat(result.pages()).as("1000 rows a page, the header counted on page 1").isEqualTo(26);
        assertThat(result.dataRows()).hasSize(25_000);
        ResultComparison.assertMatches(sql, result.resultColumns(), result.typedRows(), LAKE.oracle().query(sql), true);

        var firstPage = athena.getQueryResults(request -> request.queryExecutionId(execution.queryExecutionId()).maxResults(10));
        assertThat(firstPage.resultSet().rows()).hasSize(10);
        var secondPage = athena.getQueryResults(request -> request.queryExecutionId(execution.queryExecutionId()).maxResults(10).nextToken(firstPage.nextToken()));
        assertThat(secondPage.resultSet().rows().getFirst().data().getFirst().varCharValue()).isEqualTo(result.dataRows().get(9).getFirst());
        assertThat(secondPage.resultSet().rows().getFirst().data().get(1).varCharValue()).isEqualTo(result.dataRows().get(9).get(1));
    }

    @Test
    void valuesAreStringsNullIsADatumWithoutValueAndColumnsCarryAthenaTypes()
    {
        QueryExecution execution = AthenaRows.run(athena, DATABASE,
                "SELECT CAST(NULL AS varchar) AS missing, '' AS empty, CAST('say \"hi\", ok' AS varchar(20)) AS quoted, 42 AS answer, DECIMAL '12.34' AS price, DATE '2024-02-29' AS day, 1.5e0 AS ratio, true AS flag");
        var page = athena.getQueryResults(request -> request.queryExecutionId(execution.queryExecutionId()));
        var data = page.resultSet().rows().get(1).data();
        assertThat(data.get(0).varCharValue()).as("NULL has no VarCharValue").isNull();
        assertThat(data.get(1).varCharValue()).as("the empty string stays one").isEqualTo("");
        assertThat(data.get(2).varCharValue()).isEqualTo("say \"hi\", ok");
        assertThat(data.stream().skip(3).map(datum -> datum.varCharValue()).toList()).containsExactly("42", "12.34", "2024-02-29", "1.5", "true");
        assertThat(page.resultSet().resultSetMetadata().columnInfo()).extracting(column -> column.type() + "/" + column.precision() + "/" + column.scale())
                .containsExactly("varchar/2147483647/0", "varchar/2147483647/0", "varchar/20/0", "integer/10/0", "decimal/4/2", "date/0/0", "double/17/0", "boolean/0/0");
        assertThat(page.updateCount()).isZero();
    }

    @Test
    void executionParametersAndPreparedStatementsBindValues()
    {
        String id = athena.startQueryExecution(request -> request.queryString("SELECT n_name FROM nation WHERE n_nationkey = ? AND n_name <> ?")
                .executionParameters("7", "'FRANCE'").queryExecutionContext(context -> context.database(DATABASE))).queryExecutionId();
        assertThat(AthenaRows.awaitTerminal(athena, id).status().state()).isEqualTo(QueryExecutionState.SUCCEEDED);
        assertThat(AthenaRows.fetch(athena, id).dataRows()).containsExactly(List.of("GERMANY"));

        QueryExecution prepare = AthenaRows.run(athena, DATABASE, "PREPARE nations_in FROM SELECT count(*) FROM nation WHERE n_regionkey = ?");
        assertThat(prepare.statementType()).isEqualTo(StatementType.UTILITY);
        assertThat(athena.getPreparedStatement(request -> request.statementName("nations_in").workGroup(WorkGroup.PRIMARY)).preparedStatement().queryStatement())
                .isEqualTo("SELECT count(*) FROM nation WHERE n_regionkey = ?");
        QueryExecution execute = AthenaRows.run(athena, DATABASE, "EXECUTE nations_in USING 3");
        assertThat(AthenaRows.fetch(athena, execute.queryExecutionId()).dataRows()).containsExactly(List.of("5"));

        AthenaRows.run(athena, DATABASE, "DEALLOCATE PREPARE nations_in");
        String missing = athena.startQueryExecution(request -> request.queryString("EXECUTE nations_in USING 3").queryExecutionContext(context -> context.database(DATABASE))).queryExecutionId();
        QueryExecution failed = AthenaRows.awaitTerminal(athena, missing);
        assertThat(failed.status().state()).isEqualTo(QueryExecutionState.FAILED);
        assertThat(failed.status().stateChangeReason()).isEqualTo("Prepared statement not found: nations_in");
    }

    @Test
    void writesReportRowsWrittenAndTheirManifest()
            throws Exception
    {
        QueryExecution ctas = AthenaRows.run(athena, DATABASE, "CREATE TABLE nation_copy WITH (format = 'PARQUET', partitioned_by = ARRAY['n_regionkey']) AS SELECT n_nationkey, n_name, n_regionkey FROM nation");
        assertThat(ctas.statementType()).isEqualTo(StatementType.DML);
        var ctasResults = athena.getQueryResults(request -> request.queryExecutionId(ctas.queryExecutionId()));
        assertThat(ctasResults.updateCount()).isEqualTo(25);
        Path outputDirectory = Path.of(URI.create(ctas.resultConfiguration().outputLocation())).getParent();
        Path manifest = Path.of(URI.create(ctas.statistics().dataManifestLocation()));
        assertThat(manifest).isEqualTo(outputDirectory.resolve(ctas.queryExecutionId() + "-manifest.csv"));
        List<Path> files = Files.readAllLines(manifest).stream().map(line -> Path.of(URI.create(line))).toList();
        // one file per writer thread per partition, in five partition folders
        assertThat(files.stream().map(Path::getParent).distinct()).hasSize(5);
        assertThat(files).allSatisfy(file -> {
            assertThat(file).startsWith(outputDirectory.resolve("tables").resolve(ctas.queryExecutionId()));
            assertThat(file.getParent().getFileName().toString()).startsWith("n_regionkey=");
            assertThat(file).exists();
        });

        String copy = "SELECT n_regionkey, count(*) AS nations FROM nation_copy GROUP BY n_regionkey ORDER BY n_regionkey";
        assertThat(AthenaRows.fetch(athena, AthenaRows.run(athena, DATABASE, copy).queryExecutionId()).dataRows())
                .isEqualTo(AthenaRows.fetch(athena, AthenaRows.run(athena, DATABASE, copy.replace("nation_copy", "nation")).queryExecutionId()).dataRows());

        QueryExecution insert = AthenaRows.run(athena, DATABASE, "INSERT INTO nation_copy SELECT n_nationkey + 100, n_name, n_regionkey FROM nation WHERE n_regionkey = 1");
        assertThat(athena.getQueryResults(request -> request.queryExecutionId(insert.queryExecutionId())).updateCount()).isEqualTo(5);
        assertThat(AthenaRows.fetch(athena, AthenaRows.run(athena, DATABASE, "SELECT count(*) FROM nation_copy").queryExecutionId()).dataRows()).containsExactly(List.of("30"));
    }

    @Test
    void sameClientRequestTokenStartsOneQuery()
    {
        String token = "token-" + "x".repeat(40) + System.nanoTime();
        String first = athena.startQueryExecution(request -> request.queryString("SELECT count(*) FROM nation").clientRequestToken(token)
                .queryExecutionContext(context -> context.database(DATABASE))).queryExecutionId();
        String retried = athena.startQueryExecution(request -> request.queryString("SELECT count(*) FROM nation").clientRequestToken(token)
                .queryExecutionContext(context -> context.database(DATABASE))).queryExecutionId();
        assertThat(retried).isEqualTo(first);
        assertThat(AthenaRows.awaitTerminal(athena, first).status().state()).isEqualTo(QueryExecutionState.SUCCEEDED);

        assertThatThrownBy(() -> athena.startQueryExecution(request -> request.queryString("SELECT count(*) FROM region").clientRequestToken(token)
                .queryExecutionContext(context -> context.database(DATABASE))))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("was used before for a different request");
    }

    @Test
    void stopCancelsARunningQuery()
    {
        String id = athena.startQueryExecution(request -> request.queryString("SELECT count(*) FROM lineitem a CROSS JOIN lineitem b WHERE a.l_comment < b.l_comment")
                .queryExecutionContext(context -> context.database(DATABASE))).queryExecutionId();
        awaitState(id, QueryExecutionState.RUNNING);
        assertThatThrownBy(() -> athena.getQueryResults(request -> request.queryExecutionId(id)))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("Query has not yet finished. Current state: RUNNING");

        athena.stopQueryExecution(request -> request.queryExecutionId(id));
        QueryExecution stopped = AthenaRows.awaitTerminal(athena, id);
        assertThat(stopped.status().state()).isEqualTo(QueryExecutionState.CANCELLED);
        assertThat(stopped.status().stateChangeReason()).isEqualTo("Query was cancelled by user");
        assertThat(stopped.status().completionDateTime()).isNotNull();
        // stopping again, or stopping a finished query, changes nothing
        athena.stopQueryExecution(request -> request.queryExecutionId(id));
        assertThat(athena.getQueryExecution(request -> request.queryExecutionId(id)).queryExecution().status().state()).isEqualTo(QueryExecutionState.CANCELLED);
    }

    @Test
    void listQueryExecutionsPagesNewestFirst()
    {
        String workGroup = "listing";
        server.service().workGroups().create(new WorkGroup(workGroup, WorkGroup.State.ENABLED, "", Instant.now(), Optional.empty(), false, OptionalLong.empty(), Map.of()));
        List<String> started = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            int value = i;
            started.add(athena.startQueryExecution(request -> request.queryString("SELECT " + value).workGroup(workGroup)).queryExecutionId());
        }
        List<String> listed = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        for (ListQueryExecutionsResponse page : athena.listQueryExecutionsPaginator(request -> request.workGroup(workGroup).maxResults(3))) {
            pageSizes.add(page.queryExecutionIds().size());
            listed.addAll(page.queryExecutionIds());
        }
        assertThat(pageSizes).containsExactly(3, 3, 1);
        assertThat(listed).isEqualTo(started.reversed());
        started.forEach(id -> AthenaRows.awaitTerminal(athena, id));
    }

    @Test
    void workGroupCutoffFailsTheQueryOnceItReadsMore()
    {
        String workGroup = "capped";
        server.service().workGroups().create(new WorkGroup(workGroup, WorkGroup.State.ENABLED, "", Instant.now(), Optional.empty(), false, OptionalLong.of(100_000), Map.of()));
        String id = athena.startQueryExecution(request -> request.queryString("SELECT sum(l_extendedprice) FROM lineitem").workGroup(workGroup)
                .queryExecutionContext(context -> context.database(DATABASE))).queryExecutionId();
        QueryExecution execution = AthenaRows.awaitTerminal(athena, id);
        assertThat(execution.status().state()).isEqualTo(QueryExecutionState.FAILED);
        assertThat(execution.status().stateChangeReason()).contains("Bytes scanned limit was exceeded");
        assertThat(execution.status().athenaError().errorCategory()).isEqualTo(2);
        assertThat(execution.statistics().dataScannedInBytes()).as("billed for what it read").isGreaterThan(100_000);
    }

    @Test
    void anEnforcingWorkGroupChoosesTheOutputLocationAndADisabledOneRefusesQueries()
    {
        URI enforced = home.resolve("enforced-results").toUri();
        athena.createWorkGroup(request -> request.name("enforcing").configuration(configuration -> configuration
                .enforceWorkGroupConfiguration(true)
                .resultConfiguration(result -> result.outputLocation(enforced.toString()))));
        String id = athena.startQueryExecution(request -> request.queryString("SELECT 1").workGroup("enforcing")
                .resultConfiguration(result -> result.outputLocation(home.resolve("elsewhere").toUri().toString()))).queryExecutionId();
        QueryExecution execution = AthenaRows.awaitTerminal(athena, id);
        assertThat(execution.resultConfiguration().outputLocation()).isEqualTo(enforced.toString().replaceAll("/?$", "/") + id + ".csv");
        assertThat(Files.exists(Path.of(URI.create(execution.resultConfiguration().outputLocation())))).isTrue();

        athena.updateWorkGroup(request -> request.workGroup("enforcing").state(software.amazon.awssdk.services.athena.model.WorkGroupState.DISABLED));
        assertThatThrownBy(() -> athena.startQueryExecution(request -> request.queryString("SELECT 1").workGroup("enforcing")))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("WorkGroup enforcing is disabled.");
    }

    @Test
    void failedQueriesSayWhyAndHaveNoResults()
    {
        String syntax = athena.startQueryExecution(request -> request.queryString("SELECT *\nFROM nation WHERE").queryExecutionContext(context -> context.database(DATABASE))).queryExecutionId();
        QueryExecution failed = AthenaRows.awaitTerminal(athena, syntax);
        assertThat(failed.status().state()).isEqualTo(QueryExecutionState.FAILED);
        assertThat(failed.status().stateChangeReason()).contains("line 2:");
        assertThat(failed.status().athenaError().errorCategory()).isEqualTo(2);
        assertThat(failed.status().athenaError().retryable()).isFalse();
        assertThat(failed.statistics().dataScannedInBytes()).isZero();
        assertThatThrownBy(() -> athena.getQueryResults(request -> request.queryExecutionId(syntax)))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("line 2:");

        String missing = athena.startQueryExecution(request -> request.queryString("SELECT * FROM no_such_table").queryExecutionContext(context -> context.database(DATABASE))).queryExecutionId();
        assertThat(AthenaRows.awaitTerminal(athena, missing).status().stateChangeReason()).containsIgnoringCase("no_such_table");

        assertThatThrownBy(() -> athena.getQueryExecution(request -> request.queryExecutionId("0190f7e2-0000-7000-8000-000000000000")))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("QueryExecution 0190f7e2-0000-7000-8000-000000000000 was not found");
        assertThatThrownBy(() -> athena.startQueryExecution(request -> request.queryString("SELECT 1").workGroup("nobody")))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("WorkGroup nobody is not found.");
        assertThatThrownBy(() -> athena.getQueryResults(request -> request.queryExecutionId(syntax).maxResults(1001)))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void runtimeStatisticsReportTheTimelineRowsAndScanStages()
    {
        QueryExecution execution = AthenaRows.run(athena, DATABASE, TpchQueries.query(3, LAKE.scaleFactor()));
        GetQueryRuntimeStatisticsResponse statistics = athena.getQueryRuntimeStatistics(request -> request.queryExecutionId(execution.queryExecutionId()));
        var runtime = statistics.queryRuntimeStatistics();
        assertThat(runtime.rows().inputBytes()).isEqualTo(execution.statistics().dataScannedInBytes());
        assertThat(runtime.rows().outputRows()).isEqualTo(10);
        assertThat(runtime.timeline().totalExecutionTimeInMillis()).isEqualTo(execution.statistics().totalExecutionTimeInMillis());
        assertThat(runtime.outputStage().subStages()).extracting(stage -> stage.queryStagePlan().identifier())
                .containsExactlyInAnyOrder("tpch.customer", "tpch.orders", "tpch.lineitem");
        // the scan tasks' bytes; the rest of the bytes scanned are the Parquet footers the coordinator read to plan them
        assertThat(runtime.outputStage().subStages().stream().mapToLong(stage -> stage.inputBytes()).sum())
                .isPositive()
                .isLessThanOrEqualTo(execution.statistics().dataScannedInBytes());
    }

    @Test
    void ddlResultsAreTextLinesWithoutAHeader()
    {
        QueryExecution execution = AthenaRows.run(athena, DATABASE, "SHOW TABLES");
        assertThat(execution.resultConfiguration().outputLocation()).endsWith(".txt");
        var page = athena.getQueryResults(request -> request.queryExecutionId(execution.queryExecutionId()));
        // other tests of this class may have added tables (a CTAS) by now
        assertThat(page.resultSet().rows()).extracting(row -> row.data().getFirst().varCharValue())
                .containsAll(TpchGenerator.tableNames())
                .allSatisfy(name -> assertThat(name).matches("[a-z_]+"));
        assertThat(Files.exists(Path.of(URI.create(execution.resultConfiguration().outputLocation() + ".metadata")))).isTrue();
    }

    @Test
    void aQueryWhoseInstanceStoppedIsFailedRetryablyWhenRead()
    {
        Instant longAgo = Instant.now().minusSeconds(3600);
        String id = io.trawl.api.query.QueryIds.newId(longAgo);
        var history = server.service().queries().history();
        history.create(new io.trawl.api.query.QueryExecution(id, "SELECT 1", "DML", WorkGroup.PRIMARY, "AwsDataCatalog", "default",
                home.resolve("results").resolve(id + ".csv").toUri(), State.RUNNING, Optional.empty(), Optional.empty(), longAgo, Optional.of(longAgo), Optional.empty(),
                io.trawl.api.query.QueryExecution.Statistics.NONE, "analyst", Optional.empty(), List.of(), io.trawl.api.query.QueryExecution.ResultReuse.DISABLED,
                Optional.empty(), Optional.of("an-instance-that-died"), Optional.of(longAgo), OptionalLong.empty(), Optional.empty()));

        QueryExecution read = athena.getQueryExecution(request -> request.queryExecutionId(id)).queryExecution();
        assertThat(read.status().state()).isEqualTo(QueryExecutionState.FAILED);
        assertThat(read.status().athenaError().retryable()).isTrue();
        assertThat(history.find(id).orElseThrow().state()).as("the record itself is completed").isEqualTo(State.FAILED);
    }

    private static void awaitState(String id, QueryExecutionState state)
    {
        Instant deadline = Instant.now().plusSeconds(60);
        while (athena.getQueryExecution(request -> request.queryExecutionId(id)).queryExecution().status().state() != state) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("query %s never reached %s".formatted(id, state));
            }
            Thread.onSpinWait();
        }
    }
}
