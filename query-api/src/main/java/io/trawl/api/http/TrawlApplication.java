package io.trawl.api.http;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.trawl.api.service.ServerSettings;

import java.util.Map;

import static java.util.Objects.requireNonNull;

/** Starts the API on Netty: {@code trawl serve}, and the tests that drive it with the AWS SDK's clients. */
public final class TrawlApplication
{
    private TrawlApplication() {}

    /** Starts a server on {@code port} (0 picks a free one) with {@code settings}; close the returned server to stop it. */
    public static EmbeddedServer start(ServerSettings settings, int port)
    {
        requireNonNull(settings, "settings is null");
        ApplicationContext context = ApplicationContext.builder()
                .deduceEnvironment(false)
                .banner(false)
                .properties(Map.of("micronaut.server.port", port, "micronaut.server.max-request-size", "64MB"))
                .singletons(settings)
                .start();
        return context.getBean(EmbeddedServer.class).start();
    }
}
