package io.trawl.api.glue;

import com.fasterxml.jackson.databind.JsonNode;
import io.trawl.api.glue.wire.GlueOperations.BatchCreatePartitionRequest;
import io.trawl.api.glue.wire.GlueOperations.BatchCreatePartitionResponse;
import io.trawl.api.glue.wire.GlueOperations.BatchDeletePartitionRequest;
import io.trawl.api.glue.wire.GlueOperations.BatchDeletePartitionResponse;
import io.trawl.api.glue.wire.GlueOperations.BatchGetPartitionRequest;
import io.trawl.api.glue.wire.GlueOperations.BatchGetPartitionResponse;
import io.trawl.api.glue.wire.GlueOperations.CreateDatabaseRequest;
import io.trawl.api.glue.wire.GlueOperations.CreatePartitionRequest;
import io.trawl.api.glue.wire.GlueOperations.CreateTableRequest;
import io.trawl.api.glue.wire.GlueOperations.DeleteDatabaseRequest;
import io.trawl.api.glue.wire.GlueOperations.DeletePartitionRequest;
import io.trawl.api.glue.wire.GlueOperations.DeleteTableRequest;
import io.trawl.api.glue.wire.GlueOperations.GetDatabaseRequest;
import io.trawl.api.glue.wire.GlueOperations.GetDatabaseResponse;
import io.trawl.api.glue.wire.GlueOperations.GetDatabasesRequest;
import io.trawl.api.glue.wire.GlueOperations.GetDatabasesResponse;
import io.trawl.api.glue.wire.GlueOperations.GetPartitionRequest;
import io.trawl.api.glue.wire.GlueOperations.GetPartitionResponse;
import io.trawl.api.glue.wire.GlueOperations.GetPartitionsRequest;
import io.trawl.api.glue.wire.GlueOperations.GetPartitionsResponse;
import io.trawl.api.glue.wire.GlueOperations.GetTableRequest;
import io.trawl.api.glue.wire.GlueOperations.GetTableResponse;
import io.trawl.api.glue.wire.GlueOperations.GetTablesRequest;
import io.trawl.api.glue.wire.GlueOperations.GetTablesResponse;
import io.trawl.api.glue.wire.GlueOperations.UpdateTableRequest;
import io.trawl.api.glue.wire.GlueShapes;
import io.trawl.api.glue.wire.GlueShapes.ErrorDetail;
import io.trawl.api.glue.wire.GlueShapes.PartitionError;
import io.trawl.api.glue.wire.GlueShapes.PartitionValueList;
import io.trawl.api.protocol.AwsJson;
import io.trawl.api.protocol.AwsJsonService;
import io.trawl.api.protocol.AwsServiceException;
import io.trawl.catalog.CatalogStore;
import io.trawl.catalog.Column;
import io.trawl.catalog.Database;
import io.trawl.catalog.HiveTypes;
import io.trawl.catalog.Partition;
import io.trawl.catalog.PartitionKeyValues;
import io.trawl.catalog.Table;
import io.trawl.engine.access.AccessControl;
import io.trawl.engine.access.MetadataAccess;
import io.trawl.error.TrawlException;
import io.trino.spi.predicate.Domain;
import io.trino.spi.predicate.TupleDomain;
import io.trino.spi.predicate.ValueSet;
import io.trino.spi.type.Type;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import static java.util.Map.entry;
import static java.util.Objects.requireNonNull;

/**
 * AWS Glue's Data Catalog API ({@code X-Amz-Target: AWSGlue.<Operation>}) over Trawl's catalog, so Glue clients
 * (the AWS SDKs and CLI, Spark, Trino's Glue metastore, {@code GlueCatalogStore}) read and write the same databases,
 * tables and partitions Trawl's SQL does. Shapes, limits and errors follow Glue's API reference:
 * https://docs.aws.amazon.com/glue/latest/dg/aws-glue-api-catalog.html. See {@link GlueMapping} for what the
 * catalog keeps of a shape and {@link PartitionFilter} for GetPartitions' Expression.
 *
 * <p>Batch operations report failures per entry, as Glue does: an entry that fails does not stop the others.
 */
