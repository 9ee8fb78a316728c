package io.trawl.scan.partition;

import io.trawl.catalog.Column;
import io.trawl.catalog.Table;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trawl.scan.split.DataFiles;
import io.trawl.scan.store.ObjectStore;
import io.trawl.scan.store.StoredObject;
import io.trino.spi.predicate.Domain;
import io.trino.spi.predicate.TupleDomain;

import java.io.IOException;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Lists a partitioned table's data files one partition level at a time ({@code year=2024/} then
 * {@code month=07/} ...), dropping a folder as soon as its value cannot match the query's domain for that
 * key, so pruned partitions are never listed (on S3: one delimiter listing per visited folder). Folders that
 * are not {@code key=value} for the expected key, and files outside partition folders, are not table data,
 * as in Hive and Athena.
 */
public final class PartitionWalker
{
    private PartitionWalker() {}

    public static List<StoredObject> files(ObjectStore store, Table table, TupleDomain<String> predicate)
    {
        String location = table.storageDescriptor().location();
        URI given = URI.create(location);
        // LOCATION 'file:///data/t//' and 'file:///data/t' name the same folder
        URI root = URI.create(given.getScheme() + "://" + (given.getRawAuthority() == null ? "" : given.getRawAuthority()) + (given.getRawPath() + "/").replaceAll("/+", "/"));
        List<StoredObject> files = new ArrayList<>();
        if (predicate.isNone()) {
            return files;
        }
        walk(store, table, predicate.getDomains().orElse(Map.of()), root, 0, files);
        return List.copyOf(files);
    }

    /** Every partition folder of the table (all levels present), with its values in key order, for MSCK REPAIR TABLE. */
    public static List<io.trawl.engine.scan.PartitionFolder> folders(ObjectStore store, Table table)
    {
        String location = table.storageDescriptor().location();
        URI given = URI.create(location);
        URI root = URI.create(given.getScheme() + "://" + (given.getRawAuthority() == null ? "" : given.getRawAuthority()) + (given.getRawPath() + "/").replaceAll("/+", "/"));
        List<io.trawl.engine.scan.PartitionFolder> found = new ArrayList<>();
        collectFolders(store, table, root, 0, new ArrayList<>(), found);
        return List.copyOf(found);
    }

    private static void collectFolders(ObjectStore store, Table table, URI folder, int level, List<String> values, List<io.trawl.engine.scan.PartitionFolder> found)
    {
        List<Column> keys = table.partitionKeys();
        if (level == keys.size()) {
            found.add(new io.trawl.engine.scan.PartitionFolder(values, folder.toString()));
            return;
        }
        String keyName = keys.get(level).name().toLowerCase(Locale.ROOT);
        for (URI child : folders(store, folder, level == 0)) {
            String name = lastSegment(child);
            int equals = name.indexOf('=');
            if (name.startsWith("_") || name.startsWith(".") || equals <= 0 || !name.substring(0, equals).equalsIgnoreCase(keyName)) {
                continue;
            }
            String value = PartitionValues.parse(name + "/file").get(keyName);
            // a folder whose value does not fit the key's type is not a partition (MSCK skips it, as Hive does)
            try {
                PartitionValues.typedValue(table, keys.get(level), Map.of(keyName, value), child.toString());
            }
            catch (TrawlException e) {
                continue;
            }
            List<String> next = new ArrayList<>(values);
            next.add(value);
            collectFolders(store, table, child, level + 1, next, found);
        }
    }

    private static void walk(ObjectStore store, Table table, Map<String, Domain> domains, URI folder, int level, List<StoredObject> files)
    {
        List<Column> keys = table.partitionKeys();
        if (level == keys.size()) {
            files.addAll(DataFiles.list(store, folder.toString()));
            return;
        }
        Column key = keys.get(level);
        String keyName = key.name().toLowerCase(Locale.ROOT);
        for (URI child : folders(store, folder, level == 0)) {
            String name = lastSegment(child);
            int equals = name.indexOf('=');
            if (name.startsWith("_") || name.startsWith(".") || equals <= 0 || !name.substring(0, equals).equalsIgnoreCase(keyName)) {
                continue;
            }
            Map<String, String> values = PartitionValues.parse(name + "/file");
            Optional<Object> value = PartitionValues.typedValue(table, key, values, child.toString());
            Domain domain = domainOf(domains, keyName);
            if (domain != null && value.isPresent() && !domain.includesNullableValue(value.get() == PartitionValues.NullValue.NULL ? null : value.get())) {
                continue;
            }
            walk(store, table, domains, child, level + 1, files);
        }
    }

    private static Domain domainOf(Map<String, Domain> domains, String key)
    {
        for (Map.Entry<String, Domain> entry : domains.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(key)) {
                return entry.getValue();
            }
        }
        return null;
    }

    private static List<URI> folders(ObjectStore store, URI folder, boolean tableRoot)
    {
        try {
            return store.listFolders(folder);
        }
        catch (NoSuchFileException e) {
            if (tableRoot) {
                throw new TrawlException(ErrorCode.INVALID_LOCATION, "Location '%s' does not exist".formatted(folder), e);
            }
            return List.of();
        }
        catch (IOException e) {
            throw new TrawlException(ErrorCode.STORAGE_ERROR, "Cannot list location '%s': %s".formatted(folder, e.getMessage()), e);
        }
    }

    private static String lastSegment(URI folder)
    {
        String path = folder.getPath();
        String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }
}
