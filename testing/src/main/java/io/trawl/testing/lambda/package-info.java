/**
 * A local AWS Lambda endpoint for tests, generic over the handler: the real SDK clients invoke real
 * {@code RequestStreamHandler}s, each container a fresh class loader.
 * <pre>
 *   LambdaClient / LambdaAsyncClient ──HTTP──► LocalLambdaServer ──► FunctionRuntime (per function)
 *     (endpointOverride)                         404/413/400/429         │  idle containers reused, new up to the
 *                                                                        │  reserved concurrency; FunctionFaults
 *                                                                        ▼
 *                                                   Container: ContainerClassLoader + one thread + handler
 *                                                   ──► payload | Unhandled error document ──► InvocationRecord
 * </pre>
 * A test registers a function and plans faults:
 * <pre>
 *   LocalLambdaServer server = LocalLambdaServer.start();
 *   server.register(LambdaFunction.builder("scan-worker", ScanWorkerHandler.class.getName())
 *           .environment("S3_ENDPOINT", s3.endpoint().toString())
 *           .memoryMb(1769).timeout(Duration.ofSeconds(30)).reservedConcurrency(8).build());
 *   server.faults("scan-worker").next(1, Fault.crash());
 *   server.faults("scan-worker").whenPayloadContains("lineitem-3.parquet", 1, Fault.holdUntil(latch));
 *   ... LambdaAsyncClient.builder().endpointOverride(server.endpoint()) ...
 *   server.invocations("scan-worker")   // cold/warm, init and run time, billed ms, outcome, fault
 * </pre>
 */
package io.trawl.testing.lambda;
