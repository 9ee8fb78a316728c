package io.trawl.catalog.lake;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

/** Catalog documents in memory, counting every read and listing, so tests can see what an operation touched. */
final class InMemoryDocuments
        implements CatalogDocuments
{
    private final Map<String, Document> documents = new TreeMap<>();
    private final List<String> reads = new ArrayList<>();
    private final List<String> listings = new ArrayList<>();
    private final AtomicLong versions = new AtomicLong();

    @Override
    public synchronized Optional<Document> read(String key)
    {
        reads.add(key);
        return Optional.ofNullable(documents.get(key));
    }

    @Override
    public synchronized boolean createIfAbsent(String key, byte[] content)
    {
        if (documents.containsKey(key)) {
            return false;
        }
        documents.put(key, new Document(content.clone(), "v" + versions.incrementAndGet()));
        return true;
    }

    @Override
    public synchronized boolean replaceIfUnchanged(String key, byte[] content, String etag)
    {
        Document current = documents.get(key);
        if (current == null || !current.etag().equals(etag)) {
            return false;
        }
        documents.put(key, new Document(content.clone(), "v" + versions.incrementAndGet()));
        return true;
    }

    @Override
    public synchronized void delete(String key)
    {
        documents.remove(key);
    }

    @Override
    public synchronized List<String> list(String prefix)
    {
        listings.add(prefix);
        return documents.keySet().stream().filter(key -> key.startsWith(prefix)).toList();
    }

    @Override
    public synchronized List<String> listFolders(String prefix)
    {
        listings.add(prefix);
        TreeSet<String> folders = new TreeSet<>();
        for (String key : documents.keySet()) {
            if (key.startsWith(prefix)) {
                int slash = key.indexOf('/', prefix.length());
                if (slash >= 0) {
                    folders.add(key.substring(0, slash + 1));
                }
            }
        }
        return List.copyOf(folders);
    }

    synchronized List<String> keys()
    {
        return List.copyOf(documents.keySet());
    }

    synchronized List<String> readsUnder(String prefix)
    {
        return reads.stream().filter(key -> key.startsWith(prefix)).toList();
    }

    synchronized List<String> listings()
    {
        return List.copyOf(listings);
    }

    synchronized void resetCounts()
    {
        reads.clear();
        listings.clear();
    }
}
