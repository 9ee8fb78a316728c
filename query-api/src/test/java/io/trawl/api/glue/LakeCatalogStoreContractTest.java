package io.trawl.api.glue;

import io.trawl.catalog.CatalogStore;
import io.trawl.catalog.lake.FileCatalogDocuments;
import io.trawl.catalog.lake.LakeCatalogStore;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The contract on the lake-native store in a local directory: the reference the Glue store is held to. */
class LakeCatalogStoreContractTest
        extends CatalogStoreContractTest
{
    @TempDir
    Path root;

    private CatalogStore store;

    @Override
    protected CatalogStore store()
    {
        if (store == null) {
            store = new LakeCatalogStore(new FileCatalogDocuments(root));
        }
        return store;
    }
}