public final class GlueService
        implements AwsJsonService
{
    public static final String TARGET_PREFIX = "AWSGlue";

    static final int MAX_DATABASES_PER_PAGE = 100;
    static final int MAX_TABLES_PER_PAGE = 100;
    static final int MAX_PARTITIONS_PER_PAGE = 1000;
    static final int MAX_BATCH_CREATE = 100;
    static final int MAX_BATCH_DELETE = 25;
    static final int MAX_BATCH_GET = 1000;
    static final int MAX_SEGMENTS = 10;

    private static final Comparator<List<String>> VALUES_ORDER = GlueService::compareValues;

    private final CatalogStore catalog;
    private final AccessControl accessControl;
    private final Map<String, Operation> operations;

    /**
     * @param accessControl the grants every operation is checked against, by the rules SQL follows (see
     * {@link MetadataAccess}): listings leave out what the caller cannot see, a read of something it cannot see
     * or a change it may not make is AccessDeniedException, and a dropped table's grants go with it
     */
    public GlueService(CatalogStore catalog, AccessControl accessControl)
    {
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.accessControl = requireNonNull(accessControl, "accessControl is null");
        this.operations = Map.ofEntries(
                entry("CreateDatabase", operation("CreateDatabase", CreateDatabaseRequest.class, request -> names(request.databaseInput() == null ? null : request.databaseInput().name(), null), this::createDatabase)),
                entry("GetDatabase", operation("GetDatabase", GetDatabaseRequest.class, request -> names(request.name(), null), this::getDatabase)),
                entry("GetDatabases", operation("GetDatabases", GetDatabasesRequest.class, request -> names(null, null), this::getDatabases)),
                entry("DeleteDatabase", operation("DeleteDatabase", DeleteDatabaseRequest.class, request -> names(request.name(), null), this::deleteDatabase)),
                entry("CreateTable", operation("CreateTable", CreateTableRequest.class, request -> names(request.databaseName(), request.tableInput() == null ? null : request.tableInput().name()), this::createTable)),
                entry("GetTable", operation("GetTable", GetTableRequest.class, request -> names(request.databaseName(), request.name()), this::getTable)),
                entry("GetTables", operation("GetTables", GetTablesRequest.class, request -> names(request.databaseName(), null), this::getTables)),
                entry("UpdateTable", operation("UpdateTable", UpdateTableRequest.class, request -> names(request.databaseName(), request.tableInput() == null ? null : request.tableInput().name()), this::updateTable)),
                entry("DeleteTable", operation("DeleteTable", DeleteTableRequest.class, request -> names(request.databaseName(), request.name()), this::deleteTable)),
                entry("CreatePartition", operation("CreatePartition", CreatePartitionRequest.class, request -> names(request.databaseName(), request.tableName()), this::createPartition)),
                entry("BatchCreatePartition", operation("BatchCreatePartition", BatchCreatePartitionRequest.class, request -> names(request.databaseName(), request.tableName()), this::batchCreatePartition)),
                entry("GetPartition", operation("GetPartition", GetPartitionRequest.class, request -> names(request.databaseName(), request.tableName()), this::getPartition)),
                entry("GetPartitions", operation("GetPartitions", GetPartitionsRequest.class, request -> names(request.databaseName(), request.tableName()), this::getPartitions)),
                entry("DeletePartition", operation("DeletePartition", DeletePartitionRequest.class, request -> names(request.databaseName(), request.tableName()), this::deletePartition)),
                entry("BatchDeletePartition", operation("BatchDeletePartition", BatchDeletePartitionRequest.class, request -> names(request.databaseName(), request.tableName()), this::batchDeletePartition)),
                entry("BatchGetPartition", operation("BatchGetPartition", BatchGetPartitionRequest.class, request -> names(request.databaseName(), request.tableName()), this::batchGetPartition)));
    }

    @Override
    public String targetPrefix()
    {
        return TARGET_PREFIX;
    }

    @Override
    public Map<String, Operation> operations()
    {
        return operations;
    }

    // ---- databases

    private Object createDatabase(CreateDatabaseRequest request, MetadataAccess access)
    {
        access.requireAdministrator("Cannot create schema: only an administrator can");
        catalog.createDatabase(GlueMapping.toCatalog(request.databaseInput()));
        return null;
    }

    private Object getDatabase(GetDatabaseRequest request, MetadataAccess access)
    {
        String name = GlueMapping.required(request.name(), "Name");
        Database database = catalog.findDatabase(name).orElseThrow(() -> GlueErrors.databaseNotFound(name));
        access.requireDatabase(database.name());
        return new GetDatabaseResponse(GlueMapping.toGlue(database));
    }

    private Object getDatabases(GetDatabasesRequest request, MetadataAccess access)
    {
        int pageSize = pageSize(request.maxResults(), MAX_DATABASES_PER_PAGE);
        List<Database> databases = new ArrayList<>(access.visibleDatabases(catalog.listDatabases()));
        databases.sort(Comparator.comparing(Database::name));
        Page<Database> page = page(databases, database -> List.of(database.name()), request.nextToken(), pageSize);
        return new GetDatabasesResponse(page.items().stream().map(GlueMapping::toGlue).toList(), page.nextToken());
    }

    private Object deleteDatabase(DeleteDatabaseRequest request, MetadataAccess access)
    {
        access.requireAdministrator("Cannot drop schema: only an administrator can");
        String name = GlueMapping.required(request.name(), "Name");
        // Glue's DeleteDatabase removes the database's tables and partitions with it, and Trawl their grants
        catalog.dropDatabase(name, CatalogStore.DropMode.CASCADE);
        accessControl.forgetDatabase(name);
        return null;
    }

    // ---- tables

    private Object createTable(CreateTableRequest request, MetadataAccess access)
    {
        String databaseName = GlueMapping.required(request.databaseName(), "DatabaseName");
        Table table = GlueMapping.toCatalog(databaseName, request.tableInput(), 0);
        access.requireCreateTable(table.databaseName(), location(table));
        catalog.createTable(table);
        return null;
    }

    private Object getTable(GetTableRequest request, MetadataAccess access)
    {
        return new GetTableResponse(GlueMapping.toGlue(access.requireVisible(requireTable(request.databaseName(), request.name()))));
    }

    private Object getTables(GetTablesRequest request, MetadataAccess access)
    {
        String databaseName = GlueMapping.required(request.databaseName(), "DatabaseName");
        int pageSize = pageSize(request.maxResults(), MAX_TABLES_PER_PAGE);
        Optional<Pattern> pattern = tableNamePattern(request.expression());
        List<String> names = new ArrayList<>();
        for (String name : catalog.listTables(databaseName)) {
            if ((pattern.isEmpty() || pattern.get().matcher(name).matches()) && access.seesTable(databaseName, name)) {
                names.add(name);
            }
        }
        names.sort(null);
        Page<String> page = page(names, List::of, request.nextToken(), pageSize);
        List<GlueShapes.Table> tables = new ArrayList<>();
        for (String name : page.items()) {
            // a table dropped since the listing is left out, as if listed a moment later
            catalog.findTable(databaseName, name).flatMap(access::visible).ifPresent(table -> tables.add(GlueMapping.toGlue(table)));
        }
        return new GetTablesResponse(tables, page.nextToken());
    }

    private Object updateTable(UpdateTableRequest request, MetadataAccess access)
    {
        String databaseName = GlueMapping.required(request.databaseName(), "DatabaseName");
        if (request.tableInput() == null) {
            throw AwsServiceException.invalidInput("TableInput is required.");
        }
        Table current = requireTable(databaseName, GlueMapping.required(request.tableInput().name(), "TableInput.Name"));
        long version = current.version();
        if (request.versionId() != null) {
            long expected;
            try {
                expected = Long.parseLong(request.versionId());
            }
            catch (NumberFormatException e) {
                throw AwsServiceException.invalidInput("VersionId '%s' is not a version of table %s.".formatted(request.versionId(), current.name()));
            }
            if (expected != current.version()) {
                throw GlueErrors.concurrentModification("Table %s was changed: VersionId %d is not its current version %d.".formatted(current.name(), expected, current.version()));
            }
        }
        Table changed = GlueMapping.toCatalog(databaseName, request.tableInput(), version);
        // a location the table already had stays allowed: only a move is checked
        access.requireAlter(current.databaseName(), current.name(), location(changed).filter(location -> !location(current).equals(Optional.of(location))).stream().toList());
        catalog.updateTable(changed);
        return null;
    }

    private Object deleteTable(DeleteTableRequest request, MetadataAccess access)
    {
        Table table = requireTable(request.databaseName(), request.name());
        access.requireDrop(table.databaseName(), table.name());
        catalog.dropTable(table.databaseName(), table.name());
        accessControl.forgetTable(table.databaseName(), table.name());
        return null;
    }

    /** Where a table's data lives, for the location check; none for a view or a table that names none. */
    private static Optional<String> location(Table table)
    {
        return Optional.of(table.storageDescriptor().location())
                .filter(location -> !location.isBlank() && !Table.VIRTUAL_VIEW.equals(table.tableType()));
    }

    // ---- partitions

    private Object createPartition(CreatePartitionRequest request, MetadataAccess access)
    {
        Table table = requireTable(request.databaseName(), request.tableName());
        Partition partition = GlueMapping.toCatalog(table, request.partitionInput());
        access.requireAlter(table.databaseName(), table.name(), location(partition).stream().toList());
        catalog.addPartitions(table.databaseName(), table.name(), List.of(partition), false);
        return null;
    }

    private Object batchCreatePartition(BatchCreatePartitionRequest request, MetadataAccess access)
    {
        List<GlueShapes.PartitionInput> inputs = batch(request.partitionInputList(), "PartitionInputList", MAX_BATCH_CREATE);
        Table table = requireTable(request.databaseName(), request.tableName());
        access.requireAlter(table.databaseName(), table.name(), List.of());
        List<PartitionError> errors = new ArrayList<>();
        Map<List<String>, Partition> candidates = new LinkedHashMap<>();
        for (GlueShapes.PartitionInput input : inputs) {
            List<String> values = input == null ? null : input.values();
            try {
                Partition partition = GlueMapping.toCatalog(table, input);
                PartitionKeyValues.validate(table, partition.values());
                // an entry whose location is not allowed fails alone, as any other bad entry does
                access.requireAlter(table.databaseName(), table.name(), location(partition).stream().toList());
                if (candidates.putIfAbsent(partition.values(), partition) != null) {
                    errors.add(error(values, GlueErrors.partitionAlreadyExists()));
                }
            }
            catch (AwsServiceException e) {
                errors.add(error(values, e));
            }
            catch (TrawlException e) {
                errors.add(error(values, GlueErrors.translate(e, table.databaseName(), table.name())));
            }
        }
        Set<List<String>> existing = existingValues(table, List.copyOf(candidates.keySet()));
        List<Partition> toAdd = new ArrayList<>();
        for (Partition partition : candidates.values()) {
            if (existing.contains(partition.values())) {
                errors.add(error(partition.values(), GlueErrors.partitionAlreadyExists()));
            }
            else {
                toAdd.add(partition);
            }
        }
        // one that another writer adds in between is kept as that writer made it, as if it had come first
        catalog.addPartitions(table.databaseName(), table.name(), toAdd, true);
        return new BatchCreatePartitionResponse(errors);
    }

    private Object getPartition(GetPartitionRequest request, MetadataAccess access)
    {
        Table table = requireTable(request.databaseName(), request.tableName());
        access.requirePartitions(table);
        List<String> values = GlueMapping.values(request.partitionValues(), "PartitionValues");
        Partition partition = catalog.findPartition(table.databaseName(), table.name(), values).orElseThrow(GlueErrors::partitionNotFound);
        return new GetPartitionResponse(GlueMapping.toGlue(partition, false));
    }

    private Object getPartitions(GetPartitionsRequest request, MetadataAccess access)
    {
        Table table = requireTable(request.databaseName(), request.tableName());
        access.requirePartitions(table);
        int pageSize = pageSize(request.maxResults(), MAX_PARTITIONS_PER_PAGE);
        PartitionFilter filter;
        try {
            filter = PartitionFilter.of(table, request.expression());
        }
        catch (PartitionExpressionException e) {
            throw AwsServiceException.invalidInput(e.getMessage());
        }
        Segment segment = segment(request.segment());
        List<Partition> matching = new ArrayList<>();
        if (!table.partitionKeys().isEmpty()) {
            for (Partition partition : catalog.listPartitions(table.databaseName(), table.name(), filter.domain())) {
                if (filter.matches(partition) && segment.contains(partition.values())) {
                    matching.add(partition);
                }
            }
        }
        matching.sort(Comparator.comparing(Partition::values, VALUES_ORDER));
        Page<Partition> page = page(matching, Partition::values, request.nextToken(), pageSize);
        boolean excludeColumns = Boolean.TRUE.equals(request.excludeColumnSchema());
        return new GetPartitionsResponse(page.items().stream().map(partition -> GlueMapping.toGlue(partition, excludeColumns)).toList(), page.nextToken());
    }

    private Object deletePartition(DeletePartitionRequest request, MetadataAccess access)
    {
        Table table = requireTable(request.databaseName(), request.tableName());
        access.requireAlter(table.databaseName(), table.name(), List.of());
        catalog.dropPartitions(table.databaseName(), table.name(), List.of(GlueMapping.values(request.partitionValues(), "PartitionValues")), false);
        return null;
    }

    private Object batchDeletePartition(BatchDeletePartitionRequest request, MetadataAccess access)
    {
        List<PartitionValueList> entries = batch(request.partitionsToDelete(), "PartitionsToDelete", MAX_BATCH_DELETE);
        Table table = requireTable(request.databaseName(), request.tableName());
        access.requireAlter(table.databaseName(), table.name(), List.of());
        List<PartitionError> errors = new ArrayList<>();
        Set<List<String>> candidates = new LinkedHashSet<>();
        for (PartitionValueList entry : entries) {
            List<String> values = entry == null ? null : entry.values();
            try {
                List<String> checked = GlueMapping.values(values, "PartitionsToDelete.Values");
                checkValueCount(table, checked);
                candidates.add(checked);
            }
            catch (AwsServiceException e) {
                errors.add(error(values, e));
            }
        }
        Set<List<String>> existing = existingValues(table, List.copyOf(candidates));
        List<List<String>> toDrop = new ArrayList<>();
        for (List<String> values : candidates) {
            if (existing.contains(values)) {
                toDrop.add(values);
            }
            else {
                errors.add(error(values, GlueErrors.partitionNotFound()));
            }
        }
        catalog.dropPartitions(table.databaseName(), table.name(), toDrop, true);
        return new BatchDeletePartitionResponse(errors);
    }

    private Object batchGetPartition(BatchGetPartitionRequest request, MetadataAccess access)
    {
        List<PartitionValueList> entries = batch(request.partitionsToGet(), "PartitionsToGet", MAX_BATCH_GET);
        Table table = requireTable(request.databaseName(), request.tableName());
        access.requirePartitions(table);
        Set<List<String>> wanted = new LinkedHashSet<>();
        for (PartitionValueList entry : entries) {
            List<String> values = GlueMapping.values(entry == null ? null : entry.values(), "PartitionsToGet.Values");
            checkValueCount(table, values);
            wanted.add(values);
        }
        Map<List<String>, Partition> found = findPartitions(table, List.copyOf(wanted));
        List<GlueShapes.Partition> partitions = new ArrayList<>();
        for (List<String> values : wanted) {
            Partition partition = found.get(values);
            if (partition != null) {
                partitions.add(GlueMapping.toGlue(partition, false));
            }
        }
        return new BatchGetPartitionResponse(partitions, List.of());
    }

    private static Optional<String> location(Partition partition)
    {
        return Optional.of(partition.storageDescriptor().location()).filter(location -> !location.isBlank());
    }

    /** The values among {@code wanted} that are partitions of the table now. */
    private Set<List<String>> existingValues(Table table, List<List<String>> wanted)
    {
        return new HashSet<>(findPartitions(table, wanted).keySet());
    }

    /**
     * The partitions with exactly these values, found with one listing narrowed to the wanted values of each key
     * (a superset when there are several keys), so a batch costs one listing rather than a read per entry.
     */
    private Map<List<String>, Partition> findPartitions(Table table, List<List<String>> wanted)
    {
        if (wanted.isEmpty() || table.partitionKeys().isEmpty()) {
            return Map.of();
        }
        Map<String, Domain> domains = new HashMap<>();
        List<Column> keys = table.partitionKeys();
        for (int i = 0; i < keys.size(); i++) {
            Column key = keys.get(i);
            Type type;
            try {
                type = HiveTypes.toTrinoType(key.type());
            }
            catch (TrawlException e) {
                continue;
            }
            List<Object> values = new ArrayList<>();
            boolean nullAllowed = false;
            for (List<String> entry : wanted) {
                try {
                    Object value = PartitionKeyValues.typedValue(table, key, entry.get(i));
                    if (value == null) {
                        nullAllowed = true;
                    }
                    else {
                        values.add(value);
                    }
                }
                catch (TrawlException e) {
                    // not a value of the key's type: no partition has it
                }
            }
            domains.put(key.name().toLowerCase(Locale.ROOT), Domain.create(values.isEmpty() ? ValueSet.none(type) : ValueSet.copyOf(type, values), nullAllowed));
        }
        Set<List<String>> wantedSet = new HashSet<>(wanted);
        Map<List<String>, Partition> found = new HashMap<>();
        for (Partition partition : catalog.listPartitions(table.databaseName(), table.name(), TupleDomain.withColumnDomains(domains))) {
            if (wantedSet.contains(partition.values())) {
                found.put(partition.values(), partition);
            }
        }
        return found;
    }

    // ---- shared steps

    private Table requireTable(String databaseName, String tableName)
    {
        String database = GlueMapping.required(databaseName, "DatabaseName");
        String table = GlueMapping.required(tableName, "TableName");
        return catalog.findTable(database, table).orElseThrow(() -> catalog.findDatabase(database).isEmpty()
                ? GlueErrors.databaseNotFound(database)
                : GlueErrors.tableNotFound(table));
    }

    private static void checkValueCount(Table table, List<String> values)
    {
        // the catalog's wording, so every operation words this mistake alike
        if (table.partitionKeys().isEmpty()) {
            throw AwsServiceException.invalidInput("Table '%s' is not partitioned".formatted(table.qualifiedName()));
        }
        if (values.size() != table.partitionKeys().size()) {
            throw AwsServiceException.invalidInput("Table '%s' is partitioned by %d key(s) (%s) but %d value(s) were given: %s".formatted(
                    table.qualifiedName(), table.partitionKeys().size(), table.partitionKeys().stream().map(Column::name).toList(), values.size(), values));
        }
    }

    private static PartitionError error(List<String> values, AwsServiceException error)
    {
        return new PartitionError(values, new ErrorDetail(error.errorType(), error.getMessage()));
    }

    private static <T> List<T> batch(List<T> entries, String member, int limit)
    {
        if (entries == null) {
            throw AwsServiceException.invalidInput(member + " is required.");
        }
        if (entries.size() > limit) {
            throw AwsServiceException.invalidInput("%s has %d entries; at most %d are allowed.".formatted(member, entries.size(), limit));
        }
        return entries;
    }

    private static int pageSize(Integer maxResults, int limit)
    {
        if (maxResults == null) {
            return limit;
        }
        if (maxResults < 1 || maxResults > limit) {
            throw AwsServiceException.invalidInput("MaxResults %d is out of range: it must be between 1 and %d.".formatted(maxResults, limit));
        }
        return maxResults;
    }

    /**
     * GetTables' Expression: a regular expression matched against the whole (lower-case) name, case-insensitively;
     * a {@code *} not following a {@code .} means any characters, as in Hive's table patterns ({@code sales*}).
     */
    static Optional<Pattern> tableNamePattern(String expression)
    {
        if (expression == null || expression.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < expression.length(); i++) {
            char c = expression.charAt(i);
            if (c == '*' && (i == 0 || expression.charAt(i - 1) != '.')) {
                regex.append(".*");
            }
            else {
                regex.append(c);
            }
        }
        try {
            return Optional.of(Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE));
        }
        catch (PatternSyntaxException e) {
            throw AwsServiceException.invalidInput("Expression '%s' is not a valid pattern: %s".formatted(expression, e.getDescription()));
        }
    }

    private static Segment segment(GlueShapes.Segment segment)
    {
        if (segment == null) {
            return new Segment(0, 1);
        }
        if (segment.totalSegments() == null || segment.segmentNumber() == null) {
            throw AwsServiceException.invalidInput("Segment needs both SegmentNumber and TotalSegments.");
        }
        int total = segment.totalSegments();
        int number = segment.segmentNumber();
        if (total < 1 || total > MAX_SEGMENTS) {
            throw AwsServiceException.invalidInput("TotalSegments %d is out of range: it must be between 1 and %d.".formatted(total, MAX_SEGMENTS));
        }
        if (number < 0 || number >= total) {
            throw AwsServiceException.invalidInput("SegmentNumber %d is out of range: it must be between 0 and %d.".formatted(number, total - 1));
        }
        return new Segment(number, total);
    }

    /**
     * One of TotalSegments disjoint parts of a table's partitions, which together are all of them. A partition's
     * segment follows from its values alone (List and String hash codes are specified), so every call and every
     * instance agrees on it, and partitions added later do not move the others.
     */
    private record Segment(int number, int total)
    {
        boolean contains(List<String> values)
        {
            return Math.floorMod(values.hashCode(), total) == number;
        }
    }

    private record Page<T>(List<T> items, String nextToken) {}

    /** The items after the token's key (all for none), at most {@code size}, with the token to continue when more remain; {@code items} are in key order. */
    private static <T> Page<T> page(List<T> items, Function<T, List<String>> key, String nextToken, int size)
    {
        int start = 0;
        if (nextToken != null && !nextToken.isEmpty()) {
            List<String> after = PageTokens.keyOf(nextToken);
            while (start < items.size() && VALUES_ORDER.compare(key.apply(items.get(start)), after) <= 0) {
                start++;
            }
        }
        int end = Math.min(items.size(), start + size);
        List<T> pageItems = List.copyOf(items.subList(start, end));
        String token = end < items.size() ? PageTokens.ofKey(key.apply(items.get(end - 1))) : null;
        return new Page<>(pageItems, token);
    }

    /** Values key by key, each by code point: the order of listings and of their page tokens. */
    private static int compareValues(List<String> left, List<String> right)
    {
        for (int i = 0; i < Math.min(left.size(), right.size()); i++) {
            int order = PartitionFilter.compareCodePoints(left.get(i), right.get(i));
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(left.size(), right.size());
    }

    // ---- dispatch

    private record Names(String database, String table) {}

    private static Names names(String database, String table)
    {
        return new Names(database, table);
    }

    /**
     * Reads the input as {@code shape}, runs the handler and writes its answer ({@code null}: Glue's empty output);
     * catalog errors become Glue's, named after the request's database and table.
     */
    private <I> Operation operation(String name, Class<I> shape, Function<I, Names> names, BiFunction<I, MetadataAccess, Object> handler)
    {
        // changes, and refusals of any call, join the SQL statements in the audit trail
        boolean change = !name.startsWith("Get") && !name.startsWith("BatchGet");
        return (input, caller) -> {
            I request = read(input, shape);
            Names named = names.apply(request);
            try {
                Object output = handler.apply(request, MetadataAccess.of(accessControl, caller.principal()));
                if (change) {
                    audit(name, named, caller.principal(), Optional.empty());
                }
                return output == null ? AwsJson.mapper().createObjectNode() : AwsJson.toTree(output);
            }
            catch (TrawlException e) {
                if (e.errorCode() == io.trawl.error.ErrorCode.ACCESS_DENIED) {
                    audit(name, named, caller.principal(), Optional.of(e.getMessage()));
                }
                throw GlueErrors.translate(e, named.database(), named.table());
            }
        };
    }

    /** An audit event for a Glue call, when access control keeps a trail: {@code AWSGlue.CreateTable db.table}, allowed or denied. */
    private void audit(String operation, Names named, String principal, Optional<String> denial)
    {
        accessControl.audit().ifPresent(log -> {
            String object = Optional.ofNullable(named.database()).map(database -> database + Optional.ofNullable(named.table()).map(table -> "." + table).orElse("")).orElse("");
            log.record(java.time.Instant.now(), principal, (TARGET_PREFIX + "." + operation + " " + object).strip(),
                    named.table() == null ? List.of() : List.of(object.toLowerCase(Locale.ROOT)), List.of(), denial.isEmpty(), denial);
        });
    }

    private static <I> I read(JsonNode input, Class<I> shape)
    {
        try {
            return AwsJson.readInput(input, shape);
        }
        catch (AwsServiceException e) {
            // Glue reports a malformed request as InvalidInputException
            throw AwsServiceException.invalidInput(e.getMessage());
        }
    }
}
