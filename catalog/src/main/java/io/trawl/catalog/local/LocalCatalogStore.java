package io.trawl.catalog.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import io.trawl.catalog.CatalogStore;
import io.trawl.catalog.Database;
import io.trawl.catalog.Table;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * The lake-native catalog on a local directory, with the layout the object-store version uses:
 * <pre>
 * root/&lt;db&gt;.database.json      one document per database
 * root/&lt;db&gt;/&lt;table&gt;.json        one document per table (Glue's Table shape, with its version)
 * root/.lock                      serializes writers, across threads and processes
 * </pre>
 * Every document is written to a temporary file and renamed into place atomically, so readers never see
 * a partial document and take no lock. Writers take the lock for their whole check-then-write, which is
 * what makes "create if absent" and "replace if unchanged" hold when writers race. The database
 * {@code default} always exists, as in Athena, even before anything is written.
 */
public final class LocalCatalogStore
        implements CatalogStore
{
    public static final String DEFAULT_DATABASE = "default";

    private static final String DATABASE_SUFFIX = ".database.json";
    private static final String TABLE_SUFFIX = ".json";
    // Glue accepts lower-case letters, digits, underscores and hyphens; anything else (dots, slashes)
    // could also escape the directory layout.
    private static final Pattern VALID_NAME = Pattern.compile("[a-z0-9_][a-z0-9_-]{0,254}");
    // A FileLock belongs to the whole JVM, so threads of one process must also exclude each other.
    private static final Map<Path, ReentrantLock> PROCESS_LOCKS = new ConcurrentHashMap<>();

    private final Path root;
    private final ObjectMapper mapper;
    private final ReentrantLock processLock;

    public LocalCatalogStore(Path root)
    {
        requireNonNull(root, "root is null");
        try {
            Files.createDirectories(root);
            this.root = root.toRealPath();
        }
        catch (IOException e) {
            throw new TrawlException(ErrorCode.STORAGE_ERROR, "Cannot create catalog directory '" + root + "': " + e.getMessage(), e);
        }
        this.processLock = PROCESS_LOCKS.computeIfAbsent(this.root, _ -> new ReentrantLock());
        this.mapper = new ObjectMapper()
                .registerModule(new Jdk8Module())
                .enable(SerializationFeature.INDENT_OUTPUT)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    @Override
    public List<Database> listDatabases()
    {
        List<Database> databases = new ArrayList<>();
        boolean defaultSeen = false;
        for (Path file : listFiles(root, DATABASE_SUFFIX)) {
            Database database = read(file, Database.class);
            defaultSeen |= database.name().equals(DEFAULT_DATABASE);
            databases.add(database);
        }
        if (!defaultSeen) {
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
        Optional<Database> stored = readIfExists(databaseFile(databaseName), Database.class);
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
        writeLocked(() -> {
            if (findDatabase(databaseName).isPresent()) {
                throw new TrawlException(ErrorCode.SCHEMA_ALREADY_EXISTS, "Schema '" + databaseName + "' already exists");
            }
            write(databaseFile(databaseName), stored);
            return null;
        });
    }

    @Override
    public void dropDatabase(String name, DropMode mode)
    {
        requireNonNull(mode, "mode is null");
        String databaseName = normalize(name);
        if (databaseName.equals(DEFAULT_DATABASE)) {
            throw new TrawlException(ErrorCode.INVALID_ARGUMENT, "Cannot drop the default schema");
        }
        writeLocked(() -> {
            requireDatabase(databaseName);
            List<Path> tableFiles = listFiles(root.resolve(databaseName), TABLE_SUFFIX);
            if (!tableFiles.isEmpty() && mode == DropMode.RESTRICT) {
                throw new TrawlException(ErrorCode.INVALID_ARGUMENT, "Cannot drop non-empty schema '" + databaseName + "'");
            }
            // Tables go first: if this fails half way the schema still exists and the drop can be retried.
            for (Path tableFile : tableFiles) {
                delete(tableFile);
            }
            deleteDirectoryIfEmpty(root.resolve(databaseName));
            delete(databaseFile(databaseName));
            return null;
        });
    }

    @Override
    public List<String> listTables(String databaseName)
    {
        String database = normalize(databaseName);
        requireDatabase(database);
        List<String> names = new ArrayList<>();
        for (Path file : listFiles(root.resolve(database), TABLE_SUFFIX)) {
            String fileName = file.getFileName().toString();
            names.add(fileName.substring(0, fileName.length() - TABLE_SUFFIX.length()));
        }
        names.sort(null);
        return List.copyOf(names);
    }

    @Override
    public Optional<Table> findTable(String databaseName, String tableName)
    {
        String database = normalize(databaseName);
        String table = normalize(tableName);
        if (!VALID_NAME.matcher(database).matches() || !VALID_NAME.matcher(table).matches()) {
            return Optional.empty();
        }
        return readIfExists(tableFile(database, table), Table.class);
    }

    /** Stores the table with version 1, whatever version the argument carries. */
    @Override
    public void createTable(Table table)
    {
        requireNonNull(table, "table is null");
        Table stored = withNamesAndVersion(table, 1);
        writeLocked(() -> {
            requireDatabase(stored.databaseName());
            Path file = tableFile(stored.databaseName(), stored.name());
            if (Files.exists(file)) {
                throw new TrawlException(ErrorCode.TABLE_ALREADY_EXISTS, "Table '" + stored.qualifiedName() + "' already exists");
            }
            write(file, stored);
            return null;
        });
    }

    /**
     * Replaces a table if nobody changed it since it was read: {@code table.version()} must be the stored
     * version. Returns the table as stored, with the next version.
     *
     * @throws TrawlException TABLE_NOT_FOUND, or CONCURRENT_MODIFICATION when the stored version differs
     */
    public Table updateTable(Table table)
    {
        requireNonNull(table, "table is null");
        Table stored = withNamesAndVersion(table, table.version() + 1);
        return writeLocked(() -> {
            Table current = findTable(stored.databaseName(), stored.name())
                    .orElseThrow(() -> tableNotFound(stored.databaseName(), stored.name()));
            if (current.version() != table.version()) {
                throw new TrawlException(ErrorCode.CONCURRENT_MODIFICATION, "Table '%s' was changed concurrently: expected version %d, found %d"
                        .formatted(stored.qualifiedName(), table.version(), current.version()));
            }
            write(tableFile(stored.databaseName(), stored.name()), stored);
            return stored;
        });
    }

    @Override
    public void dropTable(String databaseName, String tableName)
    {
        String database = normalize(databaseName);
        String table = normalize(tableName);
        writeLocked(() -> {
            requireDatabase(database);
            if (!VALID_NAME.matcher(table).matches() || !delete(tableFile(database, table))) {
                throw tableNotFound(database, table);
            }
            return null;
        });
    }

    private Table withNamesAndVersion(Table table, long version)
    {
        return new Table(
                validName(table.databaseName(), "schema"),
                validName(table.name(), "table"),
                table.owner(),
                table.tableType(),
                table.parameters(),
                table.storageDescriptor(),
                table.partitionKeys(),
                table.viewOriginalText(),
                version);
    }

    private void requireDatabase(String databaseName)
    {
        if (findDatabase(databaseName).isEmpty()) {
            throw new TrawlException(ErrorCode.SCHEMA_NOT_FOUND, "Schema '" + databaseName + "' does not exist");
        }
    }

    private static TrawlException tableNotFound(String databaseName, String tableName)
    {
        return new TrawlException(ErrorCode.TABLE_NOT_FOUND, "Table '" + databaseName + "." + tableName + "' does not exist");
    }

    private static Database implicitDefaultDatabase()
    {
        return new Database(DEFAULT_DATABASE, Optional.of("Default database"), Optional.empty(), Map.of());
    }

    private Path databaseFile(String databaseName)
    {
        return root.resolve(databaseName + DATABASE_SUFFIX);
    }

    private Path tableFile(String databaseName, String tableName)
    {
        return root.resolve(databaseName).resolve(tableName + TABLE_SUFFIX);
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

    private <T> T writeLocked(Supplier<T> action)
    {
        processLock.lock();
        try (FileChannel channel = FileChannel.open(root.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock _ = channel.lock()) {
            return action.get();
        }
        catch (IOException e) {
            throw new TrawlException(ErrorCode.STORAGE_ERROR, "Cannot lock catalog '" + root + "': " + e.getMessage(), e);
        }
        finally {
            processLock.unlock();
        }
    }

    private void write(Path file, Object document)
    {
        Path temporary = null;
        try {
            Files.createDirectories(file.getParent());
            byte[] bytes = mapper.writeValueAsBytes(document);
            // Hidden temporary name: listings skip dot files, so a crash never shows a half-made table.
            temporary = Files.createTempFile(file.getParent(), ".tmp-", ".json");
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(bytes));
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            temporary = null;
        }
        catch (IOException e) {
            throw new TrawlException(ErrorCode.STORAGE_ERROR, "Cannot write catalog file '" + file + "': " + e.getMessage(), e);
        }
        finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                }
                catch (IOException _) {
                    // the write already failed; that error is the one to report
                }
            }
        }
    }

    private <T> Optional<T> readIfExists(Path file, Class<T> type)
    {
        try {
            return Optional.of(mapper.readValue(Files.readAllBytes(file), type));
        }
        catch (NoSuchFileException _) {
            return Optional.empty();
        }
        catch (JsonProcessingException e) {
            throw new TrawlException(ErrorCode.STORAGE_ERROR, "Catalog file '" + file + "' is corrupt: " + e.getOriginalMessage(), e);
        }
        catch (IOException e) {
            throw new TrawlException(ErrorCode.STORAGE_ERROR, "Cannot read catalog file '" + file + "': " + e.getMessage(), e);
        }
    }

    private <T> T read(Path file, Class<T> type)
    {
        return readIfExists(file, type).orElseThrow(() -> new TrawlException(ErrorCode.CONCURRENT_MODIFICATION,
                "Catalog file '" + file + "' disappeared while it was being read; retry"));
    }

    private static List<Path> listFiles(Path directory, String suffix)
    {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
            for (Path file : stream) {
                String name = file.getFileName().toString();
                if (!name.startsWith(".") && name.endsWith(suffix) && Files.isRegularFile(file)) {
                    files.add(file);
                }
            }
        }
        catch (NoSuchFileException _) {
            return List.of();
        }
        catch (IOException e) {
            throw new TrawlException(ErrorCode.STORAGE_ERROR, "Cannot list catalog directory '" + directory + "': " + e.getMessage(), e);
        }
        return files;
    }

    private static boolean delete(Path file)
    {
        try {
            return Files.deleteIfExists(file);
        }
        catch (IOException e) {
            throw new TrawlException(ErrorCode.STORAGE_ERROR, "Cannot delete catalog file '" + file + "': " + e.getMessage(), e);
        }
    }

    private static void deleteDirectoryIfEmpty(Path directory)
    {
        try {
            Files.deleteIfExists(directory);
        }
        catch (DirectoryNotEmptyException _) {
            // other files (partition metadata, leftovers) keep it; the schema document is what counts
        }
        catch (IOException e) {
            throw new TrawlException(ErrorCode.STORAGE_ERROR, "Cannot delete catalog directory '" + directory + "': " + e.getMessage(), e);
        }
    }
}
