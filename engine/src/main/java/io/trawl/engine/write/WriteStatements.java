package io.trawl.engine.write;

import io.trawl.catalog.CatalogStore;
import io.trawl.catalog.Column;
import io.trawl.catalog.HiveTypes;
import io.trawl.catalog.Partition;
import io.trawl.catalog.PartitionNames;
import io.trawl.catalog.StorageDescriptor;
import io.trawl.catalog.Table;
import io.trawl.engine.EngineConfig;
import io.trawl.engine.QueryControl;
import io.trawl.engine.QueryResult;
import io.trawl.engine.ResultColumn;
import io.trawl.engine.Session;
import io.trawl.engine.StatementKind;
import io.trawl.engine.analyzer.TypeCoercion;
import io.trawl.engine.ddl.DdlExecutor;
import io.trawl.engine.ddl.ExternalTables;
import io.trawl.engine.expression.CastSupport;
import io.trawl.engine.expression.Constant;
import io.trawl.engine.expression.RowExpression;
import io.trawl.engine.expression.Variable;
import io.trawl.engine.parser.HiveStatement;
import io.trawl.engine.plan.Assignment;
import io.trawl.engine.plan.OutputNode;
import io.trawl.engine.plan.ProjectNode;
import io.trawl.engine.plan.Symbol;
import io.trawl.engine.write.WriteProperties.CtasProperties;
import io.trawl.engine.write.WriteProperties.FormatOptions;
import io.trawl.engine.write.WriteProperties.UnloadProperties;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trino.spi.Page;
import io.trino.spi.block.BlockBuilder;
import io.trino.spi.predicate.TupleDomain;
import io.trino.spi.type.Type;
import io.trino.sql.tree.CreateTableAsSelect;
import io.trino.sql.tree.Identifier;
import io.trino.sql.tree.Insert;
import io.trino.sql.tree.Node;
import io.trino.sql.tree.QualifiedName;
import io.trino.sql.tree.SaveMode;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import static io.trawl.engine.analyzer.Expressions.coerce;
import static io.trino.spi.type.BigintType.BIGINT;
import static java.util.Objects.requireNonNull;

/**
 * CTAS, INSERT INTO and UNLOAD: each plans its SELECT with the engine's planner, casts the rows to the target's column
 * types, streams them through a {@link TableWriter} into a hidden staging folder of the target, and only once every
 * file is written publishes: moves the files to their final places, writes the data manifest, and updates the
 * catalog. A failure or a cancel at any point before the catalog update removes what was written, staged or moved,
 * so readers never see part of a write. The result is Athena's for DML: one row, the number of rows written, in a
 * BIGINT column {@code rows}, which the API reports as UpdateCount; the SELECT's reads are metered as a query's.
 */
public final class WriteStatements
{
    private static final String STAGING_PREFIX = ".trawl-staging-";

    private final CatalogStore catalog;
    private final FileWriterFactory writers;
    private final WriteStorage storage;
    private final EngineConfig config;
    private final SelectExecutor select;

    public WriteStatements(CatalogStore catalog, FileWriterFactory writers, WriteStorage storage, EngineConfig config, SelectExecutor select)
    {
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.writers = requireNonNull(writers, "writers is null");
        this.storage = requireNonNull(storage, "storage is null");
        this.config = requireNonNull(config, "config is null");
        this.select = requireNonNull(select, "select is null");
    }

