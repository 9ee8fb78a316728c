package io.trawl.scan.reader.parquet;

import io.trawl.scan.store.StoredObject;
import io.trino.parquet.metadata.ParquetMetadata;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Parsed footers of the files a provider has opened, so planning and reading a split do not fetch and parse
 * the same footer twice. The key includes size and modification time: a file rewritten in place is a new
 * entry. Least recently used entries are dropped beyond a fixed count.
 *
 * <p>An entry may carry bytes not billed yet: a footer fetched for free statistics (join ordering) is billed
 * to the first query that then plans or reads the file, so its bytes are fetched once and billed once.
 */
final class ParquetFooterCache
{
    /** Modification time in milliseconds: what a split records, so a footer shipped with a split finds its entry. */
    private record Key(URI location, long size, long lastModifiedMillis) {}

    static final class CachedFooter
    {
        private final ParquetMetadata footer;
        private final byte[] bytes;
        private long unbilledBytes;

        private CachedFooter(ParquetMetadata footer, byte[] bytes, long unbilledBytes)
        {
            this.footer = footer;
            this.bytes = bytes;
            this.unbilledBytes = unbilledBytes;
        }

        /** The footer as fetched (metadata, length, magic), to ship with a scan task. */
        byte[] bytes()
        {
            return bytes;
        }

        ParquetMetadata footer()
        {
            return footer;
        }

        /** The bytes fetched for this footer and not billed yet, left owed (what an estimate reports). */
        synchronized long unbilledBytes()
        {
            return unbilledBytes;
        }

        /** The bytes fetched for this footer and not billed yet; afterwards there are none. */
        synchronized long takeUnbilledBytes()
        {
            long bytes = unbilledBytes;
            unbilledBytes = 0;
            return bytes;
        }
    }

    private final int maxEntries;
    private final Map<Key, CachedFooter> footers;

    ParquetFooterCache(int maxEntries)
    {
        this.maxEntries = maxEntries;
        this.footers = new LinkedHashMap<>(16, 0.75f, true)
        {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, CachedFooter> eldest)
            {
                return size() > ParquetFooterCache.this.maxEntries;
            }
        };
    }

    synchronized Optional<CachedFooter> find(StoredObject object)
    {
        return Optional.ofNullable(footers.get(key(object)));
    }

    /**
     * The footer of the file at {@code location} with this size and modification time (milliseconds: what
     * a split records), if cached and billed: what a coordinator ships with a scan task of that file.
     */
    synchronized Optional<byte[]> findBilledBytes(URI location, long size, long lastModifiedMillis)
    {
        return Optional.ofNullable(footers.get(new Key(location, size, lastModifiedMillis)))
                .filter(cached -> cached.unbilledBytes() == 0)
                .map(CachedFooter::bytes);
    }

    /** A footer whose fetch was billed (or, shipped with a task, billed where it was fetched). */
    synchronized void putBilled(StoredObject object, ParquetMetadata footer, byte[] bytes)
    {
        footers.put(key(object), new CachedFooter(footer, bytes, 0));
    }

    /** A footer fetched for statistics; its {@code bytes} go to the next query that uses it. */
    synchronized void putUnbilled(StoredObject object, ParquetMetadata footer, byte[] bytes)
    {
        footers.put(key(object), new CachedFooter(footer, bytes, bytes.length));
    }

    private static Key key(StoredObject object)
    {
        return new Key(object.location(), object.size(), object.lastModified().toEpochMilli());
    }
}
