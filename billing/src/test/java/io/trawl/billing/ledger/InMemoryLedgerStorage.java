package io.trawl.billing.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A hand-written ledger storage for unit tests: atomic create-if-absent over a sorted map, and a log of the prefixes listed. */
public final class InMemoryLedgerStorage
        implements LedgerStorage
{
    private final ConcurrentSkipListMap<String, byte[]> objects = new ConcurrentSkipListMap<>();
    private final List<String> listedPrefixes = new CopyOnWriteArrayList<>();

    @Override
    public boolean createIfAbsent(String key, byte[] content)
    {
        return objects.putIfAbsent(key, content.clone()) == null;
    }

    @Override
    public List<String> list(String prefix)
    {
        listedPrefixes.add(prefix);
        List<String> keys = new ArrayList<>();
        for (String key : objects.tailMap(prefix, true).keySet()) {
            if (!key.startsWith(prefix)) {
                break;
            }
            keys.add(key);
        }
        return keys;
    }

    @Override
    public Optional<byte[]> read(String key)
    {
        return Optional.ofNullable(objects.get(key)).map(byte[]::clone);
    }

    void put(String key, byte[] content)
    {
        objects.put(key, content);
    }

    List<String> keys()
    {
        return List.copyOf(objects.keySet());
    }

    List<String> listedPrefixes()
    {
        return List.copyOf(listedPrefixes);
    }
}
