package io.trawl.catalog.glue;

import io.trawl.catalog.CatalogErrors;
import io.trawl.catalog.CatalogStore;
import io.trawl.catalog.Column;
import io.trawl.catalog.Database;
import io.trawl.catalog.Partition;
import io.trawl.catalog.PartitionKeyValues;
import io.trawl.catalog.SerDeInfo;
import io.trawl.catalog.StorageDescriptor;
import io.trawl.catalog.Table;
import io.trawl.catalog.aws.AwsEnvironment;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trino.spi.predicate.Domain;
import io.trino.spi.predicate.TupleDomain;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.GlueClientBuilder;
import software.amazon.awssdk.services.glue.model.AlreadyExistsException;
import software.amazon.awssdk.services.glue.model.BatchGetPartitionResponse;
import software.amazon.awssdk.services.glue.model.ConcurrentModificationException;
import software.amazon.awssdk.services.glue.model.DatabaseInput;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.GetPartitionsResponse;
import software.amazon.awssdk.services.glue.model.GetTablesResponse;
import software.amazon.awssdk.services.glue.model.InvalidInputException;
import software.amazon.awssdk.services.glue.model.PartitionError;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.PartitionValueList;
import software.amazon.awssdk.services.glue.model.TableInput;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * The catalog kept in an AWS Glue Data Catalog (AWS itself, LocalStack, or another Trawl's Glue API), through the
 * SDK's {@link GlueClient}. It keeps the {@link CatalogStore} contract the lake-native store keeps, with the same
 * error codes and messages, where Glue's API is weaker:
 * <ul>
 * <li>Glue's batch calls succeed or fail per entry; a batch that must be all or nothing (ADD PARTITION without
 * IF NOT EXISTS, DROP PARTITION without IF EXISTS) is checked first with BatchGetPartition, and partitions this call
 * created are deleted again when an entry fails anyway (another writer got there first).</li>
 * <li>Partitions are created 100 and deleted 25 per call, Glue's limits.</li>
 * <li>listPartitions sends the part of the predicate Glue can evaluate as GetPartitions' Expression
 * ({@link GlueExpressions}) and filters the answer with the whole predicate.</li>
 * <li>A table's version is Glue's VersionId: updateTable passes the version it read, so Glue refuses an update
 * over a change the caller did not see.</li>
 * <li>Glue lets DeleteDatabase remove a database with its tables; RESTRICT checks emptiness first (a table created
 * in between is dropped with it, which the lake-native store prevents).</li>
 * </ul>
 */
