package io.trawl.scan.store;

import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RoutingObjectStoreTest
{
    @TempDir
    Path directory;

    @Test
    void localLocationsNeverBuildTheS3Store()
            throws IOException
    {
        AtomicInteger s3StoresBuilt = new AtomicInteger();
        RoutingObjectStore store = new RoutingObjectStore(new LocalObjectStore(), () -> {
            s3StoresBuilt.incrementAndGet();
            return new LocalObjectStore();
        });
        Files.writeString(directory.resolve("a"), "abc");

        assertThat(store.list(directory.toUri())).hasSize(1);
        assertThat(store.readRange(directory.resolve("a").toUri(), 1, 2)).containsExactly('b', 'c');
        assertThat(s3StoresBuilt.get()).isZero();
    }

    @Test
    void s3SchemesGoToTheS3StoreBuiltOnce()
    {
        AtomicInteger s3StoresBuilt = new AtomicInteger();
        RoutingObjectStore store = new RoutingObjectStore(new LocalObjectStore(), () -> {
            s3StoresBuilt.incrementAndGet();
            return new LocalObjectStore();
        });

        // the stand-in S3 store is a local one, which refuses s3:// URIs: proof the call reached it
        for (String location : new String[] {"s3://bucket/a", "s3a://bucket/a", "S3N://bucket/a"}) {
            assertThatThrownBy(() -> store.stat(URI.create(location))).hasMessageContaining("Not a file:///");
        }
        assertThat(s3StoresBuilt.get()).isEqualTo(1);
    }

    @Test
    void otherSchemesAreAnInvalidLocation()
    {
        RoutingObjectStore store = new RoutingObjectStore(new LocalObjectStore(), LocalObjectStore::new);

        assertThatThrownBy(() -> store.list(URI.create("hdfs://namenode/warehouse/t/")))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_LOCATION))
                .hasMessageContaining("'hdfs://namenode/warehouse/t/'")
                .hasMessageContaining("unsupported scheme 'hdfs'");
    }
}
