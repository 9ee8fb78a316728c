/**
 * DDL and metadata statements against the catalog.
 * <pre>
 * ParsedStatement ──DdlExecutor──▶ CatalogStore (one checked write) ──▶ QueryResult (DDL, VARCHAR rows, new Session for USE)
 *                        └─ LocationValidator checks a table LOCATION before the write
 * </pre>
 */
package io.trawl.engine.ddl;
