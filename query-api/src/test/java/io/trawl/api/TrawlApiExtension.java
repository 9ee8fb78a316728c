package io.trawl.api;

import io.trawl.api.service.ServerSettings;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.athena.AthenaClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.Function;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * One API server per test class over a fresh home, with an AthenaClient for it: register it as a static field with
 * {@code @RegisterExtension}. The home is deleted after the class's tests.
 */
public final class TrawlApiExtension
        implements BeforeAllCallback, AfterAllCallback
{
    private final Function<Path, ServerSettings> settings;
    private Path home;
    private TrawlApiServer server;
    private AthenaClient athena;

    private TrawlApiExtension(Function<Path, ServerSettings> settings)
    {
        this.settings = requireNonNull(settings, "settings is null");
    }

    /** A server with {@code settings} over the home the extension creates. */
    public static TrawlApiExtension with(Function<Path, ServerSettings> settings)
    {
        return new TrawlApiExtension(settings);
    }

    @Override
    public void beforeAll(ExtensionContext context)
            throws IOException
    {
        home = Files.createTempDirectory("trawl-api-test-");
        server = TrawlApiServer.start(settings.apply(home));
        athena = server.athena();
    }

    @Override
    public void afterAll(ExtensionContext context)
            throws IOException
    {
        athena.close();
        server.close();
        try (Stream<Path> paths = Files.walk(home)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                }
                catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    public Path home()
    {
        return home;
    }

    public TrawlApiServer server()
    {
        return server;
    }

    public AthenaClient athena()
    {
        return athena;
    }
}
