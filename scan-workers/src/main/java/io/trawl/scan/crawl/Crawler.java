package io.trawl.scan.crawl;

import io.trawl.catalog.CatalogStore;
import io.trawl.catalog.Column;
import io.trawl.catalog.Database;
import io.trawl.catalog.HiveTypes;
import io.trawl.catalog.Table;
import io.trawl.catalog.local.LocalCatalogStore;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trawl.scan.crawl.TableInference.Inferred;
import io.trawl.scan.crawl.TableInference.Outcome;
import io.trawl.scan.crawl.TableInference.Skipped;
import io.trawl.scan.crawl.TableInference.TableFile;
import io.trawl.scan.crawl.TableChange.Kind;
import io.trawl.scan.store.ObjectStore;
import io.trawl.scan.store.StoredObject;

import java.io.IOException;
import java.net.URI;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Infers tables from a folder tree of data files and records them in the catalog, as Glue's crawler does.
 * Each folder directly under the crawled location is a table named after it; the location itself is the
 * table when it holds data files directly or only {@code key=value} folders. Files are listed once (one
 * recursive listing of the location), with Hive's rules for what is data: empty objects and names starting
 * with {@code _} or {@code .} are not.
 *
 * <p>A new table is created; an existing one is changed only when the files show columns it lacks or wider
 * types than it records (never dropping a column, as Glue's default "update the table definition" policy
 * with "add new columns only"); a table whose format or partition keys no longer match the files is left
 * alone and reported. Partitions are not registered in the catalog: the scan discovers {@code key=value}
 * folders by listing, so a partitioned table is readable as soon as it exists.
 */
