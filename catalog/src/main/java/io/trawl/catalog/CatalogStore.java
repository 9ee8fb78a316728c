package io.trawl.catalog;

import java.util.List;
import java.util.Optional;

/**
 * Where table definitions live. Names are case-insensitive and stored lower-case, as Glue and Athena do.
 * Implementations: the lake-native JSON store (local directory or object store) and, later, AWS Glue.
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

    /** @throws io.trawl.error.TrawlException TABLE_NOT_FOUND */
    void dropTable(String databaseName, String tableName);

    enum DropMode { RESTRICT, CASCADE }
}
