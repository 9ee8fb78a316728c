package io.trawl.cli;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.trawl.api.http.TrawlApplication;
import io.trawl.api.service.ServerSettings;
import io.trawl.api.service.TrawlService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import static java.util.Objects.requireNonNull;

/**
 * {@code trawl serve}: the Trawl API on this machine, over the same home, catalog and lake as the embedded CLI (the
 * same variables configure both), until the process is stopped. SIGINT and SIGTERM close the application context:
 * the server stops taking requests and the query service stops its threads. The CLI binds no logging, so what the
 * operator must know at start-up (development mode) is printed here.
 */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = "Run the Trawl API: Amazon Athena's and AWS Glue's protocols (AWS SDKs, aws --endpoint-url) and the REST API "
                + "(/v1/queries, /v1/reports), over this machine's catalog and lake, until stopped (Ctrl-C); runs scheduled reports when due.",
        footer = {
                "",
                "Settings come from the environment: TRAWL_HOME, TRAWL_CATALOG, TRAWL_RESULTS, TRAWL_MAX_CONCURRENT_QUERIES,",
                "TRAWL_MAX_QUEUED_QUERIES, TRAWL_QUERY_TIMEOUT, TRAWL_HISTORY_DAYS, the S3, worker and billing variables of",
                "trawl query, and TRAWL_ACCESS_KEYS=ID:SECRET:principal[,...] (or TRAWL_ACCESS_KEYS_FILE); without access keys",
                "the server runs in development mode and accepts any signed request. TRAWL_REPORT_TICK_SECONDS: how often",
                "due reports are looked for (default 30, 0 off); TRAWL_REPORT_LATE_AFTER_SECONDS: when a late occurrence counts",
                "as missed (default 300).",
                "",
                "Examples:",
                "  trawl serve --port 8080",
                "  trawl query --endpoint http://localhost:8080 \"SHOW TABLES\"",
                "  aws athena start-query-execution --endpoint-url http://localhost:8080 --query-string \"SELECT 1\""})
final class ServeCommand
        implements Callable<Integer>
{
    private final CliContext context;
    private final CountDownLatch stopRequested = new CountDownLatch(1);

    @Mixin
    CommonOptions common = new CommonOptions();

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080", description = "Port to listen on, all interfaces (0 picks a free one; default: ${DEFAULT-VALUE})")
    int port;

    ServeCommand(CliContext context)
    {
        this.context = requireNonNull(context, "context is null");
    }

    @Override
    public Integer call()
            throws InterruptedException
    {
        Optional<EmbeddedServer> server = start();
        if (server.isEmpty()) {
            return Main.EXIT_FAILED;
        }
        ApplicationContext application = server.get().getApplicationContext();
        Thread closeOnSignal = Thread.ofPlatform().name("trawl-serve-shutdown").unstarted(application::close);
        Runtime.getRuntime().addShutdownHook(closeOnSignal);
        try {
            stopRequested.await();
        }
        finally {
            try {
                Runtime.getRuntime().removeShutdownHook(closeOnSignal);
            }
            catch (IllegalStateException _) {
                // the JVM is shutting down: the hook closes the context
            }
            application.close();
        }
        return 0;
    }

    /** Makes a running {@link #call} close the server and return, as a signal would end the process. */
    void stop()
    {
        stopRequested.countDown();
    }

    /** Starts the server and says where it listens and what the operator must know; empty (and a message) when it cannot start. */
    Optional<EmbeddedServer> start()
    {
        EmbeddedServer server;
        TrawlService service;
        try {
            // --home wins over $TRAWL_HOME, as in every other command
            Map<String, String> environment = new HashMap<>(context.environment());
            environment.put(CommonOptions.HOME_VARIABLE, common.resolveHome(context).toString());
            ServerSettings settings = ServerSettings.fromEnvironment(environment, context.userHome())
                    .withS3(common.resolveS3(context.environment()));
            server = TrawlApplication.start(settings, port);
            try {
                // built now rather than at the first request, so a bad setting stops the start
                service = server.getApplicationContext().getBean(TrawlService.class);
            }
            catch (RuntimeException e) {
                server.getApplicationContext().close();
                throw e;
            }
        }
        catch (RuntimeException e) {
            context.err().println("Cannot start the Trawl API: " + reason(e));
            if (common.debug) {
                e.printStackTrace(context.err());
            }
            context.err().flush();
            return Optional.empty();
        }
        context.out().printf("Trawl API listening on http://%s:%d (Athena and Glue protocols on POST /, REST on /v1/queries, OpenAPI at /openapi.yaml)%n",
                server.getHost(), server.getPort());
        context.out().flush();
        for (String warning : service.startupWarnings()) {
            context.err().println("WARNING: " + warning);
        }
        context.err().flush();
        return Optional.of(server);
    }

    /** The first message and, when it is another, the root cause's (Micronaut wraps "Address already in use" and setting errors). */
    private static String reason(Throwable error)
    {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = String.valueOf(error.getMessage()).lines().findFirst().orElse("");
        String rootMessage = String.valueOf(root.getMessage()).lines().findFirst().orElse("");
        return root == error || message.contains(rootMessage) ? message : message + ": " + rootMessage;
    }
}