public final class GlueCatalogStore
        implements CatalogStore, AutoCloseable
{
    static final int CREATE_BATCH = 100;
    static final int DELETE_BATCH = 25;
    static final int GET_BATCH = 1000;
    private static final int MAX_UNPROCESSED_ROUNDS = 10;

    private final GlueClient glue;
    private final Optional<String> catalogId;

    public GlueCatalogStore(GlueClient glue, Optional<String> catalogId)
    {
        this.glue = requireNonNull(glue, "glue is null");
        this.catalogId = requireNonNull(catalogId, "catalogId is null");
    }

    /** A store over a client built as {@code config} says: endpoint, region, credentials, timeouts and retries. */
    public static GlueCatalogStore create(GlueConfig config)
    {
        ClientOverrideConfiguration overrides = AwsEnvironment.clientOverrides(config.apiCallTimeout(), config.attemptTimeout(), config.maxRetries());
        Duration connectTimeout = config.attemptTimeout().compareTo(Duration.ofSeconds(10)) < 0 ? config.attemptTimeout() : Duration.ofSeconds(10);
        GlueClientBuilder builder = GlueClient.builder()
                .region(Region.of(config.region()))
                .credentialsProvider(credentials(config))
                .overrideConfiguration(overrides)
                .httpClientBuilder(ApacheHttpClient.builder()
                        .connectionTimeout(connectTimeout)
                        .socketTimeout(config.attemptTimeout()));
        config.endpoint().ifPresent(builder::endpointOverride);
        return new GlueCatalogStore(builder.build(), config.catalogId());
    }

    private static AwsCredentialsProvider credentials(GlueConfig config)
    {
        if (config.accessKey().isPresent()) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(config.accessKey().get(), config.secretKey().orElseThrow()));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    @Override
    public void close()
    {
        glue.close();
    }

    // ---- databases

    @Override
    public List<Database> listDatabases()
    {
        return call("GetDatabases", null, null, () -> {
            List<Database> databases = new ArrayList<>();
            glue.getDatabasesPaginator(request -> request.catalogId(catalogId.orElse(null)))
                    .forEach(page -> page.databaseList().forEach(database -> databases.add(GlueModel.toCatalog(database))));
            databases.sort(Comparator.comparing(Database::name));
            return List.copyOf(databases);
        });
    }

    @Override
    public Optional<Database> findDatabase(String name)
    {
        String databaseName = normalize(name);
        return call("GetDatabase", databaseName, null, () -> {
            try {
                return Optional.of(GlueModel.toCatalog(glue.getDatabase(request -> request.catalogId(catalogId.orElse(null)).name(databaseName)).database()));
            }
            catch (EntityNotFoundException e) {
                return Optional.empty();
            }
        });
    }

    @Override
    public void createDatabase(Database database)
    {
        requireNonNull(database, "database is null");
        String databaseName = normalize(database.name());
        DatabaseInput input = DatabaseInput.builder()
                .name(databaseName)
                .description(database.description().orElse(null))
                .locationUri(database.locationUri().orElse(null))
                .parameters(database.parameters())
                .build();
        call("CreateDatabase", databaseName, null, () -> {
            try {
                glue.createDatabase(request -> request.catalogId(catalogId.orElse(null)).databaseInput(input));
            }
            catch (AlreadyExistsException e) {
                throw new TrawlException(ErrorCode.SCHEMA_ALREADY_EXISTS, "Schema '" + databaseName + "' already exists", e);
            }
            return null;
        });
    }

    @Override
    public void dropDatabase(String name, DropMode mode)
    {
        requireNonNull(mode, "mode is null");
        String databaseName = normalize(name);
        call("DeleteDatabase", databaseName, null, () -> {
            if (mode == DropMode.RESTRICT) {
                GetTablesResponse tables = glue.getTables(request -> request.catalogId(catalogId.orElse(null)).databaseName(databaseName).maxResults(1));
                if (!tables.tableList().isEmpty()) {
                    throw new TrawlException(ErrorCode.INVALID_ARGUMENT, "Cannot drop non-empty schema '" + databaseName + "'");
                }
            }
            glue.deleteDatabase(request -> request.catalogId(catalogId.orElse(null)).name(databaseName));
            return null;
        });
    }

    // ---- tables

    @Override
    public List<String> listTables(String databaseName)
    {
        String database = normalize(databaseName);
        return call("GetTables", database, null, () -> {
            List<String> names = new ArrayList<>();
            glue.getTablesPaginator(request -> request.catalogId(catalogId.orElse(null)).databaseName(database))
                    .forEach(page -> page.tableList().forEach(table -> names.add(normalize(table.name()))));
            names.sort(null);
            return List.copyOf(names);
        });
    }

    @Override
    public Optional<Table> findTable(String databaseName, String tableName)
    {
        String database = normalize(databaseName);
        String table = normalize(tableName);
        return call("GetTable", database, table, () -> {
            try {
                return Optional.of(GlueModel.toCatalog(database, glue.getTable(request -> request.catalogId(catalogId.orElse(null)).databaseName(database).name(table)).table()));
            }
            catch (EntityNotFoundException e) {
                return Optional.empty();
            }
        });
    }

    /** Stores the table; Glue's first version of it is what {@link #findTable} answers. */
    @Override
    public void createTable(Table table)
    {
        requireNonNull(table, "table is null");
        String database = normalize(table.databaseName());
        String name = normalize(table.name());
        TableInput input = GlueModel.toGlue(table, name);
        call("CreateTable", database, name, () -> {
            try {
                glue.createTable(request -> request.catalogId(catalogId.orElse(null)).databaseName(database).tableInput(input));
            }
            catch (AlreadyExistsException e) {
                throw new TrawlException(ErrorCode.TABLE_ALREADY_EXISTS, "Table '" + database + "." + name + "' already exists", e);
            }
            return null;
        });
    }

    @Override
    public Table updateTable(Table table)
    {
        requireNonNull(table, "table is null");
        String database = normalize(table.databaseName());
        String name = normalize(table.name());
        TableInput input = GlueModel.toGlue(table, name);
        return call("UpdateTable", database, name, () -> {
            try {
                glue.updateTable(request -> request.catalogId(catalogId.orElse(null)).databaseName(database).tableInput(input).versionId(Long.toString(table.version())));
            }
            catch (ConcurrentModificationException e) {
                long found = findTable(database, name).map(Table::version).orElseThrow(() -> CatalogErrors.tableNotFound(database, name));
                throw new TrawlException(ErrorCode.CONCURRENT_MODIFICATION, "Table '%s.%s' was changed concurrently: expected version %d, found %d"
                        .formatted(database, name, table.version(), found), e);
            }
            return new Table(database, name, table.owner(), table.tableType(), table.parameters(), table.storageDescriptor(), table.partitionKeys(),
                    table.viewOriginalText(), table.version() + 1);
        });
    }

    @Override
    public void dropTable(String databaseName, String tableName)
    {
        String database = normalize(databaseName);
        String table = normalize(tableName);
        call("DeleteTable", database, table, () -> {
            glue.deleteTable(request -> request.catalogId(catalogId.orElse(null)).databaseName(database).name(table));
            return null;
        });
    }

    // ---- partitions

    @Override
    public void addPartitions(String databaseName, String tableName, List<Partition> partitions, boolean ifNotExists)
    {
        requireNonNull(partitions, "partitions is null");
        Table table = requireTable(databaseName, tableName);
        // Check everything first, write afterwards: a bad or duplicate partition fails the batch before any write.
        Map<List<String>, Partition> byValues = new LinkedHashMap<>();
        for (Partition partition : partitions) {
            PartitionKeyValues.validate(table, partition.values());
            Partition stored = new Partition(table.databaseName(), table.name(), partition.values(), partition.storageDescriptor(), partition.parameters());
            if (byValues.putIfAbsent(partition.values(), stored) != null && !ifNotExists) {
                throw CatalogErrors.partitionAlreadyExists(table, partition.values(), "given more than once in the statement");
            }
        }
        if (byValues.isEmpty()) {
            return;
        }
        if (!ifNotExists) {
            Set<List<String>> existing = existingValues(table, List.copyOf(byValues.keySet()));
            for (List<String> values : byValues.keySet()) {
                if (existing.contains(values)) {
                    throw CatalogErrors.partitionAlreadyExists(table, values, "");
                }
            }
        }
        List<Partition> toCreate = List.copyOf(byValues.values());
        List<List<String>> created = new ArrayList<>();
        for (int start = 0; start < toCreate.size(); start += CREATE_BATCH) {
            List<Partition> chunk = toCreate.subList(start, Math.min(toCreate.size(), start + CREATE_BATCH));
            List<PartitionInput> inputs = chunk.stream().map(GlueModel::toGlue).toList();
            List<PartitionError> errors = call("BatchCreatePartition", table.databaseName(), table.name(), () -> glue.batchCreatePartition(request -> request
                    .catalogId(catalogId.orElse(null)).databaseName(table.databaseName()).tableName(table.name()).partitionInputList(inputs)).errors());
            Map<List<String>, PartitionError> failed = new HashMap<>();
            for (PartitionError error : errors) {
                boolean exists = error.errorDetail() != null && "AlreadyExistsException".equals(error.errorDetail().errorCode());
                if (!(exists && ifNotExists)) {
                    failed.put(error.partitionValues(), error);
                }
            }
            for (Partition partition : chunk) {
                if (!failed.containsKey(partition.values())) {
                    created.add(partition.values());
                }
            }
            if (!failed.isEmpty()) {
                // all or nothing: take back what this call added before reporting the entry that failed
                deletePartitions(table, created);
                PartitionError first = failed.values().iterator().next();
                throw entryFailure(table, first);
            }
        }
    }

    @Override
    public void dropPartitions(String databaseName, String tableName, List<List<String>> values, boolean ifExists)
    {
        requireNonNull(values, "values is null");
        Table table = requireTable(databaseName, tableName);
        for (List<String> partitionValues : values) {
            CatalogErrors.checkPartitionValueCount(table, partitionValues);
        }
        List<List<String>> distinct = List.copyOf(new java.util.LinkedHashSet<>(values));
        if (!ifExists) {
            Set<List<String>> existing = existingValues(table, distinct);
            for (List<String> partitionValues : distinct) {
                if (!existing.contains(partitionValues)) {
                    throw new TrawlException(ErrorCode.PARTITION_NOT_FOUND, "Partition %s of table '%s' does not exist"
                            .formatted(CatalogErrors.partitionDisplayName(table, partitionValues), table.qualifiedName()));
                }
            }
        }
        deletePartitions(table, distinct);
    }

    @Override
    public Optional<Partition> findPartition(String databaseName, String tableName, List<String> values)
    {
        requireNonNull(values, "values is null");
        Table table = requireTable(databaseName, tableName);
        CatalogErrors.checkPartitionValueCount(table, values);
        return call("GetPartition", table.databaseName(), table.name(), () -> {
            try {
                return Optional.of(GlueModel.toCatalog(table, glue.getPartition(request -> request.catalogId(catalogId.orElse(null))
                        .databaseName(table.databaseName()).tableName(table.name()).partitionValues(values)).partition()));
            }
            catch (EntityNotFoundException e) {
                return Optional.empty();
            }
        });
    }

    @Override
    public List<Partition> listPartitions(String databaseName, String tableName, TupleDomain<String> predicate)
    {
        requireNonNull(predicate, "predicate is null");
        Table table = requireTable(databaseName, tableName);
        if (table.partitionKeys().isEmpty() || predicate.isNone()) {
            return List.of();
        }
        String expression = GlueExpressions.build(table.partitionKeys(), predicate).orElse(null);
        Map<String, Domain> domains = new HashMap<>();
        predicate.getDomains().orElseThrow().forEach((name, domain) -> domains.put(name.toLowerCase(Locale.ROOT), domain));
        List<Partition> partitions = new ArrayList<>();
        call("GetPartitions", table.databaseName(), table.name(), () -> {
            for (GetPartitionsResponse page : glue.getPartitionsPaginator(request -> request.catalogId(catalogId.orElse(null))
                    .databaseName(table.databaseName()).tableName(table.name()).expression(expression))) {
                page.partitions().forEach(partition -> {
                    Partition converted = GlueModel.toCatalog(table, partition);
                    if (admits(table, domains, converted.values())) {
                        partitions.add(converted);
                    }
                });
            }
            return null;
        });
        partitions.sort(Comparator.comparing(Partition::values, GlueCatalogStore::compareValues));
        return List.copyOf(partitions);
    }

    /** The predicate, applied to what Glue answered: the part of it Glue could not evaluate is enforced here. */
    private static boolean admits(Table table, Map<String, Domain> domains, List<String> values)
    {
        List<Column> keys = table.partitionKeys();
        for (int i = 0; i < keys.size() && i < values.size(); i++) {
            Domain domain = domains.get(keys.get(i).name().toLowerCase(Locale.ROOT));
            if (domain == null || domain.isAll()) {
                continue;
            }
            Object typed;
            try {
                typed = PartitionKeyValues.typedValue(table, keys.get(i), values.get(i));
            }
            catch (TrawlException e) {
                // written before its key's type was checked: keep it, the reader reports the bad value
                continue;
            }
            if (!domain.includesNullableValue(typed)) {
                return false;
            }
        }
        return true;
    }

    private void deletePartitions(Table table, List<List<String>> values)
    {
        for (int start = 0; start < values.size(); start += DELETE_BATCH) {
            List<PartitionValueList> chunk = values.subList(start, Math.min(values.size(), start + DELETE_BATCH)).stream()
                    .map(partitionValues -> PartitionValueList.builder().values(partitionValues).build())
                    .toList();
            List<PartitionError> errors = call("BatchDeletePartition", table.databaseName(), table.name(), () -> glue.batchDeletePartition(request -> request
                    .catalogId(catalogId.orElse(null)).databaseName(table.databaseName()).tableName(table.name()).partitionsToDelete(chunk)).errors());
            for (PartitionError error : errors) {
                // gone already: another writer dropped it, which is what this call wanted
                if (error.errorDetail() == null || !"EntityNotFoundException".equals(error.errorDetail().errorCode())) {
                    throw entryFailure(table, error);
                }
            }
        }
    }

    /** Which of {@code values} are partitions of the table now, by BatchGetPartition (retrying the keys Glue leaves unprocessed). */
    private Set<List<String>> existingValues(Table table, List<List<String>> values)
    {
        Set<List<String>> existing = new HashSet<>();
        for (int start = 0; start < values.size(); start += GET_BATCH) {
            List<PartitionValueList> pending = values.subList(start, Math.min(values.size(), start + GET_BATCH)).stream()
                    .map(partitionValues -> PartitionValueList.builder().values(partitionValues).build())
                    .toList();
            for (int round = 0; !pending.isEmpty(); round++) {
                if (round == MAX_UNPROCESSED_ROUNDS) {
                    throw new TrawlException(ErrorCode.STORAGE_ERROR, "Glue BatchGetPartition kept leaving partitions of table '%s' unprocessed".formatted(table.qualifiedName()));
                }
                List<PartitionValueList> keys = pending;
                BatchGetPartitionResponse response = call("BatchGetPartition", table.databaseName(), table.name(), () -> glue.batchGetPartition(request -> request
                        .catalogId(catalogId.orElse(null)).databaseName(table.databaseName()).tableName(table.name()).partitionsToGet(keys)));
                response.partitions().forEach(partition -> existing.add(partition.values()));
                pending = response.unprocessedKeys();
            }
        }
        return existing;
    }

    // ---- shared steps

    private Table requireTable(String databaseName, String tableName)
    {
        String database = normalize(databaseName);
        String table = normalize(tableName);
        return findTable(database, table).orElseThrow(() -> findDatabase(database).isEmpty() ? CatalogErrors.schemaNotFound(database) : CatalogErrors.tableNotFound(database, table));
    }

    /**
     * Runs one Glue call (or a few that belong together), translating what Glue answers into the catalog's errors:
     * a missing database or table names it, a malformed request is INVALID_ARGUMENT with Glue's message, anything
     * else (network, throttling after retries, access denied) is STORAGE_ERROR naming the operation.
     */
    private static <T> T call(String operation, String databaseName, String tableName, Supplier<T> action)
    {
        try {
            return action.get();
        }
        catch (EntityNotFoundException e) {
            String message = e.awsErrorDetails() == null ? "" : String.valueOf(e.awsErrorDetails().errorMessage());
            if (tableName == null || message.startsWith("Database")) {
                throw new TrawlException(ErrorCode.SCHEMA_NOT_FOUND, "Schema '" + databaseName + "' does not exist", e);
            }
            throw new TrawlException(ErrorCode.TABLE_NOT_FOUND, "Table '" + databaseName + "." + tableName + "' does not exist", e);
        }
        catch (InvalidInputException e) {
            throw new TrawlException(ErrorCode.INVALID_ARGUMENT, e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage(), e);
        }
        catch (ConcurrentModificationException e) {
            throw new TrawlException(ErrorCode.CONCURRENT_MODIFICATION, "Glue %s failed: %s".formatted(operation, e.getMessage()), e);
        }
        catch (SdkException e) {
            throw new TrawlException(ErrorCode.STORAGE_ERROR, "Glue %s failed: %s".formatted(operation, e.getMessage()), e);
        }
    }

    private static TrawlException entryFailure(Table table, PartitionError error)
    {
        List<String> values = error.partitionValues();
        String code = error.errorDetail() == null ? "" : String.valueOf(error.errorDetail().errorCode());
        String message = error.errorDetail() == null ? "" : String.valueOf(error.errorDetail().errorMessage());
        return switch (code) {
            case "AlreadyExistsException" -> CatalogErrors.partitionAlreadyExists(table, values, "");
            case "EntityNotFoundException" -> CatalogErrors.tableNotFound(table.databaseName(), table.name());
            case "InvalidInputException" -> new TrawlException(ErrorCode.INVALID_ARGUMENT, message);
            default -> new TrawlException(ErrorCode.STORAGE_ERROR, "Glue failed on partition %s of table '%s': %s %s"
                    .formatted(CatalogErrors.partitionDisplayName(table, values), table.qualifiedName(), code, message));
        };
    }






    /** Values key by key, as Hive strings: the order listPartitions answers in. */
    private static int compareValues(List<String> left, List<String> right)
    {
        for (int i = 0; i < Math.min(left.size(), right.size()); i++) {
            int order = left.get(i).compareTo(right.get(i));
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(left.size(), right.size());
    }

    private static String normalize(String name)
    {
        return requireNonNull(name, "name is null").toLowerCase(Locale.ROOT);
    }
}
