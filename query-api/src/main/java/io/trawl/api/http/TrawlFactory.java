package io.trawl.api.http;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.trawl.api.service.ServerSettings;
import io.trawl.api.service.TrawlService;
import jakarta.inject.Singleton;

import java.nio.file.Path;

/**
 * Builds the one {@link TrawlService} the controllers share. Its settings come from the environment unless the
 * application context was started with a {@link ServerSettings} singleton ({@code trawl serve} and tests pass theirs).
 */
@Factory
final class TrawlFactory
{
    @Singleton
    @Requires(missingBeans = ServerSettings.class)
    ServerSettings settingsFromEnvironment()
    {
        return ServerSettings.fromEnvironment(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    @Singleton
    @Bean(preDestroy = "close")
    TrawlService trawlService(ServerSettings settings)
    {
        return TrawlService.create(settings);
    }
}
