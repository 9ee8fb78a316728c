package io.trawl.api.http;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.trawl.api.service.ServerSettings;
import io.trawl.api.service.TrawlService;

import java.util.Map;

import static java.util.Objects.requireNonNull;

/** Starts the API on Netty: {@code trawl serve}, and the tests that drive it with the AWS SDK's clients. */
public final class TrawlApplication
{
    private TrawlApplication() {}

    /**
     * Starts a server on {@code port} (0 picks a free one) with {@code settings}; close the returned server to stop it.
     * A long-running server also runs the reports that come due (TRAWL_REPORT_TICK_SECONDS, 0 for off); the API on
     * Lambda does not, there EventBridge Scheduler invokes the coordinator function instead.
     */
    public static EmbeddedServer start(ServerSettings settings, int port)
    {
        requireNonNull(settings, "settings is null");
        ApplicationContext context = ApplicationContext.builder()
                .deduceEnvironment(false)
                .banner(false)
                .properties(Map.of("micronaut.server.port", port, "micronaut.server.max-request-size", "64MB"))
                .singletons(settings)
                .start();
        EmbeddedServer server = context.getBean(EmbeddedServer.class).start();
        try {
            context.getBean(TrawlService.class).reports().scheduler().start();
        }
        catch (RuntimeException e) {
            context.close();
            throw e;
        }
        return server;
    }
}