    /**
     * {@code CREATE TABLE t [(aliases)] [WITH (...)] AS query [WITH [NO] DATA]} with Athena's CTAS properties. The table
     * is registered (with its partitions) only after all its files are in place.
     */
    public QueryResult createTableAs(CreateTableAsSelect statement, Session session, QueryControl control, WriteLocations locations)
    {
        TableName name = TableName.of(statement.getName(), session);
        if (statement.getSaveMode() == SaveMode.REPLACE) {
            throw WriteErrors.at(statement, ErrorCode.NOT_SUPPORTED, "CREATE OR REPLACE TABLE is not supported: drop table '%s' first".formatted(name));
        }
        requireDatabase(name.schema());
        if (catalog.findTable(name.schema(), name.table()).isPresent()) {
            if (statement.getSaveMode() == SaveMode.IGNORE) {
                return rowsWritten(0, 0, session, new SelectExecutor.Execution(List.of(), Set.of()), List.of());
            }
            throw new TrawlException(ErrorCode.TABLE_ALREADY_EXISTS, "Table '%s' already exists".formatted(name));
        }
        CtasProperties properties = WriteProperties.ctas(statement.getProperties());
        OutputNode query = select.plan(statement.getQuery(), session);
        List<String> names = ctasColumnNames(statement, query);
        List<Column> columns = columnsOf(names, query);
        int dataColumnCount = checkPartitionColumns(statement, columns, properties.partitionedBy());
        List<Column> dataColumns = columns.subList(0, dataColumnCount);
        List<Column> partitionColumns = columns.subList(dataColumnCount, columns.size());
        Optional<HiveBucketing> bucketing = bucketing(statement, dataColumns, partitionColumns, properties.bucketedBy(), properties.bucketCount().orElse(0));

        URI location = properties.externalLocation().map(text -> StorageLocations.parseFolder(text, "external_location"))
                .or(() -> locations.tableLocation().map(StorageLocations::asFolder))
                .or(() -> config.tablesLocation().map(base -> StorageLocations.child(base, control.queryId() + "/")))
                .orElseThrow(() -> new TrawlException(ErrorCode.INVALID_LOCATION,
                        "CREATE TABLE AS for '%s' needs external_location: there is no query result location to put the table under".formatted(name)));
        Map<String, String> parameters = new LinkedHashMap<>(properties.format().tableParameters());
        bucketing.ifPresent(buckets -> {
            parameters.put(WriteProperties.BUCKETED_BY, String.join(",", properties.bucketedBy()));
            parameters.put(WriteProperties.BUCKET_COUNT, Integer.toString(buckets.bucketCount()));
        });
        Table table = describe(name.schema(), name.table(), session.user(), properties.format(), dataColumns, partitionColumns, location, statement.getComment(), parameters);
        String extension = writers.fileExtension(table);
        if (!storage.list(location).isEmpty()) {
            throw new TrawlException(ErrorCode.INVALID_LOCATION, "HIVE_PATH_ALREADY_EXISTS: Target directory for table '%s' already exists: %s".formatted(name, location));
        }
        if (!statement.isWithData()) {
            storage.createFolder(location);
            catalog.createTable(table);
            return rowsWritten(0, 0, session, new SelectExecutor.Execution(List.of(), Set.of()), List.of());
        }

        URI stagingRoot = stagingRoot(location, control);
        WriteTarget target = new WriteTarget(table, dataColumns, partitionColumns, stagingRoot,
                values -> partitionFolder(location, partitionColumns, values), bucketing, extension);
        OutputNode plan = project(query, names, identity(columns.size()), typesOf(columns));
        long bytesBefore = control.bytesScanned();
        Written written = write(target, plan, control);
        List<WrittenFile> published = publish(written, location, stagingRoot, locations.manifestLocation(), control, () -> {
            storage.createFolder(location);
            catalog.createTable(table);
            if (!partitionColumns.isEmpty() && !written.partitions().isEmpty()) {
                try {
                    catalog.addPartitions(table.databaseName(), table.name(), partitions(table, written.partitions(), values -> partitionFolder(location, partitionColumns, values)), false);
                }
                catch (RuntimeException e) {
                    dropQuietly(table, e);
                    throw e;
                }
            }
        });
        return rowsWritten(written.rows(), control.bytesScanned() - bytesBefore, session, written.execution(), published);
    }

