package io.trawl.catalog;

import io.trino.spi.predicate.TupleDomain;

import java.util.List;
import java.util.Optional;

/**
 * Where table definitions live. Names are case-insensitive and stored lower-case, as Glue and Athena do.
 * Implementations: the lake-native JSON store (local directory or object store) and AWS Glue
 * ({@link io.trawl.catalog.glue.GlueCatalogStore}).
 * Writes are atomic: a failed call leaves the catalog as it was.
 */
public interface CatalogStore
{
    List<Database> listDatabases();

    Optional<Database> findDatabase(String name);

    /** @throws io.trawl.error.TrawlException SCHEMA_ALREADY_EXISTS */
    void createDatabase(Database database);

    /** @throws io.trawl.error.TrawlException SCHEMA_NOT_FOUND, or INVALID_ARGUMENT when it still has tables and cascade is off */
    void dropDatabase(String name, DropMode mode);

    List<String> listTables(String databaseName);

    Optional<Table> findTable(String databaseName, String tableName);

    /** @throws io.trawl.error.TrawlException SCHEMA_NOT_FOUND or TABLE_ALREADY_EXISTS */
    void createTable(Table table);

    /**
     * Replaces a table if nobody changed it since it was read: {@code table.version()} must be the stored
     * version. Returns the table as stored, with the next version.
     *
     * @throws io.trawl.error.TrawlException TABLE_NOT_FOUND, or CONCURRENT_MODIFICATION when the stored version differs
     */
    Table updateTable(Table table);

    /** Drops the table and all its partitions. @throws io.trawl.error.TrawlException TABLE_NOT_FOUND */
    void dropTable(String databaseName, String tableName);

    /**
     * Adds partitions of one table. Values must match the partition key types (TYPE_MISMATCH naming the
     * value and key otherwise). Without {@code ifNotExists}, a partition that already exists (or appears twice
     * in the batch) fails the call with PARTITION_ALREADY_EXISTS naming it, and none of the batch is added;
     * with it, existing partitions are kept as they are and the others added.
     */
    void addPartitions(String databaseName, String tableName, List<Partition> partitions, boolean ifNotExists);

    /** Drops partitions by their values; without {@code ifExists} a missing one fails the call and none is dropped. */
    void dropPartitions(String databaseName, String tableName, List<List<String>> values, boolean ifExists);

    Optional<Partition> findPartition(String databaseName, String tableName, List<String> values);

    /**
     * The partitions whose values satisfy {@code predicate} (domains keyed by partition column name, values in
     * Trino's native representation of the key's type, NULL for Hive's default partition), found without
     * reading the partitions the predicate excludes. Ordered by their values' Hive strings, key by key.
     */
    List<Partition> listPartitions(String databaseName, String tableName, TupleDomain<String> predicate);

    enum DropMode { RESTRICT, CASCADE }
}
