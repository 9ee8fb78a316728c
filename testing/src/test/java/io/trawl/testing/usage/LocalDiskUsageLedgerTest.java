package io.trawl.testing.usage;

import io.trawl.scan.store.LocalObjectStore;
import io.trawl.scan.store.ObjectStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/** The usage ledger and system.billing.usage on local disk: the embedded default, {@code <home>/usage/}. */
class LocalDiskUsageLedgerTest
        extends UsageLedgerContract
{
    @TempDir
    Path home;

    @BeforeEach
    void createUsageFolder()
            throws IOException
    {
        // an empty table location must exist on local disk, as the embedded mode creates <home>/usage/
        Files.createDirectories(home.resolve("usage"));
    }

    @Override
    ObjectStore newStore()
    {
        return new LocalObjectStore();
    }

    @Override
    URI metaLocation()
    {
        return home.toUri();
    }
}