    /**
     * {@code INSERT INTO t [(columns)] query}: new files in the table's own format, partition folders for partitioned
     * tables (new partitions registered in the catalog), columns left out of the list written as NULL.
     */
    public QueryResult insert(Insert statement, Session session, QueryControl control, WriteLocations locations)
    {
        TableName name = TableName.of(statement.getTarget(), session);
        requireDatabase(name.schema());
        Table table = catalog.findTable(name.schema(), name.table())
                .orElseThrow(() -> WriteErrors.at(statement.getTable(), ErrorCode.TABLE_NOT_FOUND, "Table '%s' does not exist".formatted(name)));
        if (Table.VIRTUAL_VIEW.equals(table.tableType())) {
            throw WriteErrors.at(statement.getTable(), ErrorCode.NOT_SUPPORTED, "Inserting into views is not supported: '%s' is a view".formatted(name));
        }
        for (String lineCount : List.of("skip.header.line.count", "skip.footer.line.count")) {
            if (!table.parameters().getOrDefault(lineCount, "0").strip().equals("0")) {
                // readers would skip the first (or last) lines of every new file, which hold rows, not a header
                throw WriteErrors.at(statement, ErrorCode.NOT_SUPPORTED, "Cannot insert into '%s': its %s would skip rows of the files written".formatted(name, lineCount));
            }
        }
        List<Column> columns = table.allColumns();
        List<Integer> targets = insertTargets(statement, columns);
        OutputNode query = select.plan(statement.getQuery(), session);
        List<Type> tableTypes = typesOf(columns);
        checkInsertTypes(statement, query, targets.stream().map(tableTypes::get).toList());
        List<Optional<Integer>> sources = new ArrayList<>();
        for (int column = 0; column < columns.size(); column++) {
            int listed = targets.indexOf(column);
            sources.add(listed < 0 ? Optional.empty() : Optional.of(listed));
        }
        List<Column> dataColumns = table.storageDescriptor().columns();
        List<Column> partitionColumns = table.partitionKeys();
        for (Column key : partitionColumns) {
            if (!PartitionValueText.isSupported(HiveTypes.toTrinoType(key.type()))) {
                throw WriteErrors.at(statement, ErrorCode.NOT_SUPPORTED, "Cannot insert into '%s': partition key '%s' has type '%s', which Trawl cannot write a partition folder for"
                        .formatted(name, key.name(), key.type()));
            }
        }
        Optional<HiveBucketing> bucketing = tableBucketing(table, dataColumns);
        String extension = writers.fileExtension(table);
        URI location = StorageLocations.parseFolder(table.storageDescriptor().location(), "Location of table '%s'".formatted(name));

        // asked by the writers, which run in parallel
        Map<List<String>, URI> folders = new java.util.concurrent.ConcurrentHashMap<>();
        Function<List<String>, URI> finalFolder = values -> folders.computeIfAbsent(values, _ -> catalog.findPartition(table.databaseName(), table.name(), values)
                .map(partition -> StorageLocations.parseFolder(partition.storageDescriptor().location(), "Location of partition %s".formatted(values)))
                .orElseGet(() -> partitionFolder(location, partitionColumns, values)));
        if (partitionColumns.isEmpty()) {
            folders.put(List.of(), location);
        }
        URI stagingRoot = stagingRoot(location, control);
        WriteTarget target = new WriteTarget(table, dataColumns, partitionColumns, stagingRoot, finalFolder, bucketing, extension);
        OutputNode plan = project(query, columns.stream().map(Column::name).toList(), sources, tableTypes);
        long bytesBefore = control.bytesScanned();
        Written written = write(target, plan, control);
        List<WrittenFile> published = publish(written, location, stagingRoot, locations.manifestLocation(), control, () -> registerNewPartitions(table, written.partitions(), finalFolder));
        return rowsWritten(written.rows(), control.bytesScanned() - bytesBefore, session, written.execution(), published);
    }

