package io.trawl.api.glue;

import io.trawl.api.TrawlApiServer;
import io.trawl.api.service.ServerSettings;
import io.trawl.catalog.CatalogStore;
import io.trawl.catalog.glue.GlueCatalogStore;
import io.trawl.catalog.glue.GlueConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The contract on {@link GlueCatalogStore} through the AWS SDK's GlueClient, against Trawl's Glue API over a lake-native catalog. */
class GlueCatalogStoreContractTest
        extends CatalogStoreContractTest
{
    @TempDir
    static Path home;

    private static TrawlApiServer server;
    private static GlueCatalogStore store;

    @BeforeAll
    static void start()
    {
        server = TrawlApiServer.start(ServerSettings.defaults(home).withCatalogLocation(home.resolve("meta").toUri()));
        store = GlueCatalogStore.create(GlueConfig.defaults()
                .withEndpoint(server.endpoint())
                .withCredentials(TrawlApiServer.ACCESS_KEY, TrawlApiServer.SECRET_KEY));
    }

    @AfterAll
    static void stop()
    {
        store.close();
        server.close();
    }

    @Override
    protected CatalogStore store()
    {
        return store;
    }
}
