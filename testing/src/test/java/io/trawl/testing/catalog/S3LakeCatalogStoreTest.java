package io.trawl.testing.catalog;

import io.trawl.catalog.CatalogStore;
import io.trawl.catalog.lake.LakeCatalogStore;
import io.trawl.scan.store.ObjectStoreCatalogDocuments;
import io.trawl.testing.s3.S3TestServer;

import io.trawl.catalog.Table;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The lake-native catalog on S3 (in-process S3Proxy, or TRAWL_TEST_S3_ENDPOINT): conditional PUTs over the wire.
 * Concurrent create races run here; concurrent If-Match races do not, see {@link LakeCatalogCompareAndSwapContract}.
 */
class S3LakeCatalogStoreTest
        extends LakeCatalogConcurrencyContract
{
    private final S3TestServer server = S3TestServer.shared();
    private final URI metaLocation = server.location("catalog-test-" + UUID.randomUUID() + "/meta");

    @Override
    CatalogStore newStore()
    {
        return new LakeCatalogStore(new ObjectStoreCatalogDocuments(server.store(), metaLocation));
    }

    @Test
    void anUpdateFromAStaleReadIsRejectedByTheEntityTagAndTheIndexKeepsEveryTable()
    {
        CatalogStore first = newStore();
        CatalogStore second = newStore();
        first.createTable(table("default", "shared", List.of()));
        second.createTable(table("default", "other", List.of()));
        Table seenByFirst = first.findTable("default", "shared").orElseThrow();
        Table seenBySecond = second.findTable("default", "shared").orElseThrow();

        first.updateTable(withParameters(seenByFirst, Map.of("by", "first")));

        assertThatThrownBy(() -> second.updateTable(withParameters(seenBySecond, Map.of("by", "second"))))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).as("code").isEqualTo(ErrorCode.CONCURRENT_MODIFICATION))
                .hasMessage("Table 'default.shared' was changed concurrently: expected version 1, found 2");
        assertThat(newStore().findTable("default", "shared").orElseThrow().parameters()).as("first update kept").containsEntry("by", "first");
        assertThat(newStore().listTables("default")).as("both instances' tables indexed").containsExactly("other", "shared");
    }
}