    /** {@code UNLOAD (query) TO 'location' WITH (...)}: files under the location, no catalog change. */
    public QueryResult unload(HiveStatement.Unload statement, Session session, QueryControl control, WriteLocations locations)
    {
        UnloadProperties properties = WriteProperties.unload(statement.properties(), Optional.of(statement.position()));
        URI location = StorageLocations.parseFolder(statement.location(), "UNLOAD location");
        OutputNode query = select.plan(statement.query(), session);
        List<String> names = query.names().stream().map(label -> label.toLowerCase(Locale.ROOT)).toList();
        checkUniqueNames(statement.query(), names);
        List<Column> columns = columnsOf(names, query);
        int dataColumnCount = checkPartitionColumns(statement.query(), columns, properties.partitionedBy());
        List<Column> dataColumns = columns.subList(0, dataColumnCount);
        List<Column> partitionColumns = columns.subList(dataColumnCount, columns.size());
        Table table = describe(session.schema(), "unload", session.user(), properties.format(), dataColumns, partitionColumns, location, Optional.empty(),
                properties.format().tableParameters());
        String extension = writers.fileExtension(table);
        // Athena: "Except when writing partitions, the TO destination must specify a location in Amazon S3 that has no data"
        if (partitionColumns.isEmpty() && !storage.list(location).isEmpty()) {
            throw new TrawlException(ErrorCode.INVALID_LOCATION, "line %d:%d: HIVE_PATH_ALREADY_EXISTS: UNLOAD location is not empty: %s"
                    .formatted(statement.locationPosition().getLineNumber(), statement.locationPosition().getColumnNumber(), location));
        }
        URI stagingRoot = stagingRoot(location, control);
        WriteTarget target = new WriteTarget(table, dataColumns, partitionColumns, stagingRoot,
                values -> partitionFolder(location, partitionColumns, values), Optional.empty(), extension);
        OutputNode plan = project(query, names, identity(columns.size()), typesOf(columns));
        long bytesBefore = control.bytesScanned();
        Written written = write(target, plan, control);
        List<WrittenFile> published = publish(written, location, stagingRoot, locations.manifestLocation(), control, () -> {});
        return rowsWritten(written.rows(), control.bytesScanned() - bytesBefore, session, written.execution(), published);
    }

    // ---------------------------------------------------------------- writing and publishing

    private record Written(List<StagedFile> files, long rows, SelectExecutor.Execution execution)
    {
        /** The partitions the files belong to, in the order they were first written. */
        List<List<String>> partitions()
        {
            Set<List<String>> partitions = new LinkedHashSet<>();
            files.forEach(file -> partitions.add(file.partitionValues()));
            return List.copyOf(partitions);
        }
    }

    private Written write(WriteTarget target, OutputNode plan, QueryControl control)
    {
        // a bucket's rows must all go to one file, so bucketed tables are written by one writer
        int parallelism = target.bucketing().isPresent() ? 1 : Math.max(1, config.scanThreads());
        ParallelTableWriter writer = new ParallelTableWriter(target, writers, control.queryId(), config.targetFileBytes(), config.maxWritePartitions(), parallelism);
        try {
            SelectExecutor.Execution execution = select.execute(plan, control, page -> {
                control.checkNotCancelled();
                writer.append(page);
            });
            control.checkNotCancelled();
            List<StagedFile> files = writer.commit();
            return new Written(files, writer.rows(), execution);
        }
        catch (RuntimeException | Error e) {
            writer.abort();
            deleteAllQuietly(target.stagingRoot(), e);
            throw e;
        }
    }

    /**
     * Moves the staged files into place, writes the manifest, then runs {@code commit} (the catalog update): the point
     * after which the write is visible. Anything failing before it undoes the moves and the manifest.
     */
    private List<WrittenFile> publish(Written written, URI location, URI stagingRoot, Optional<URI> manifestLocation, QueryControl control, Runnable commit)
    {
        List<URI> moved = new ArrayList<>();
        boolean manifestWritten = false;
        try {
            for (StagedFile file : written.files()) {
                control.checkNotCancelled();
                storage.move(file.stagingLocation(), file.finalLocation());
                moved.add(file.finalLocation());
            }
            if (manifestLocation.isPresent()) {
                storage.write(manifestLocation.get(), manifest(moved));
                manifestWritten = true;
            }
            control.checkNotCancelled();
            commit.run();
        }
        catch (RuntimeException | Error e) {
            for (URI file : moved) {
                deleteQuietly(file, e);
            }
            removeEmptiedFolders(location, moved, e);
            if (manifestWritten) {
                deleteQuietly(manifestLocation.get(), e);
            }
            deleteAllQuietly(stagingRoot, e);
            throw e;
        }
        try {
            storage.deleteAll(stagingRoot);
        }
        catch (RuntimeException ignored) {
            // the write is published; an empty hidden staging folder left behind is invisible to readers
        }
        return written.files().stream().map(StagedFile::published).toList();
    }

