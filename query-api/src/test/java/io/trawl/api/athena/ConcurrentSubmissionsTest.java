package io.trawl.api.athena;

import io.trawl.api.AthenaRows;
import io.trawl.api.TrawlApiServer;
import io.trawl.api.service.ServerSettings;
import io.trawl.datagen.TpchFormat;
import io.trawl.datagen.TpchGenerator;
import io.trawl.testing.tpch.TpchLake;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.ListQueryExecutionsResponse;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;
import software.amazon.awssdk.services.athena.model.ThrottleReason;
import software.amazon.awssdk.services.athena.model.TooManyRequestsException;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * 100 submissions from 10 clients at once, against an instance that admits fewer than that at a time: the clients'
 * SDK retries the TooManyRequests answers, and every query ends in a terminal state, once, with its own answer.
 */
class ConcurrentSubmissionsTest
{
    private static final int CLIENTS = 10;
    private static final int QUERIES_PER_CLIENT = 10;

    @TempDir
    Path home;

    @Test
    void hundredConcurrentSubmissionsAllFinishNoneLostNoneDuplicated()
            throws Exception
    {
        try (TrawlApiServer server = TrawlApiServer.start(ServerSettings.defaults(home).withConcurrency(2, 30))) {
            Set<String> ids = ConcurrentHashMap.newKeySet();
            List<String> answers = new ArrayList<>();
            try (ExecutorService clients = Executors.newFixedThreadPool(CLIENTS)) {
                List<Future<List<String>>> results = new ArrayList<>();
                for (int client = 0; client < CLIENTS; client++) {
                    int clientNumber = client;
                    results.add(clients.submit(() -> {
                        List<String> clientAnswers = new ArrayList<>();
                        try (AthenaClient athena = server.athena()) {
                            List<String> started = new ArrayList<>();
                            for (int i = 0; i < QUERIES_PER_CLIENT; i++) {
                                int value = clientNumber * 1000 + i;
                                String id = athena.startQueryExecution(request -> request.queryString("SELECT %d AS v, count(*) AS n FROM (VALUES 1, 2, 3) t(x)".formatted(value))
                                        .clientRequestToken("client-%02d-query-%02d-%s".formatted(clientNumber, value, "t".repeat(24)))).queryExecutionId();
                                started.add(id);
                                ids.add(id);
                            }
                            for (String id : started) {
                                QueryExecution execution = AthenaRows.awaitTerminal(athena, id);
                                assertThat(execution.status().state()).as(execution.status().stateChangeReason()).isEqualTo(QueryExecutionState.SUCCEEDED);
                                var rows = athena.getQueryResults(request -> request.queryExecutionId(id)).resultSet().rows();
                                clientAnswers.add(rows.get(1).data().get(0).varCharValue() + "/" + rows.get(1).data().get(1).varCharValue());
                            }
                        }
                        return clientAnswers;
                    }));
                }
                for (Future<List<String>> result : results) {
                    answers.addAll(result.get(5, TimeUnit.MINUTES));
                }
            }

            assertThat(ids).as("one query per submission").hasSize(CLIENTS * QUERIES_PER_CLIENT);
            Set<String> expected = new HashSet<>();
            for (int client = 0; client < CLIENTS; client++) {
                for (int i = 0; i < QUERIES_PER_CLIENT; i++) {
                    expected.add((client * 1000 + i) + "/3");
                }
            }
            assertThat(answers).containsExactlyInAnyOrderElementsOf(expected);

            List<String> listed = new ArrayList<>();
            try (AthenaClient athena = server.athena()) {
                for (ListQueryExecutionsResponse page : athena.listQueryExecutionsPaginator(request -> request.maxResults(50))) {
                    listed.addAll(page.queryExecutionIds());
                }
            }
            assertThat(listed).as("the history holds each query once").containsExactlyInAnyOrderElementsOf(ids);
        }
    }

    @Test
    void overTheWorkGroupsLimitIsTooManyRequestsWithAthenasReason()
    {
        try (TrawlApiServer server = TrawlApiServer.start(ServerSettings.defaults(home).withConcurrency(1, 1));
                AthenaClient athena = server.athenaWithoutRetries()) {
            URI lineitem = TpchLake.parquet().dataDirectory().resolve("lineitem").toUri();
            AthenaRows.run(athena, "default", TpchGenerator.createTableSql("default", "lineitem", lineitem, TpchFormat.PARQUET));
            String running = athena.startQueryExecution(request -> request.queryString(
                    "SELECT count(*) FROM lineitem a CROSS JOIN lineitem b WHERE a.l_comment < b.l_comment")).queryExecutionId();
            assertThatThrownBy(() -> athena.startQueryExecution(request -> request.queryString("SELECT 1")))
                    .isInstanceOfSatisfying(TooManyRequestsException.class, error -> {
                        assertThat(error.reason()).isEqualTo(ThrottleReason.CONCURRENT_QUERY_LIMIT_EXCEEDED);
                        assertThat(error.statusCode()).isEqualTo(400);
                    });
            athena.stopQueryExecution(request -> request.queryExecutionId(running));
            assertThat(AthenaRows.awaitTerminal(athena, running).status().state()).isEqualTo(QueryExecutionState.CANCELLED);
        }
    }
}
