package io.trawl.scan.reader.parquet;

import io.trawl.scan.store.StoredObject;
import io.trino.parquet.metadata.ParquetMetadata;

import java.net.URI;
import java.time.Instant;
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
    private record Key(URI location, long size, Instant lastModified) {}

    static final class CachedFooter
    {
        private final ParquetMetadata footer;
        private long unbilledBytes;

        private CachedFooter(ParquetMetadata footer, long unbilledBytes)
        {
            this.footer = footer;
            this.unbilledBytes = unbilledBytes;
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

    /** A footer whose fetch was billed. */
    synchronized void putBilled(StoredObject object, ParquetMetadata footer)
    {
        footers.put(key(object), new CachedFooter(footer, 0));
    }

    /** A footer fetched for statistics; its {@code fetchedBytes} go to the next query that uses it. */
    synchronized void putUnbilled(StoredObject object, ParquetMetadata footer, long fetchedBytes)
    {
        footers.put(key(object), new CachedFooter(footer, fetchedBytes));
    }

    private static Key key(StoredObject object)
    {
        return new Key(object.location(), object.size(), object.lastModified());
    }
}