    /** The partition folders (and their parents below the target) that undone moves may have left empty, deepest first. */
    private void removeEmptiedFolders(URI location, List<URI> files, Throwable failure)
    {
        String root = location.getPath();
        Set<String> folders = new HashSet<>();
        for (URI file : files) {
            String path = file.getPath();
            for (int slash = path.lastIndexOf('/'); slash > root.length() - 1 && path.startsWith(root); slash = path.lastIndexOf('/', slash - 1)) {
                folders.add(path.substring(0, slash + 1));
            }
        }
        folders.remove(root);
        for (String folder : folders.stream().sorted(java.util.Comparator.comparingInt(String::length).reversed()).toList()) {
            try {
                storage.deleteFolderIfEmpty(StorageLocations.child(location, folder.substring(root.length())));
            }
            catch (RuntimeException e) {
                failure.addSuppressed(e);
            }
        }
    }

    /** Athena's data manifest: the URI of every file written, one a line. */
    private static byte[] manifest(List<URI> files)
    {
        StringBuilder text = new StringBuilder();
        files.forEach(file -> text.append(file).append('\n'));
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Registers the partitions an INSERT wrote that the catalog lacks. A partitioned table with no registered
     * partitions is read by discovering its folders ({@link io.trawl.engine.execution.PartitionSource}); registering
     * only the new ones would hide the rest, so such a table, and one with partition projection, stays unregistered.
     */
    private void registerNewPartitions(Table table, List<List<String>> written, Function<List<String>, URI> folders)
    {
        if (table.partitionKeys().isEmpty() || written.isEmpty() || "true".equalsIgnoreCase(table.parameters().get("projection.enabled"))) {
            return;
        }
        if (catalog.listPartitions(table.databaseName(), table.name(), TupleDomain.all()).isEmpty()) {
            return;
        }
        List<List<String>> missing = written.stream()
                .filter(values -> catalog.findPartition(table.databaseName(), table.name(), values).isEmpty())
                .toList();
        if (!missing.isEmpty()) {
            catalog.addPartitions(table.databaseName(), table.name(), partitions(table, missing, folders), true);
        }
    }

    private static List<Partition> partitions(Table table, List<List<String>> values, Function<List<String>, URI> folders)
    {
        StorageDescriptor descriptor = table.storageDescriptor();
        return values.stream()
                .map(partition -> new Partition(table.databaseName(), table.name(), partition,
                        new StorageDescriptor(descriptor.columns(), folders.apply(partition).toString(), descriptor.inputFormat(), descriptor.outputFormat(),
                                descriptor.serdeInfo(), descriptor.compressed()),
                        Map.of()))
                .toList();
    }

    private static URI stagingRoot(URI location, QueryControl control)
    {
        return StorageLocations.child(location, STAGING_PREFIX + control.queryId() + "/");
    }

    private static URI partitionFolder(URI location, List<Column> partitionColumns, List<String> values)
    {
        if (partitionColumns.isEmpty()) {
            return location;
        }
        return StorageLocations.child(location, PartitionNames.folderName(partitionColumns, values) + "/");
    }

    private void deleteQuietly(URI location, Throwable failure)
    {
        try {
            storage.delete(location);
        }
        catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private void deleteAllQuietly(URI prefix, Throwable failure)
    {
        try {
            storage.deleteAll(prefix);
        }
        catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private void dropQuietly(Table table, Throwable failure)
    {
        try {
            catalog.dropTable(table.databaseName(), table.name());
        }
        catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    // ---------------------------------------------------------------- columns, partitions, buckets

    private static List<String> ctasColumnNames(CreateTableAsSelect statement, OutputNode query)
    {
        List<String> names;
        if (statement.getColumnAliases().isPresent()) {
            List<Identifier> aliases = statement.getColumnAliases().get();
            if (aliases.size() != query.names().size()) {
                throw WriteErrors.at(statement, ErrorCode.INVALID_ARGUMENT, "Column alias list has %d entries but query has %d columns available"
                        .formatted(aliases.size(), query.names().size()));
            }
            names = aliases.stream().map(alias -> alias.getValue().toLowerCase(Locale.ROOT)).toList();
        }
        else {
            names = query.names().stream().map(label -> label.toLowerCase(Locale.ROOT)).toList();
            for (int column = 0; column < names.size(); column++) {
                // the planner labels a column the query leaves unnamed _col<n>; a table needs a name for each
                if (names.get(column).equals("_col" + column)) {
                    throw WriteErrors.at(statement.getQuery(), ErrorCode.INVALID_ARGUMENT, "Column name not specified at position %d".formatted(column + 1));
                }
            }
        }
        checkUniqueNames(statement, names);
        return names;
    }

    private static void checkUniqueNames(Node node, List<String> names)
    {
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (!seen.add(name)) {
                throw WriteErrors.at(node, ErrorCode.INVALID_ARGUMENT, "Column name '%s' specified more than once".formatted(name));
            }
        }
    }

    /** The table columns for the query's outputs: each output type as the Hive type a table can hold. */
    private static List<Column> columnsOf(List<String> names, OutputNode query)
    {
        List<Column> columns = new ArrayList<>();
        for (int column = 0; column < names.size(); column++) {
            Type type = query.outputs().get(column).type();
            if (TypeCoercion.isUnknown(type)) {
                throw new TrawlException(ErrorCode.TYPE_MISMATCH, "Column type is unknown: %s (cast the NULL to the column's type)".formatted(names.get(column)));
            }
            String hiveType;
            try {
                hiveType = HiveTypes.toHiveType(type);
            }
            catch (TrawlException e) {
                throw new TrawlException(e.errorCode(), "Column '%s': %s".formatted(names.get(column), e.getMessage()), e);
            }
            columns.add(new Column(names.get(column), hiveType, Optional.empty()));
        }
        return columns;
    }

    /**
     * Checks Athena's rule that partition columns come last in the SELECT, in {@code partitioned_by}'s order
     * (the error is Trino's Hive connector's); returns how many data columns precede them.
     */
    private static int checkPartitionColumns(Node statement, List<Column> columns, List<String> partitionedBy)
    {
        if (partitionedBy.isEmpty()) {
            return columns.size();
        }
        List<String> names = columns.stream().map(Column::name).toList();
        List<String> missing = partitionedBy.stream().filter(name -> !names.contains(name)).toList();
        if (!missing.isEmpty()) {
            throw WriteErrors.at(statement, ErrorCode.INVALID_ARGUMENT, "Partition columns %s not present in schema".formatted(missing));
        }
        int dataColumnCount = columns.size() - partitionedBy.size();
        if (!names.subList(dataColumnCount, names.size()).equals(partitionedBy)) {
            throw WriteErrors.at(statement, ErrorCode.INVALID_ARGUMENT,
                    "HIVE_COLUMN_ORDER_MISMATCH: Partition keys must be the last columns in the table and in the same order as the table properties: %s (the SELECT's columns are %s)"
                            .formatted(partitionedBy, names));
        }
        if (dataColumnCount == 0) {
            throw WriteErrors.at(statement, ErrorCode.INVALID_ARGUMENT, "Table contains only partition columns");
        }
        for (Column key : columns.subList(dataColumnCount, columns.size())) {
            if (!PartitionValueText.isSupported(HiveTypes.toTrinoType(key.type()))) {
                throw WriteErrors.at(statement, ErrorCode.NOT_SUPPORTED, "Partition column '%s' has type '%s', which cannot name a partition folder"
                        .formatted(key.name(), key.type()));
            }
        }
        return dataColumnCount;
    }

    private static Optional<HiveBucketing> bucketing(Node statement, List<Column> dataColumns, List<Column> partitionColumns, List<String> bucketedBy, int bucketCount)
    {
        if (bucketedBy.isEmpty()) {
            return Optional.empty();
        }
        List<String> partitionNames = partitionColumns.stream().map(Column::name).toList();
        List<String> dataNames = dataColumns.stream().map(Column::name).toList();
        List<Integer> channels = new ArrayList<>();
        List<Type> types = new ArrayList<>();
        for (String column : bucketedBy) {
            if (partitionNames.contains(column)) {
                throw WriteErrors.at(statement, ErrorCode.INVALID_ARGUMENT, "Bucketing column '%s' is a partition column".formatted(column));
            }
            int channel = dataNames.indexOf(column);
            if (channel < 0) {
                throw WriteErrors.at(statement, ErrorCode.INVALID_ARGUMENT, "Bucketing columns [%s] not present in schema".formatted(column));
            }
            Type type = HiveTypes.toTrinoType(dataColumns.get(channel).type());
            if (!HiveBucketing.isSupported(type)) {
                throw WriteErrors.at(statement, ErrorCode.NOT_SUPPORTED, "Bucketing column '%s' has type '%s', which Trawl cannot bucket by".formatted(column, dataColumns.get(channel).type()));
            }
            channels.add(channel);
            types.add(type);
        }
        return Optional.of(new HiveBucketing(channels, types, bucketCount));
    }

    /** The bucketing a table written by a bucketed CTAS keeps in its parameters, so INSERT INTO buckets alike. */
    private static Optional<HiveBucketing> tableBucketing(Table table, List<Column> dataColumns)
    {
        String bucketedBy = table.parameters().get(WriteProperties.BUCKETED_BY);
        String bucketCount = table.parameters().get(WriteProperties.BUCKET_COUNT);
        if (bucketedBy == null || bucketCount == null) {
            return Optional.empty();
        }
        List<String> dataNames = dataColumns.stream().map(column -> column.name().toLowerCase(Locale.ROOT)).toList();
        List<Integer> channels = new ArrayList<>();
        List<Type> types = new ArrayList<>();
        for (String column : bucketedBy.split(",")) {
            int channel = dataNames.indexOf(column.strip().toLowerCase(Locale.ROOT));
            if (channel < 0) {
                throw new TrawlException(ErrorCode.INVALID_ARGUMENT, "Table '%s' is bucketed by '%s', which is not one of its columns".formatted(table.qualifiedName(), column));
            }
            channels.add(channel);
            types.add(HiveTypes.toTrinoType(dataColumns.get(channel).type()));
        }
        try {
            return Optional.of(new HiveBucketing(channels, types, Integer.parseInt(bucketCount.strip())));
        }
        catch (IllegalArgumentException e) {
            throw new TrawlException(ErrorCode.INVALID_ARGUMENT, "Table '%s' has an invalid bucket_count '%s'".formatted(table.qualifiedName(), bucketCount));
        }
    }

    private static List<Integer> insertTargets(Insert statement, List<Column> columns)
    {
        List<String> names = columns.stream().map(column -> column.name().toLowerCase(Locale.ROOT)).toList();
        if (statement.getColumns().isEmpty()) {
            return identity(columns.size()).stream().map(Optional::get).toList();
        }
        List<Integer> targets = new ArrayList<>();
        for (Identifier column : statement.getColumns().get()) {
            String name = column.getValue().toLowerCase(Locale.ROOT);
            int index = names.indexOf(name);
            if (index < 0) {
                throw WriteErrors.at(column, ErrorCode.COLUMN_NOT_FOUND, "Insert column name does not exist in target table: " + name);
            }
            if (targets.contains(index)) {
                throw WriteErrors.at(column, ErrorCode.INVALID_ARGUMENT, "Insert column name is specified more than once: " + name);
            }
            targets.add(index);
        }
        return targets;
    }

    /**
     * Trino's rule for INSERT: the query's types must coerce to the table's. Beyond the implicit coercions (a wider
     * common type equal to the target's), numbers may narrow to other numbers and strings to bounded strings, checked
     * per value when written, as Trino's INSERT allows.
     */
    private static void checkInsertTypes(Insert statement, OutputNode query, List<Type> tableTypes)
    {
        List<Type> queryTypes = query.outputs().stream().map(Symbol::type).toList();
        boolean matches = queryTypes.size() == tableTypes.size();
        for (int column = 0; matches && column < queryTypes.size(); column++) {
            matches = canInsert(queryTypes.get(column), tableTypes.get(column));
        }
        if (!matches) {
            throw WriteErrors.at(statement, ErrorCode.TYPE_MISMATCH, "Insert query has mismatched column types: Table: [%s], Query: [%s]"
                    .formatted(displayNames(tableTypes), displayNames(queryTypes)));
        }
    }

    private static boolean canInsert(Type from, Type to)
    {
        if (from.equals(to) || TypeCoercion.isUnknown(from)) {
            return true;
        }
        boolean coercible = TypeCoercion.commonSuperType(from, to).map(to::equals).orElse(false)
                || TypeCoercion.isNumeric(from) && TypeCoercion.isNumeric(to)
                || TypeCoercion.isText(from) && TypeCoercion.isText(to);
        return coercible && CastSupport.isSupported(from, to);
    }

    private static String displayNames(List<Type> types)
    {
        return String.join(", ", types.stream().map(Type::getDisplayName).toList());
    }

    private static List<Type> typesOf(List<Column> columns)
    {
        return columns.stream().map(column -> HiveTypes.toTrinoType(column.type())).toList();
    }

    private static List<Optional<Integer>> identity(int size)
    {
        List<Optional<Integer>> sources = new ArrayList<>();
        for (int column = 0; column < size; column++) {
            sources.add(Optional.of(column));
        }
        return sources;
    }

    /**
     * The rows as the target stores them: column {@code i} is the query's output {@code sources[i]} cast to
     * {@code types[i]}, or NULL where the source is empty.
     */
    private static OutputNode project(OutputNode query, List<String> names, List<Optional<Integer>> sources, List<Type> types)
    {
        List<Assignment> assignments = new ArrayList<>();
        List<Symbol> outputs = new ArrayList<>();
        for (int column = 0; column < types.size(); column++) {
            Type type = types.get(column);
            // '$' never appears in the planner's symbol names, so these cannot collide with the query's
            Symbol symbol = new Symbol("$write_" + column, type);
            RowExpression value = sources.get(column)
                    .<RowExpression>map(source -> coerce(new Variable(query.outputs().get(source)), type))
                    .orElseGet(() -> new Constant(null, type));
            assignments.add(new Assignment(symbol, value));
            outputs.add(symbol);
        }
        return new OutputNode(new ProjectNode(query.source(), assignments), names, outputs);
    }

    private static Table describe(String schema, String tableName, String owner, FormatOptions format, List<Column> dataColumns, List<Column> partitionColumns,
            URI location, Optional<String> comment, Map<String, String> parameters)
    {
        return ExternalTables.ofFormat(schema, tableName, owner, format.format().name(), format.fieldDelimiter(), dataColumns, partitionColumns,
                location.toString(), comment, parameters);
    }

    private void requireDatabase(String schema)
    {
        if (catalog.findDatabase(schema).isEmpty()) {
            throw new TrawlException(ErrorCode.SCHEMA_NOT_FOUND, "Schema '%s' does not exist".formatted(schema));
        }
    }

    private static QueryResult rowsWritten(long rows, long bytesScanned, Session session, SelectExecutor.Execution execution, List<WrittenFile> files)
    {
        BlockBuilder builder = BIGINT.createBlockBuilder(null, 1);
        BIGINT.writeLong(builder, rows);
        return new QueryResult(StatementKind.WRITE, List.of(new ResultColumn("rows", BIGINT)), List.of(new Page(builder.build())), bytesScanned, session,
                execution.tasks(), execution.systemTablesRead(), files);
    }

    private record TableName(String schema, String table)
    {
        static TableName of(QualifiedName name, Session session)
        {
            List<String> parts = name.getOriginalParts().stream().map(part -> part.getValue().toLowerCase(Locale.ROOT)).toList();
            return switch (parts.size()) {
                case 1 -> new TableName(session.schema(), parts.getFirst());
                case 2 -> new TableName(parts.get(0), parts.get(1));
                case 3 -> {
                    if (!parts.get(0).equals(DdlExecutor.CATALOG_NAME)) {
                        throw new TrawlException(ErrorCode.INVALID_ARGUMENT, "Catalog '%s' does not exist: the only catalog is '%s'".formatted(parts.get(0), DdlExecutor.CATALOG_NAME));
                    }
                    yield new TableName(parts.get(1), parts.get(2));
                }
                default -> throw new TrawlException(ErrorCode.INVALID_ARGUMENT, "Too many dots in table name '%s'".formatted(name));
            };
        }

        @Override
        public String toString()
        {
            return schema + "." + table;
        }
    }
}
