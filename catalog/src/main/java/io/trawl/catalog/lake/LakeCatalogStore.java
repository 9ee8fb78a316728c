package io.trawl.catalog.lake;

import io.trawl.catalog.CatalogErrors;
import io.trawl.catalog.CatalogStore;
import io.trawl.catalog.Column;
import io.trawl.catalog.Database;
import io.trawl.catalog.Partition;
import io.trawl.catalog.PartitionKeyValues;
import io.trawl.catalog.Table;
import io.trawl.catalog.lake.LakeDocuments.DatabaseDocument;
import io.trawl.catalog.lake.LakeDocuments.PartitionDocument;
import io.trawl.catalog.lake.LakeDocuments.TableDocument;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trino.spi.predicate.Domain;
import io.trino.spi.predicate.TupleDomain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * The lake-native catalog: Glue's shapes as JSON documents in the meta location of an object store, with no
 * server and no lock. Layout, relative to the catalog root ({@code <meta>/catalog/}):
 * <pre>
 * &lt;db&gt;/_database.json                                  the database and the index of its tables
 * &lt;db&gt;/&lt;table&gt;.json                                   the table (with its version)
 * &lt;db&gt;/&lt;table&gt;/partitions/&lt;k1=v1&gt;/.../&lt;kN=vN&gt;.json    one document per partition, one folder level per key
 * </pre>
 * Partition values in keys are escaped as Hive escapes them in folder names ({@code /} as {@code %2F}).
 *
 * <p>Concurrency: every change is a conditional write of one document: creation with create-if-absent
 * (S3 {@code If-None-Match: *}), so of many concurrent creators of one name exactly one wins; replacement
 * with replace-if-unchanged on the entity tag that was read (S3 {@code If-Match}). Where the change does not
 * depend on what the caller saw (adding a name to a database's table index) a lost race is retried on the
 * new version; where it does (UPDATE of a table read at some version) the loser gets CONCURRENT_MODIFICATION.
 * So many stateless instances can share one catalog and no update is ever lost.
 *
 * <p>Partitions are listed by walking the partition folders one key at a time and pruning each level with the
 * predicate's domain for that key, then reading only the documents that match: a query on one day of a
 * daily-partitioned table reads one partition document.
 */
public final class LakeCatalogStore
        implements CatalogStore
{
    public static final String DEFAULT_DATABASE = "default";

    static final String DATABASE_DOCUMENT = "_database";
    private static final String JSON = ".json";
    private static final String PARTITIONS = "partitions/";
    // Glue accepts lower-case letters, digits, underscores and hyphens; anything else (dots, slashes)
    // could also escape the document layout.
    private static final Pattern VALID_NAME = Pattern.compile("[a-z0-9_][a-z0-9_-]{0,254}");
    private static final int MAX_ATTEMPTS = 100;
    private static final int PARALLELISM = 16;

    private final CatalogDocuments documents;

    public LakeCatalogStore(CatalogDocuments documents)
    {
        this.documents = requireNonNull(documents, "documents is null");
    }

    // ---- databases

    @Override
    public List<Database> listDatabases()
    {
        List<String> names = documents.listFolders("").stream()
                .map(folder -> folder.substring(0, folder.length() - 1))
                .filter(name -> VALID_NAME.matcher(name).matches())
                .toList();
        List<Database> databases = new ArrayList<>(parallel(names, name -> readDatabase(name)
                .filter(document -> !document.value().dropping())
                .map(document -> document.value().database()))
                .stream().flatMap(Optional::stream).toList());
        if (databases.stream().noneMatch(database -> database.name().equals(DEFAULT_DATABASE))) {
            databases.add(implicitDefaultDatabase());
        }
        databases.sort((left, right) -> left.name().compareTo(right.name()));
        return List.copyOf(databases);
    }

    @Override
    public Optional<Database> findDatabase(String name)
    {
        String databaseName = normalize(name);
        if (!VALID_NAME.matcher(databaseName).matches()) {
            return Optional.empty();
        }
        Optional<Database> stored = readDatabase(databaseName)
                .filter(document -> !document.value().dropping())
                .map(document -> document.value().database());
        if (stored.isEmpty() && databaseName.equals(DEFAULT_DATABASE)) {
            return Optional.of(implicitDefaultDatabase());
        }
        return stored;
    }

    @Override
    public void createDatabase(Database database)
    {
        requireNonNull(database, "database is null");
        String databaseName = validName(database.name(), "schema");
        Database stored = new Database(databaseName, database.description(), database.locationUri(), database.parameters());
        byte[] content = LakeDocuments.toJson(new DatabaseDocument(LakeDocuments.FORMAT, stored, List.of(), false));
        if (databaseName.equals(DEFAULT_DATABASE) || !documents.createIfAbsent(databaseKey(databaseName), content)) {
            // a database whose drop was interrupted is finished off and replaced; any other is a duplicate
            for (int attempt = 0; ; attempt++) {
                Optional<Versioned<DatabaseDocument>> existing = readDatabase(databaseName);
                if (existing.isEmpty()) {
                    if (databaseName.equals(DEFAULT_DATABASE) || !documents.createIfAbsent(databaseKey(databaseName), content)) {
                        throw schemaAlreadyExists(databaseName);
                    }
                    return;
                }
                if (!existing.get().value().dropping()) {
                    throw schemaAlreadyExists(databaseName);
                }
                purgeDatabaseContents(databaseName);
                if (documents.replaceIfUnchanged(databaseKey(databaseName), content, existing.get().etag())) {
                    return;
                }
                backOff(attempt, "create schema '" + databaseName + "'");
            }
        }
    }

    @Override
    public void dropDatabase(String name, DropMode mode)
    {
        requireNonNull(mode, "mode is null");
        String databaseName = normalize(name);
        if (databaseName.equals(DEFAULT_DATABASE)) {
            throw new TrawlException(ErrorCode.INVALID_ARGUMENT, "Cannot drop the default schema");
        }
        if (!VALID_NAME.matcher(databaseName).matches()) {
            throw CatalogErrors.schemaNotFound(databaseName);
        }
        // Marking the database as dropping is the commit point: from then on no table can join it (createTable
        // changes the same document), so RESTRICT's emptiness check cannot be overtaken by a concurrent CREATE.
        for (int attempt = 0; ; attempt++) {
            Versioned<DatabaseDocument> current = readDatabase(databaseName)
                    .filter(document -> !document.value().dropping())
                    .orElseThrow(() -> CatalogErrors.schemaNotFound(databaseName));
            if (!current.value().tables().isEmpty() && mode == DropMode.RESTRICT) {
                throw new TrawlException(ErrorCode.INVALID_ARGUMENT, "Cannot drop non-empty schema '" + databaseName + "'");
            }
            DatabaseDocument dropping = new DatabaseDocument(LakeDocuments.FORMAT, current.value().database(), current.value().tables(), true);
            if (documents.replaceIfUnchanged(databaseKey(databaseName), LakeDocuments.toJson(dropping), current.etag())) {
                break;
            }
            backOff(attempt, "drop schema '" + databaseName + "'");
        }
        purgeDatabaseContents(databaseName);
        documents.delete(databaseKey(databaseName));
    }

    private void purgeDatabaseContents(String databaseName)
    {
        String databaseKey = databaseKey(databaseName);
        List<String> keys = documents.list(databaseName + "/").stream().filter(key -> !key.equals(databaseKey)).toList();
        parallel(keys, key -> {
            documents.delete(key);
            return null;
        });
    }

    // ---- tables

    @Override
    public List<String> listTables(String databaseName)
    {
        String database = normalize(databaseName);
        if (!VALID_NAME.matcher(database).matches()) {
            throw CatalogErrors.schemaNotFound(database);
        }
        Optional<Versioned<DatabaseDocument>> document = readDatabase(database);
        if (document.isEmpty() && database.equals(DEFAULT_DATABASE)) {
            return List.of();
        }
        return document.filter(versioned -> !versioned.value().dropping())
                .orElseThrow(() -> CatalogErrors.schemaNotFound(database))
                .value().tables();
    }

    @Override
    public Optional<Table> findTable(String databaseName, String tableName)
    {
        String database = normalize(databaseName);
        String table = normalize(tableName);
        if (!validTableKey(database, table)) {
            return Optional.empty();
        }
        return readTable(database, table).map(document -> document.value().table());
    }

    /** Stores the table with version 1, whatever version the argument carries. */
    @Override
    public void createTable(Table table)
    {
        requireNonNull(table, "table is null");
        Table stored = withNamesAndVersion(table, 1);
        String database = stored.databaseName();
        Versioned<DatabaseDocument> databaseDocument = requireDatabaseDocument(database);
        String tableKey = tableKey(database, stored.name());
        if (!documents.createIfAbsent(tableKey, LakeDocuments.toJson(new TableDocument(LakeDocuments.FORMAT, UUID.randomUUID().toString(), stored)))) {
            throw new TrawlException(ErrorCode.TABLE_ALREADY_EXISTS, "Table '" + stored.qualifiedName() + "' already exists");
        }
        // The table document is ours; now join the database's index. Other tables joining at the same time
        // make the swap fail: that is retried, since adding a name does not depend on what the others added.
        for (int attempt = 0; ; attempt++) {
            DatabaseDocument current = databaseDocument.value();
            if (current.dropping()) {
                documents.delete(tableKey);
                throw CatalogErrors.schemaNotFound(database);
            }
            if (current.tables().contains(stored.name())) {
                return;
            }
            List<String> tables = new ArrayList<>(current.tables());
            tables.add(stored.name());
            tables.sort(null);
            DatabaseDocument next = new DatabaseDocument(LakeDocuments.FORMAT, current.database(), tables, false);
            if (documents.replaceIfUnchanged(databaseKey(database), LakeDocuments.toJson(next), databaseDocument.etag())) {
                return;
            }
            backOff(attempt, "create table '" + stored.qualifiedName() + "'");
            Optional<Versioned<DatabaseDocument>> reread = readDatabase(database);
            if (reread.isEmpty()) {
                documents.delete(tableKey);
                throw CatalogErrors.schemaNotFound(database);
            }
            databaseDocument = reread.get();
        }
    }

    @Override
    public Table updateTable(Table table)
    {
        requireNonNull(table, "table is null");
        Table stored = withNamesAndVersion(table, table.version() + 1);
        Versioned<TableDocument> current = readTable(stored.databaseName(), stored.name())
                .orElseThrow(() -> CatalogErrors.tableNotFound(stored.databaseName(), stored.name()));
        long currentVersion = current.value().table().version();
        if (currentVersion != table.version()) {
            throw concurrentModification(stored, table.version(), currentVersion);
        }
        if (!current.value().table().partitionKeys().equals(stored.partitionKeys())) {
            throw new TrawlException(ErrorCode.NOT_SUPPORTED, "Cannot change the partition keys of table '%s' (%s); recreate the table instead"
                    .formatted(stored.qualifiedName(), current.value().table().partitionKeys().stream().map(Column::name).toList()));
        }
        byte[] content = LakeDocuments.toJson(new TableDocument(LakeDocuments.FORMAT, current.value().tableId(), stored));
        if (!documents.replaceIfUnchanged(tableKey(stored.databaseName(), stored.name()), content, current.etag())) {
            // the version the caller read is gone: a retry here would overwrite a change the caller never saw
            long found = readTable(stored.databaseName(), stored.name()).map(document -> document.value().table().version()).orElse(-1L);
            if (found < 0) {
                throw CatalogErrors.tableNotFound(stored.databaseName(), stored.name());
            }
            throw concurrentModification(stored, table.version(), found);
        }
        return stored;
    }

    @Override
    public void dropTable(String databaseName, String tableName)
    {
        String database = normalize(databaseName);
        String table = normalize(tableName);
        requireDatabaseDocument(database);
        if (!validTableKey(database, table)) {
            throw CatalogErrors.tableNotFound(database, table);
        }
        Versioned<TableDocument> dropped = readTable(database, table).orElseThrow(() -> CatalogErrors.tableNotFound(database, table));
        for (int attempt = 0; ; attempt++) {
            Optional<Versioned<DatabaseDocument>> current = readDatabase(database);
            if (current.isEmpty() || !current.get().value().tables().contains(table)) {
                break;
            }
            List<String> tables = new ArrayList<>(current.get().value().tables());
            tables.remove(table);
            DatabaseDocument next = new DatabaseDocument(LakeDocuments.FORMAT, current.get().value().database(), tables, current.get().value().dropping());
            if (documents.replaceIfUnchanged(databaseKey(database), LakeDocuments.toJson(next), current.get().etag())) {
                break;
            }
            backOff(attempt, "drop table '" + database + "." + table + "'");
        }
        documents.delete(tableKey(database, table));
        // Only this incarnation's partitions: a table of the same name created meanwhile keeps its own.
        String droppedId = dropped.value().tableId();
        parallel(documents.list(partitionsFolder(database, table)), key -> {
            documents.read(key).ifPresent(document -> {
                if (LakeDocuments.fromJson(key, document.content(), PartitionDocument.class).tableId().equals(droppedId)) {
                    documents.delete(key);
                }
            });
            return null;
        });
    }

    // ---- partitions

    @Override
    public void addPartitions(String databaseName, String tableName, List<Partition> partitions, boolean ifNotExists)
    {
        requireNonNull(partitions, "partitions is null");
        Versioned<TableDocument> tableDocument = requireTable(databaseName, tableName);
        Table table = tableDocument.value().table();
        String tableId = tableDocument.value().tableId();

        // Check everything first, write afterwards: a bad or duplicate partition fails the batch before any write.
        Map<String, Partition> byKey = new LinkedHashMap<>();
        for (Partition partition : partitions) {
            PartitionKeyValues.validate(table, partition.values());
            String key = partitionKey(table, partition.values());
            Partition stored = new Partition(table.databaseName(), table.name(), partition.values(), partition.storageDescriptor(), partition.parameters());
            if (byKey.putIfAbsent(key, stored) != null && !ifNotExists) {
                throw CatalogErrors.partitionAlreadyExists(table, partition.values(), "given more than once in the statement");
            }
        }
        List<String> keys = List.copyOf(byKey.keySet());
        List<Optional<Versioned<PartitionDocument>>> existing = parallel(keys, this::readPartition);
        List<String> toWrite = new ArrayList<>();
        Map<String, String> staleEtags = new HashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            Optional<Versioned<PartitionDocument>> found = existing.get(i);
            if (found.isPresent() && found.get().value().tableId().equals(tableId)) {
                if (!ifNotExists) {
                    throw CatalogErrors.partitionAlreadyExists(table, byKey.get(keys.get(i)).values(), "");
                }
                continue;
            }
            if (found.isPresent()) {
                staleEtags.put(keys.get(i), found.get().etag());
            }
            toWrite.add(keys.get(i));
        }

        List<Boolean> written = parallel(toWrite, key -> {
            byte[] content = LakeDocuments.toJson(new PartitionDocument(LakeDocuments.FORMAT, tableId, byKey.get(key)));
            String staleEtag = staleEtags.get(key);
            return staleEtag == null ? documents.createIfAbsent(key, content) : documents.replaceIfUnchanged(key, content, staleEtag);
        });
        List<String> ours = new ArrayList<>();
        List<String> lost = new ArrayList<>();
        for (int i = 0; i < toWrite.size(); i++) {
            (written.get(i) ? ours : lost).add(toWrite.get(i));
        }
        if (!lost.isEmpty() && !ifNotExists) {
            // another writer added one of them between our check and our write: undo ours, so the batch is all or nothing
            deleteAll(ours);
            throw CatalogErrors.partitionAlreadyExists(table, byKey.get(lost.getFirst()).values(), "");
        }
        if (readTable(table.databaseName(), table.name()).filter(current -> current.value().tableId().equals(tableId)).isEmpty()) {
            deleteAll(ours);
            throw CatalogErrors.tableNotFound(table.databaseName(), table.name());
        }
    }

    @Override
    public void dropPartitions(String databaseName, String tableName, List<List<String>> values, boolean ifExists)
    {
        requireNonNull(values, "values is null");
        Versioned<TableDocument> tableDocument = requireTable(databaseName, tableName);
        Table table = tableDocument.value().table();
        List<String> keys = new ArrayList<>();
        for (List<String> partitionValues : values) {
            CatalogErrors.checkPartitionValueCount(table, partitionValues);
            keys.add(partitionKey(table, partitionValues));
        }
        List<Boolean> present = parallel(keys, key -> readPartition(key)
                .filter(document -> document.value().tableId().equals(tableDocument.value().tableId()))
                .isPresent());
        if (!ifExists) {
            for (int i = 0; i < keys.size(); i++) {
                if (!present.get(i)) {
                    throw new TrawlException(ErrorCode.PARTITION_NOT_FOUND, "Partition %s of table '%s' does not exist"
                            .formatted(CatalogErrors.partitionDisplayName(table, values.get(i)), table.qualifiedName()));
                }
            }
        }
        List<String> toDelete = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            if (present.get(i)) {
                toDelete.add(keys.get(i));
            }
        }
        deleteAll(toDelete);
    }

    @Override
    public Optional<Partition> findPartition(String databaseName, String tableName, List<String> values)
    {
        requireNonNull(values, "values is null");
        Versioned<TableDocument> tableDocument = requireTable(databaseName, tableName);
        Table table = tableDocument.value().table();
        CatalogErrors.checkPartitionValueCount(table, values);
        return readPartition(partitionKey(table, values))
                .filter(document -> document.value().tableId().equals(tableDocument.value().tableId()))
                .map(document -> document.value().partition());
    }

    @Override
    public List<Partition> listPartitions(String databaseName, String tableName, TupleDomain<String> predicate)
    {
        requireNonNull(predicate, "predicate is null");
        Versioned<TableDocument> tableDocument = requireTable(databaseName, tableName);
        Table table = tableDocument.value().table();
        if (table.partitionKeys().isEmpty() || predicate.isNone()) {
            return List.of();
        }
        Map<String, Domain> domains = new HashMap<>();
        predicate.getDomains().orElseThrow().forEach((name, domain) -> domains.put(name.toLowerCase(Locale.ROOT), domain));

        List<String> matching = new ArrayList<>();
        walk(table, domains, 0, partitionsFolder(table.databaseName(), table.name()), matching);
        String tableId = tableDocument.value().tableId();
        return parallel(matching, this::readPartition).stream()
                .flatMap(Optional::stream)
                .filter(document -> document.value().tableId().equals(tableId))
                .map(document -> document.value().partition())
                .toList();
    }

    /** Descends one partition key per level, keeping only the folders (or, at the last key, documents) the predicate admits. */
    private void walk(Table table, Map<String, Domain> domains, int level, String folder, List<String> matching)
    {
        List<Column> keys = table.partitionKeys();
        Column key = keys.get(level);
        boolean last = level == keys.size() - 1;
        List<String> children = last ? documents.list(folder) : documents.listFolders(folder);
        for (String child : children) {
            String segment = child.substring(folder.length());
            if (last) {
                if (segment.contains("/") || !segment.endsWith(JSON)) {
                    continue;
                }
                segment = segment.substring(0, segment.length() - JSON.length());
            }
            else {
                segment = segment.substring(0, segment.length() - 1);
            }
            String prefix = escape(key.name().toLowerCase(Locale.ROOT)) + "=";
            if (!segment.startsWith(prefix)) {
                continue;
            }
            if (!admits(table, key, unescape(segment.substring(prefix.length())), domains.get(key.name().toLowerCase(Locale.ROOT)))) {
                continue;
            }
            if (last) {
                matching.add(child);
            }
            else {
                walk(table, domains, level + 1, child, matching);
            }
        }
    }

    private static boolean admits(Table table, Column key, String value, Domain domain)
    {
        if (domain == null || domain.isAll()) {
            return true;
        }
        Object typed;
        try {
            typed = PartitionKeyValues.typedValue(table, key, value);
        }
        catch (TrawlException e) {
            // written before its key's type was checked: keep it, the reader reports the bad value
            return true;
        }
        return domain.includesNullableValue(typed);
    }

    // ---- documents and keys

    private Optional<Versioned<DatabaseDocument>> readDatabase(String databaseName)
    {
        return read(databaseKey(databaseName), DatabaseDocument.class);
    }

    private Optional<Versioned<TableDocument>> readTable(String databaseName, String tableName)
    {
        return read(tableKey(databaseName, tableName), TableDocument.class);
    }

    private Optional<Versioned<PartitionDocument>> readPartition(String key)
    {
        return read(key, PartitionDocument.class);
    }

    private <T> Optional<Versioned<T>> read(String key, Class<T> type)
    {
        return documents.read(key).map(document -> new Versioned<>(LakeDocuments.fromJson(key, document.content(), type), document.etag()));
    }

    /** The database's document; for {@code default}, created on first need, since that database always exists. */
    private Versioned<DatabaseDocument> requireDatabaseDocument(String databaseName)
    {
        if (!VALID_NAME.matcher(databaseName).matches()) {
            throw CatalogErrors.schemaNotFound(databaseName);
        }
        Optional<Versioned<DatabaseDocument>> document = readDatabase(databaseName);
        if (document.isEmpty() && databaseName.equals(DEFAULT_DATABASE)) {
            documents.createIfAbsent(databaseKey(databaseName),
                    LakeDocuments.toJson(new DatabaseDocument(LakeDocuments.FORMAT, implicitDefaultDatabase(), List.of(), false)));
            document = readDatabase(databaseName);
        }
        return document.filter(versioned -> !versioned.value().dropping()).orElseThrow(() -> CatalogErrors.schemaNotFound(databaseName));
    }

    private Versioned<TableDocument> requireTable(String databaseName, String tableName)
    {
        String database = normalize(databaseName);
        String table = normalize(tableName);
        if (!validTableKey(database, table)) {
            throw CatalogErrors.tableNotFound(database, table);
        }
        return readTable(database, table).orElseThrow(() -> {
            if (findDatabase(database).isEmpty()) {
                return CatalogErrors.schemaNotFound(database);
            }
            return CatalogErrors.tableNotFound(database, table);
        });
    }

    private void deleteAll(List<String> keys)
    {
        parallel(keys, key -> {
            documents.delete(key);
            return null;
        });
    }

    static String databaseKey(String databaseName)
    {
        return databaseName + "/" + DATABASE_DOCUMENT + JSON;
    }

    static String tableKey(String databaseName, String tableName)
    {
        return databaseName + "/" + tableName + JSON;
    }

    static String partitionsFolder(String databaseName, String tableName)
    {
        return databaseName + "/" + tableName + "/" + PARTITIONS;
    }

    static String partitionKey(Table table, List<String> values)
    {
        StringBuilder key = new StringBuilder(partitionsFolder(table.databaseName(), table.name()));
        List<Column> keys = table.partitionKeys();
        for (int i = 0; i < keys.size(); i++) {
            if (i > 0) {
                key.append('/');
            }
            key.append(escape(keys.get(i).name().toLowerCase(Locale.ROOT))).append('=').append(escape(values.get(i)));
        }
        return key.append(JSON).toString();
    }

    static String escape(String value)
    {
        return io.trawl.catalog.PartitionNames.escape(value);
    }

    static String unescape(String text)
    {
        return io.trawl.catalog.PartitionNames.unescape(text);
    }




    private Table withNamesAndVersion(Table table, long version)
    {
        String tableName = validName(table.name(), "table");
        if (tableName.equals(DATABASE_DOCUMENT)) {
            throw new TrawlException(ErrorCode.INVALID_ARGUMENT, "Invalid table name '%s': the name is reserved".formatted(table.name()));
        }
        return new Table(
                validName(table.databaseName(), "schema"),
                tableName,
                table.owner(),
                table.tableType(),
                table.parameters(),
                table.storageDescriptor(),
                table.partitionKeys(),
                table.viewOriginalText(),
                version);
    }

    private static boolean validTableKey(String database, String table)
    {
        return VALID_NAME.matcher(database).matches() && VALID_NAME.matcher(table).matches() && !table.equals(DATABASE_DOCUMENT);
    }

    private static void backOff(int attempt, String operation)
    {
        if (attempt + 1 >= MAX_ATTEMPTS) {
            throw new TrawlException(ErrorCode.CONCURRENT_MODIFICATION, "Could not %s: the catalog kept changing concurrently (%d attempts); retry".formatted(operation, MAX_ATTEMPTS));
        }
        try {
            // randomized, growing pause, so racing writers spread out instead of colliding again in lock step
            Thread.sleep(ThreadLocalRandom.current().nextInt(1 << Math.min(attempt + 1, 7)));
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TrawlException(ErrorCode.CONCURRENT_MODIFICATION, "Interrupted while retrying to " + operation, e);
        }
    }

    /** Applies {@code action} to every item, up to {@value #PARALLELISM} at a time (object-store round trips dominate), keeping order. */
    private static <T, R> List<R> parallel(List<T> items, Function<T, R> action)
    {
        if (items.size() <= 1) {
            return items.stream().map(action).toList();
        }
        Semaphore permits = new Semaphore(PARALLELISM);
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<R>> futures = new ArrayList<>();
            for (T item : items) {
                futures.add(executor.submit(() -> {
                    permits.acquire();
                    try {
                        return action.apply(item);
                    }
                    finally {
                        permits.release();
                    }
                }));
            }
            List<R> results = new ArrayList<>(items.size());
            for (Future<R> future : futures) {
                results.add(future.get());
            }
            return results;
        }
        catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new TrawlException(ErrorCode.INTERNAL_ERROR, "Catalog operation failed: " + e.getCause(), e.getCause());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TrawlException(ErrorCode.INTERNAL_ERROR, "Interrupted during a catalog operation", e);
        }
    }

    private static Database implicitDefaultDatabase()
    {
        return new Database(DEFAULT_DATABASE, Optional.of("Default database"), Optional.empty(), Map.of());
    }

    private static String normalize(String name)
    {
        return requireNonNull(name, "name is null").toLowerCase(Locale.ROOT);
    }

    private static String validName(String name, String kind)
    {
        String normalized = normalize(name);
        if (!VALID_NAME.matcher(normalized).matches()) {
            throw new TrawlException(ErrorCode.INVALID_ARGUMENT, "Invalid %s name '%s': use letters, digits, '_' and '-' only (at most 255 characters)"
                    .formatted(kind, name));
        }
        return normalized;
    }


    private static TrawlException schemaAlreadyExists(String databaseName)
    {
        return new TrawlException(ErrorCode.SCHEMA_ALREADY_EXISTS, "Schema '" + databaseName + "' already exists");
    }


    private static TrawlException concurrentModification(Table table, long expected, long found)
    {
        return new TrawlException(ErrorCode.CONCURRENT_MODIFICATION, "Table '%s' was changed concurrently: expected version %d, found %d"
                .formatted(table.qualifiedName(), expected, found));
    }

    /** A parsed document and the entity tag of the version it was parsed from. */
    private record Versioned<T>(T value, String etag) {}
}
