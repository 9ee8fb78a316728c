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
 */
final class ParquetFooterCache
{
    private record Key(URI location, long size, Instant lastModified) {}

    private final int maxEntries;
    private final Map<Key, ParquetMetadata> footers;

    ParquetFooterCache(int maxEntries)
    {
        this.maxEntries = maxEntries;
        this.footers = new LinkedHashMap<>(16, 0.75f, true)
        {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, ParquetMetadata> eldest)
            {
                return size() > ParquetFooterCache.this.maxEntries;
            }
        };
    }

    synchronized Optional<ParquetMetadata> find(StoredObject object)
    {
        return Optional.ofNullable(footers.get(key(object)));
    }

    synchronized void put(StoredObject object, ParquetMetadata footer)
    {
        footers.put(key(object), footer);
    }

    private static Key key(StoredObject object)
    {
        return new Key(object.location(), object.size(), object.lastModified());
    }
}
