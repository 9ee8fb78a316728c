package io.trawl.api.lambda;

import io.trawl.api.AthenaRows;
import io.trawl.api.TrawlApiServer;
import io.trawl.api.service.ServerSettings;
import io.trawl.testing.lambda.InvocationRecord;
import io.trawl.testing.lambda.LambdaFunction;
import io.trawl.testing.lambda.LocalLambdaServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API as deployed on Lambda: StartQueryExecution queues the query and hands it to the coordinator function (an
 * asynchronous invocation through the real Lambda client and the local Lambda endpoint, whose containers run the real
 * CoordinatorHandler in their own class loaders), which runs it against the same meta store; the API answers from the
 * records the coordinator wrote.
 */
class CoordinatorFunctionTest
{
    private static final String COORDINATOR = "trawl-coordinator";

    @TempDir
    Path apiHome;

    @TempDir
    Path coordinatorHome;

    @TempDir
    Path meta;

    @Test
    void queriesStartedOnTheApiRunInTheCoordinatorFunction()
    {
        try (LocalLambdaServer lambda = LocalLambdaServer.start()) {
            lambda.register(LambdaFunction.builder(COORDINATOR, CoordinatorHandler.class.getName())
                    .environment(Map.of("TRAWL_HOME", coordinatorHome.toString(), "TRAWL_CATALOG", meta.toUri().toString()))
                    .timeout(Duration.ofMinutes(15))
                    .memoryMb(2048)
                    .build());
            Map<String, String> apiEnvironment = Map.of(
                    LambdaCoordinatorDispatcher.FUNCTION_VARIABLE, COORDINATOR,
                    "TRAWL_LAMBDA_ENDPOINT", lambda.endpoint().toString(),
                    "TRAWL_LAMBDA_REGION", LocalLambdaServer.REGION);
            try (TrawlApiServer api = TrawlApiServer.start(ServerSettings.defaults(apiHome).withCatalogLocation(meta.toUri()).withEnvironment(apiEnvironment));
                    AthenaClient athena = api.athena()) {
                String id = athena.startQueryExecution(request -> request.queryString("SELECT 6 * 7 AS answer")).queryExecutionId();
                QueryExecution done = AthenaRows.awaitTerminal(athena, id);
                assertThat(done.status().state()).as(done.status().stateChangeReason()).isEqualTo(QueryExecutionState.SUCCEEDED);
                assertThat(AthenaRows.fetch(athena, id).dataRows()).containsExactly(List.of("42"));
                assertThat(api.service().queries().isLocal(id)).as("the API instance did not run it").isFalse();

                List<InvocationRecord> invocations = lambda.invocations(COORDINATOR);
                assertThat(invocations).hasSize(1);
                assertThat(invocations.getFirst().outcome()).isEqualTo(InvocationRecord.Outcome.SUCCEEDED);
            }
        }
    }
}
