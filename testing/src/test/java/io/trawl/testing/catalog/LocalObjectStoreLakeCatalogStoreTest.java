package io.trawl.testing.catalog;

import io.trawl.catalog.CatalogStore;
import io.trawl.catalog.lake.LakeCatalogStore;
import io.trawl.scan.store.LocalObjectStore;
import io.trawl.scan.store.ObjectStoreCatalogDocuments;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The lake-native catalog on the local object store, through the same adapter the S3 deployment uses. */
class LocalObjectStoreLakeCatalogStoreTest
        extends LakeCatalogCompareAndSwapContract
{
    @TempDir
    Path meta;

    @Override
    CatalogStore newStore()
    {
        return new LakeCatalogStore(new ObjectStoreCatalogDocuments(new LocalObjectStore(), meta.toUri()));
    }
}
