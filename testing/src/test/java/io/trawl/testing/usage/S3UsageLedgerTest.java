package io.trawl.testing.usage;

import io.trawl.scan.store.ObjectStore;
import io.trawl.scan.store.s3.S3ObjectStore;
import io.trawl.testing.s3.S3TestServer;

import java.net.URI;
import java.util.UUID;

/** The usage ledger and system.billing.usage on the in-process S3 server, with conditional PUTs (If-None-Match). */
class S3UsageLedgerTest
        extends UsageLedgerContract
{
    private final S3TestServer server = S3TestServer.shared();
    private final URI meta = server.location("meta-" + UUID.randomUUID() + "/");

    @Override
    ObjectStore newStore()
    {
        return new S3ObjectStore(server.config());
    }

    @Override
    URI metaLocation()
    {
        return meta;
    }
}
