package io.trawl.trino;

import io.trawl.catalog.CatalogStore;
import io.trawl.catalog.glue.GlueCatalogStore;
import io.trawl.catalog.glue.GlueConfig;
import io.trawl.catalog.lake.LakeCatalogStore;
import io.trawl.catalog.local.LocalCatalogStore;
import io.trawl.scan.LakeScanProvider;
import io.trawl.scan.store.ObjectStoreCatalogDocuments;
import io.trawl.scan.store.RoutingObjectStore;
import io.trawl.scan.store.s3.S3Config;

import java.net.URI;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * Trawl's lake as one Trino process sees it, wired as EmbeddedTrawl wires it: one object store for every
 * location ({@code file://}, {@code s3://}), the catalog store the configuration names (lake-native at the
 * meta location, the home's local catalog, or Glue), and the scan provider that plans and reads splits.
 */
public record TrawlLake(TrawlConfig config, RoutingObjectStore store, CatalogStore catalog, LakeScanProvider scans)
{
    public TrawlLake
    {
        requireNonNull(config, "config is null");
        requireNonNull(store, "store is null");
        requireNonNull(catalog, "catalog is null");
        requireNonNull(scans, "scans is null");
    }

    public static TrawlLake open(TrawlConfig config)
    {
        // the S3 client is built on the first s3:// location, so a local lake never resolves AWS credentials
        RoutingObjectStore store = RoutingObjectStore.create(S3Config.fromEnvironment(config.environment()));
        return new TrawlLake(config, store, catalogStore(config, store), LakeScanProvider.create(store));
    }

    /** Trawl's own documents (grants, usage) at the meta location. */
    public ObjectStoreCatalogDocuments metaDocuments()
    {
        return new ObjectStoreCatalogDocuments(store, config.metaLocation());
    }

    public URI metaLocation()
    {
        return config.metaLocation();
    }

    private static CatalogStore catalogStore(TrawlConfig config, RoutingObjectStore store)
    {
        String kind = config.value("trawl.catalog-store").orElse("lake").toLowerCase(Locale.ROOT);
        return switch (kind) {
            case "glue" -> GlueCatalogStore.create(GlueConfig.fromEnvironment(config.environment()));
            case "lake" -> config.catalogLocation()
                    .<CatalogStore>map(location -> new LakeCatalogStore(new ObjectStoreCatalogDocuments(store, location)))
                    .orElseGet(() -> new LocalCatalogStore(config.home().orElseThrow().resolve("catalog")));
            default -> throw new IllegalArgumentException("trawl.catalog-store must be 'lake' or 'glue', not '%s'".formatted(kind));
        };
    }
}
