package io.trawl.testing.catalog;

import io.trawl.catalog.CatalogStore;
import io.trawl.catalog.local.LocalCatalogStore;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The embedded mode's catalog (LocalCatalogStore: a local directory with a file lock) under the same contract. */
class FileLakeCatalogStoreTest
        extends LakeCatalogCompareAndSwapContract
{
    @TempDir
    Path root;

    @Override
    CatalogStore newStore()
    {
        return new LocalCatalogStore(root);
    }
}
