package io.trawl.billing.ledger;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Where the usage ledger keeps its files: a flat namespace of keys such as {@code 2026/12/05/<queryId>.avro},
 * relative to the ledger's root ({@code <meta>/usage/} on the lake's object store). The ledger needs only
 * these three operations; the adapter over Trawl's object store (local disk and S3) lives with the store.
 */
public interface LedgerStorage
{
    /**
     * Writes {@code content} at {@code key} only if nothing is there yet, atomically (S3 {@code If-None-Match: *},
     * a hard link on local disk): of several concurrent writers exactly one succeeds.
     *
     * @return false when an object already existed; it is left unchanged
     */
    boolean createIfAbsent(String key, byte[] content)
            throws IOException;

    /** Every key under {@code prefix} (e.g. {@code 2026/12/}), recursively, in lexicographic order; none when nothing was ever written there. */
    List<String> list(String prefix)
            throws IOException;

    /** The content at {@code key}, or empty when there is none. */
    Optional<byte[]> read(String key)
            throws IOException;
}
