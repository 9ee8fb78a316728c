package io.trawl.trino.access;

import io.trawl.catalog.access.AccessStore;
import io.trawl.trino.TrawlConfig;
import io.trawl.trino.TrawlLake;
import io.trino.spi.security.SystemAccessControl;
import io.trino.spi.security.SystemAccessControlFactory;

import java.util.Map;

/**
 * {@code access-control.name=trawl} in {@code etc/access-control.properties}: the grants and row filters kept under
 * {@code access/} at {@code trawl.meta-location} (or {@code trawl.home}), administrators from {@code trawl.admins}
 * (required, as {@code TRAWL_ADMINS} turns Trawl's own access control on), for the catalogs in {@code trawl.catalogs}.
 */
public final class TrawlAccessControlFactory
        implements SystemAccessControlFactory
{
    public static final String NAME = "trawl";

    @Override
    public String getName()
    {
        return NAME;
    }

    @Override
    public SystemAccessControl create(Map<String, String> config, SystemAccessControlContext context)
    {
        TrawlConfig trawlConfig = new TrawlConfig(config);
        if (trawlConfig.administrators().isEmpty()) {
            throw new IllegalArgumentException("trawl.admins must name at least one administrator (as TRAWL_ADMINS does for Trawl)");
        }
        TrawlLake lake = TrawlLake.open(trawlConfig);
        return new TrawlAccessControl(new AccessStore(lake.metaDocuments(), trawlConfig.administrators()), trawlConfig.administrators(), trawlConfig.governedCatalogs());
    }
}
