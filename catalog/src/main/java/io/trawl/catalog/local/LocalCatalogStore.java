package io.trawl.catalog.local;

import io.trawl.catalog.CatalogStore;
import io.trawl.catalog.Database;
import io.trawl.catalog.Partition;
import io.trawl.catalog.Table;
import io.trawl.catalog.lake.FileCatalogDocuments;
import io.trawl.catalog.lake.LakeCatalogStore;
import io.trino.spi.predicate.TupleDomain;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The lake-native catalog ({@link LakeCatalogStore}, same layout as on S3) in a local directory, for the
 * embedded mode: {@code root} is the catalog root, holding {@code <db>/_database.json}, {@code <db>/<table>.json}
 * and the partition documents. Conditional writes lock {@code root/.lock}, so several processes may share the
 * directory. The database {@code default} always exists, as in Athena, even before anything is written.
 */
public final class LocalCatalogStore
        implements CatalogStore
{
    public static final String DEFAULT_DATABASE = LakeCatalogStore.DEFAULT_DATABASE;

    private final LakeCatalogStore delegate;

    public LocalCatalogStore(Path root)
    {
        this.delegate = new LakeCatalogStore(new FileCatalogDocuments(root));
    }

    @Override
    public List<Database> listDatabases()
    {
        return delegate.listDatabases();
    }

    @Override
    public Optional<Database> findDatabase(String name)
    {
        return delegate.findDatabase(name);
    }

    @Override
    public void createDatabase(Database database)
    {
        delegate.createDatabase(database);
    }

    @Override
    public void dropDatabase(String name, DropMode mode)
    {
        delegate.dropDatabase(name, mode);
    }

    @Override
    public List<String> listTables(String databaseName)
    {
        return delegate.listTables(databaseName);
    }

    @Override
    public Optional<Table> findTable(String databaseName, String tableName)
    {
        return delegate.findTable(databaseName, tableName);
    }

    @Override
    public void createTable(Table table)
    {
        delegate.createTable(table);
    }

    @Override
    public Table updateTable(Table table)
    {
        return delegate.updateTable(table);
    }

    @Override
    public void dropTable(String databaseName, String tableName)
    {
        delegate.dropTable(databaseName, tableName);
    }

    @Override
    public void addPartitions(String databaseName, String tableName, List<Partition> partitions, boolean ifNotExists)
    {
        delegate.addPartitions(databaseName, tableName, partitions, ifNotExists);
    }

    @Override
    public void dropPartitions(String databaseName, String tableName, List<List<String>> values, boolean ifExists)
    {
        delegate.dropPartitions(databaseName, tableName, values, ifExists);
    }

    @Override
    public Optional<Partition> findPartition(String databaseName, String tableName, List<String> values)
    {
        return delegate.findPartition(databaseName, tableName, values);
    }

    @Override
    public List<Partition> listPartitions(String databaseName, String tableName, TupleDomain<String> predicate)
    {
        return delegate.listPartitions(databaseName, tableName, predicate);
    }
}
