package io.trawl.infra.localstack;

import io.trawl.api.lambda.CoordinatorHandler;
import io.trawl.api.lambda.LambdaCoordinatorDispatcher;
import io.trawl.engine.fragment.RemoteWorkers;
import io.trawl.engine.fragment.TaskCodec;
import io.trawl.engine.fragment.TaskResult;
import io.trawl.infra.coldstart.ScanTaskPayloads;
import io.trawl.scan.runtime.ScanRuntimes;
import io.trawl.scan.runtime.lambda.ScanWorkerHandler;
import io.trawl.scan.store.LocalObjectStore;
import io.trawl.testing.lambda.InvocationRecord;
import io.trawl.testing.lambda.LambdaFunction;
import io.trawl.testing.lambda.LocalLambdaServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code TRAWL_AWS_ENDPOINT} alone points every Lambda call Trawl makes at one endpoint (LocalStack's single port):
 * the coordinator's scan tasks and the API's hand-over to the coordinator function reach the local Lambda endpoint
 * named by it, with no {@code TRAWL_LAMBDA_ENDPOINT}. (S3 and Glue read it too: see S3ConfigTest and GlueConfigTest.)
 */
class AwsEndpointTest
{
    @TempDir
    Path home;

    @Test
    void scanTasksGoToTheLambdaEndpointTrawlAwsEndpointNames()
            throws Exception
    {
        byte[] payload = ScanTaskPayloads.lineitemScanTasks().getFirst();
        try (LocalLambdaServer lambda = LocalLambdaServer.start()) {
            lambda.register(LambdaFunction.builder("trawl-scan-worker", ScanWorkerHandler.class.getName())
                    .environment(Map.of()).memoryMb(1769).timeout(Duration.ofMinutes(1)).build());
            Map<String, String> environment = Map.of(
                    "TRAWL_WORKERS", "lambda:trawl-scan-worker",
                    "TRAWL_AWS_ENDPOINT", lambda.endpoint().toString(),
                    "AWS_ACCESS_KEY_ID", "test",
                    "AWS_SECRET_ACCESS_KEY", "test");
            RemoteWorkers workers = ScanRuntimes.fromEnvironment(environment, new LocalObjectStore(), home.toUri()).orElseThrow();
            try (var runner = workers.runner()) {
                TaskResult result = runner.run(TaskCodec.decodeTask(payload)).get(2, TimeUnit.MINUTES);
                assertThat(result.metrics().rowsRead()).isPositive();
            }
            assertThat(lambda.invocations("trawl-scan-worker")).extracting(InvocationRecord::outcome).containsExactly(InvocationRecord.Outcome.SUCCEEDED);
        }
    }

    @Test
    void coordinatorHandOverGoesToTheLambdaEndpointTrawlAwsEndpointNames()
    {
        try (LocalLambdaServer lambda = LocalLambdaServer.start()) {
            lambda.register(LambdaFunction.builder("trawl-coordinator", CoordinatorHandler.class.getName())
                    .environment(Map.of("TRAWL_HOME", home.toString())).memoryMb(2048).timeout(Duration.ofMinutes(1)).build());
            Map<String, String> environment = Map.of(
                    LambdaCoordinatorDispatcher.FUNCTION_VARIABLE, "trawl-coordinator",
                    "TRAWL_AWS_ENDPOINT", lambda.endpoint().toString());
            try (LambdaCoordinatorDispatcher dispatcher = LambdaCoordinatorDispatcher.fromEnvironment(environment).orElseThrow()) {
                dispatcher.dispatch("2f1e4c8a-0000-4000-8000-000000000001");
            }
            // an asynchronous invocation: accepted at once, run in the background (and failed: no such query here)
            Instant deadline = Instant.now().plusSeconds(60);
            List<InvocationRecord> invocations = lambda.invocations("trawl-coordinator");
            while (invocations.isEmpty() && Instant.now().isBefore(deadline)) {
                LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
                invocations = lambda.invocations("trawl-coordinator");
            }
            assertThat(invocations).as("the hand-over reached the endpoint").isNotEmpty();
        }
    }
}