public final class Crawler
{
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z0-9_]+");

    private final ObjectStore store;
    private final CatalogStore catalog;
    private final String owner;

    public Crawler(ObjectStore store, CatalogStore catalog, String owner)
    {
        this.store = requireNonNull(store, "store is null");
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.owner = requireNonNull(owner, "owner is null");
    }

    /**
     * @throws TrawlException INVALID_LOCATION when the location cannot be listed, INVALID_ARGUMENT for a
     * database name outside Athena's rules
     */
    public CrawlReport crawl(String location, String databaseName)
    {
        requireNonNull(location, "location is null");
        requireNonNull(databaseName, "databaseName is null");
        String database = databaseName.toLowerCase(java.util.Locale.ROOT);
        if (!DATABASE_NAME.matcher(database).matches()) {
            throw new TrawlException(ErrorCode.INVALID_ARGUMENT, "Database name '%s' may only hold letters, digits and underscores".formatted(databaseName));
        }
        URI root = folder(location);
        Map<String, List<TableFile>> folders = tableFolders(root, listDataFiles(root));

        List<TableChange> changes = new ArrayList<>();
        TableInference inference = new TableInference(store);
        Set<String> tableNames = new HashSet<>();
        for (Map.Entry<String, List<TableFile>> folder : folders.entrySet()) {
            String folderLocation = folder.getKey();
            String tableName = Names.tableName(lastSegment(folderLocation));
            if (tableName.isEmpty() || !tableNames.add(tableName)) {
                changes.add(new TableChange(Kind.SKIPPED, folderLocation, tableName.isEmpty()
                        ? "no table name can be made of the folder name"
                        : "another folder already gives table name '" + tableName + "'"));
                continue;
            }
            Outcome outcome = inference.infer(tableName, folderLocation, folder.getValue());
            switch (outcome) {
                case Skipped skipped -> changes.add(new TableChange(Kind.SKIPPED, folderLocation, skipped.reason()));
                case Inferred inferred -> changes.add(record(database, inferred.table()));
            }
        }
        return new CrawlReport(database, changes);
    }

    private List<StoredObject> listDataFiles(URI root)
    {
        List<StoredObject> objects;
        try {
            objects = store.list(root);
        }
        catch (NoSuchFileException e) {
            throw new TrawlException(ErrorCode.INVALID_LOCATION, "Location '%s' does not exist".formatted(root), e);
        }
        catch (AccessDeniedException e) {
            throw new TrawlException(ErrorCode.INVALID_LOCATION, "Location '%s' is not readable".formatted(root), e);
        }
        catch (IOException e) {
            throw new TrawlException(ErrorCode.STORAGE_ERROR, "Cannot list location '%s': %s".formatted(root, e.getMessage()), e);
        }
        List<StoredObject> files = new ArrayList<>();
        for (StoredObject object : objects) {
            if (object.size() > 0 && !isHidden(relativePath(root, object))) {
                files.add(object);
            }
        }
        return files;
    }

    /** Table folder location → its files, in listing order. */
    private static Map<String, List<TableFile>> tableFolders(URI root, List<StoredObject> files)
    {
        boolean rootIsTable = false;
        for (StoredObject file : files) {
            String relative = relativePath(root, file);
            int slash = relative.indexOf('/');
            if (slash < 0 || relative.substring(0, slash).indexOf('=') > 0) {
                rootIsTable = true;
                break;
            }
        }
        Map<String, List<TableFile>> folders = new LinkedHashMap<>();
        for (StoredObject file : files) {
            String relative = relativePath(root, file);
            if (rootIsTable) {
                folders.computeIfAbsent(root.toString(), _ -> new ArrayList<>()).add(new TableFile(file, relative));
                continue;
            }
            int slash = relative.indexOf('/');
            String folder = root + relative.substring(0, slash + 1);
            folders.computeIfAbsent(folder, _ -> new ArrayList<>()).add(new TableFile(file, relative.substring(slash + 1)));
        }
        return folders;
    }

    private TableChange record(String database, InferredTable inferred)
    {
        String qualifiedName = database + "." + inferred.name();
        if (catalog.findDatabase(database).isEmpty()) {
            try {
                catalog.createDatabase(new Database(database, Optional.empty(), Optional.empty(), Map.of()));
            }
            catch (TrawlException e) {
                if (e.errorCode() != ErrorCode.SCHEMA_ALREADY_EXISTS) {
                    throw e;
                }
            }
        }
        Table wanted = CrawledTables.toTable(inferred, database, owner);
        Optional<Table> existing = catalog.findTable(database, inferred.name());
        if (existing.isEmpty()) {
            catalog.createTable(wanted);
            return new TableChange(Kind.CREATED, qualifiedName, createdDetail(inferred));
        }
        return update(qualifiedName, existing.get(), wanted, inferred);
    }

    private TableChange update(String qualifiedName, Table existing, Table wanted, InferredTable inferred)
    {
        if (!existing.tableType().equals(Table.EXTERNAL_TABLE)) {
            return new TableChange(Kind.SKIPPED, qualifiedName, "it is a view in the catalog; not changed");
        }
        String existingSerde = existing.storageDescriptor().serdeInfo().serializationLibrary();
        String wantedSerde = wanted.storageDescriptor().serdeInfo().serializationLibrary();
        if (!existingSerde.equals(wantedSerde)) {
            return new TableChange(Kind.SKIPPED, qualifiedName, "the catalog reads it with %s but the files are %s; not changed".formatted(existingSerde, inferred.formatLabel()));
        }
        List<String> existingKeys = existing.partitionKeys().stream().map(Column::name).toList();
        List<String> wantedKeys = wanted.partitionKeys().stream().map(Column::name).toList();
        if (!existingKeys.equals(wantedKeys)) {
            return new TableChange(Kind.SKIPPED, qualifiedName, "the catalog partitions it by %s but the folders by %s; not changed".formatted(
                    existingKeys.isEmpty() ? "nothing" : String.join(", ", existingKeys), wantedKeys.isEmpty() ? "nothing" : String.join(", ", wantedKeys)));
        }
        List<Column> columns = new ArrayList<>(existing.storageDescriptor().columns());
        List<String> changes = new ArrayList<>();
        for (Column found : wanted.storageDescriptor().columns()) {
            int index = indexOf(columns, found.name());
            if (index < 0) {
                columns.add(found);
                changes.add("added column %s %s".formatted(found.name(), found.type()));
                continue;
            }
            Column current = columns.get(index);
            String widened = HiveTypes.toHiveType(TypeWidening.widen(HiveTypes.toTrinoType(current.type()), HiveTypes.toTrinoType(found.type())));
            if (!widened.equals(HiveTypes.canonicalize(current.type()))) {
                columns.set(index, new Column(current.name(), widened, current.comment()));
                changes.add("widened column %s from %s to %s".formatted(current.name(), current.type(), widened));
            }
        }
        if (changes.isEmpty()) {
            return new TableChange(Kind.UNCHANGED, qualifiedName, "");
        }
        var storage = existing.storageDescriptor();
        Table updated = new Table(existing.databaseName(), existing.name(), existing.owner(), existing.tableType(), existing.parameters(),
                new io.trawl.catalog.StorageDescriptor(columns, storage.location(), storage.inputFormat(), storage.outputFormat(), storage.serdeInfo(), storage.compressed()),
                existing.partitionKeys(), existing.viewOriginalText(), existing.version());
        replace(updated);
        return new TableChange(Kind.UPDATED, qualifiedName, String.join(", ", changes));
    }

    /**
     * The catalog interface gains a versioned {@code updateTable} with the partition API (issue 4); until then
     * the local store's own one is used, and other stores get drop-and-create.
     */
    private void replace(Table table)
    {
        if (catalog instanceof LocalCatalogStore local) {
            local.updateTable(table);
            return;
        }
        catalog.dropTable(table.databaseName(), table.name());
        catalog.createTable(table);
    }

    private static String createdDetail(InferredTable inferred)
    {
        String detail = "%s, %d column%s".formatted(inferred.formatLabel(), inferred.columns().size(), inferred.columns().size() == 1 ? "" : "s");
        if (inferred.partitionKeys().isEmpty()) {
            return detail;
        }
        return detail + ", partitioned by " + String.join(", ", inferred.partitionKeys().stream().map(Column::name).toList());
    }

    private static int indexOf(List<Column> columns, String name)
    {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    private static URI folder(String location)
    {
        URI given;
        try {
            given = new URI(location.contains("://") ? location : java.nio.file.Path.of(location).toAbsolutePath().toUri().toString());
        }
        catch (java.net.URISyntaxException e) {
            throw new TrawlException(ErrorCode.INVALID_LOCATION, "Location '%s' is not a valid URI: %s".formatted(location, e.getReason()), e);
        }
        if (given.getScheme() == null || given.getRawPath() == null) {
            throw new TrawlException(ErrorCode.INVALID_LOCATION, "Location '%s' is not a URI such as s3://bucket/prefix/ or file:///data/".formatted(location));
        }
        String authority = given.getRawAuthority() == null ? "" : given.getRawAuthority();
        return URI.create(given.getScheme() + "://" + authority + (given.getRawPath() + "/").replaceAll("/+", "/"));
    }

    private static String relativePath(URI root, StoredObject object)
    {
        String rootPath = root.getPath();
        String path = object.location().getPath();
        return path.startsWith(rootPath) ? path.substring(rootPath.length()) : object.fileName();
    }

    private static boolean isHidden(String relativePath)
    {
        for (String segment : relativePath.split("/")) {
            if (segment.startsWith("_") || segment.startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static String lastSegment(String folderLocation)
    {
        String path = URI.create(folderLocation).getPath();
        String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }
}
