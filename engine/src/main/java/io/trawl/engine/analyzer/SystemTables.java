package io.trawl.engine.analyzer;

import io.trawl.catalog.Table;

import java.util.Optional;
import java.util.Set;

/**
 * Tables that live outside the catalog under a catalog name of their own, named with three parts
 * {@code catalog.schema.table} (e.g. {@code system.billing.usage}). A three-part name whose first part is one of
 * {@link #catalogs()} resolves here only, and an unknown table there is an error; any other first part (Athena's
 * {@code awsdatacatalog}) names the ordinary catalog, as before. What such a name resolves to is an ordinary table
 * definition, read by the ordinary scan path.
 */
public interface SystemTables
{
    /**
     * The table parameter that marks a definition as a system table, valued with its three-part name: what reads it
     * can tell system data (e.g. the usage ledger, whose reads are not billed) from lake data.
     */
    String SYSTEM_TABLE_PARAMETER = "trawl.system.table";

    /**
     * The table parameter naming the column that holds each row's principal, in a system table whose rows belong to
     * users (the usage ledger's {@code principal}): with access control on, a user reads its own rows of such a table
     * unless granted SELECT on the whole of it. A system table without it is the administrators' (and its grantees').
     */
    String OWNER_COLUMN_PARAMETER = "trawl.system.owner.column";

    SystemTables NONE = new SystemTables()
    {
        @Override
        public Set<String> catalogs()
        {
            return Set.of();
        }

        @Override
        public Optional<Table> find(String catalog, String schema, String table)
        {
            return Optional.empty();
        }
    };

    /** The catalog names served here, lower case. */
    Set<String> catalogs();

    /** The table {@code catalog.schema.table} (all lower case), if there is one. */
    Optional<Table> find(String catalog, String schema, String table);
}
