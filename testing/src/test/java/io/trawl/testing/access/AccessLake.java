package io.trawl.testing.access;

import io.trawl.catalog.CatalogStore;
import io.trawl.catalog.access.AccessStore;
import io.trawl.catalog.access.AuditLog;
import io.trawl.catalog.lake.FileCatalogDocuments;
import io.trawl.catalog.local.LocalCatalogStore;
import io.trawl.engine.EngineConfig;
import io.trawl.engine.QueryControl;
import io.trawl.engine.QueryEngine;
import io.trawl.engine.QueryResult;
import io.trawl.engine.Session;
import io.trawl.engine.access.AccessControl;
import io.trawl.engine.write.WriteLocations;
import io.trawl.scan.LakeScanProvider;
import io.trawl.scan.store.LocalObjectStore;
import io.trawl.scan.store.ObjectStoreWriteStorage;
import io.trawl.scan.writer.LakeFileWriters;
import io.trawl.testing.DuckDbOracle;
import io.trawl.testing.TrawlRows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A lake on local disk with access control on: administrator {@code admin}, the access model in a meta folder,
 * and a table {@code pii.customers (id, name, ssn)} written by DuckDB; every statement leaves an audit event in the
 * meta folder. Statements run as any user by name.
 */
final class AccessLake
        implements AutoCloseable
{
    static final int ROWS = 100;

    private final Path root;
    private final CatalogStore catalog;
    private final AccessStore accessStore;
    private final FileCatalogDocuments metaDocuments;
    private final QueryEngine engine;

    AccessLake()
    {
        this(List.of());
    }

    /** A lake whose table locations and write destinations must fall under its {@code allowedFolders} (none: anywhere). */
    AccessLake(List<String> allowedFolders)
    {
        try {
            root = Files.createTempDirectory("trawl-access");
            Files.createDirectories(root.resolve("customers"));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catalog = new LocalCatalogStore(root.resolve("catalog"));
        metaDocuments = new FileCatalogDocuments(root.resolve("meta"));
        accessStore = new AccessStore(metaDocuments, Set.of("admin"));
        LocalObjectStore store = new LocalObjectStore();
        engine = new QueryEngine(catalog, LakeScanProvider.create(store), EngineConfig.defaults())
                .withWriters(new LakeFileWriters(store), new ObjectStoreWriteStorage(store))
                .withAccessControl(AccessControl.enforcing(accessStore, new AuditLog(metaDocuments)).withAllowedLocations(allowedFolders.stream().map(this::location).toList()));
        try (DuckDbOracle duckdb = DuckDbOracle.open()) {
            duckdb.execute("COPY (SELECT i AS id, 'name-' || i AS name, 'ssn-' || i AS ssn FROM range(0, %d) t(i)) TO '%s' (FORMAT PARQUET)"
                    .formatted(ROWS, root.resolve("customers").resolve("data.parquet")));
        }
        admin("CREATE DATABASE pii");
        admin("CREATE DATABASE adhoc");
        admin("CREATE EXTERNAL TABLE pii.customers (id bigint, name string, ssn string) STORED AS PARQUET LOCATION '%s'".formatted(location("customers")));
    }

    String location(String folder)
    {
        return root.resolve(folder).toUri().toString();
    }

    Path path(String folder)
    {
        return root.resolve(folder);
    }

    /** Every audit event written so far, each as its JSON line. */
    List<String> auditEvents()
    {
        return metaDocuments.list(AuditLog.PREFIX).stream()
                .map(key -> new String(metaDocuments.read(key).orElseThrow().content(), java.nio.charset.StandardCharsets.UTF_8).strip())
                .toList();
    }

    CatalogStore catalog()
    {
        return catalog;
    }

    AccessStore accessStore()
    {
        return accessStore;
    }

    QueryResult admin(String sql)
    {
        return run("admin", sql);
    }

    QueryResult run(String user, String sql)
    {
        return engine.execute(sql, new Session("default", user), QueryControl.create(), WriteLocations.none());
    }

    List<List<Object>> rows(String user, String sql)
    {
        return TrawlRows.toRows(run(user, sql));
    }

    @Override
    public void close()
    {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
