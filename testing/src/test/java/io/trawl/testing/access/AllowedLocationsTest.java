package io.trawl.testing.access;

import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * With allowed locations configured, table LOCATIONs (CREATE EXTERNAL TABLE, SET LOCATION, ADD PARTITION) and
 * CTAS and UNLOAD destinations outside them are refused, for administrators too, and nothing is created.
 */
class AllowedLocationsTest
{
    private final AccessLake lake = new AccessLake(List.of("customers", "allowed"));

    @AfterEach
    void tearDown()
    {
        lake.close();
    }

    @Test
    void tablesOnlyOverAllowedLocations()
    {
        folders("allowed/t", "allowed/p", "allowed/p/x=1", "other/t", "allowed-not/t");
        lake.admin("CREATE EXTERNAL TABLE adhoc.inside (id bigint) STORED AS PARQUET LOCATION '%s'".formatted(lake.location("allowed/t")));

        assertOutside("CREATE EXTERNAL TABLE adhoc.outside (id bigint) STORED AS PARQUET LOCATION '%s'", lake.location("other/t"));
        // a sibling sharing the prefix's name is not under it, and '..' does not climb out of it
        assertOutside("CREATE EXTERNAL TABLE adhoc.outside (id bigint) STORED AS PARQUET LOCATION '%s'", lake.location("allowed-not/t"));
        assertOutside("CREATE EXTERNAL TABLE adhoc.outside (id bigint) STORED AS PARQUET LOCATION '%s'", lake.location("allowed") + "../other/t/");
        assertThat(lake.catalog().findTable("adhoc", "outside")).isEmpty();

        assertOutside("ALTER TABLE adhoc.inside SET LOCATION '%s'", lake.location("other/t"));
        assertThat(lake.catalog().findTable("adhoc", "inside").orElseThrow().storageDescriptor().location()).isEqualTo(lake.location("allowed/t"));

        lake.admin("CREATE EXTERNAL TABLE adhoc.parted (id bigint) PARTITIONED BY (x int) STORED AS PARQUET LOCATION '%s'".formatted(lake.location("allowed/p")));
        lake.admin("ALTER TABLE adhoc.parted ADD PARTITION (x = 1) LOCATION '%s'".formatted(lake.location("allowed/p/x=1")));
        assertOutside("ALTER TABLE adhoc.parted ADD PARTITION (x = 2) LOCATION '%s'", lake.location("other/t"));
        assertThat(lake.rows("admin", "SHOW PARTITIONS adhoc.parted")).isEqualTo(List.of(List.of("x=1")));
    }

    @Test
    void ctasAndUnloadOnlyWriteUnderAllowedLocations()
    {
        assertOutside("CREATE TABLE adhoc.copy WITH (external_location = '%s') AS SELECT id FROM pii.customers", lake.location("other/copy"));
        assertOutside("UNLOAD (SELECT id FROM pii.customers) TO '%s' WITH (format = 'PARQUET')", lake.location("other/unloaded"));
        assertThat(lake.catalog().findTable("adhoc", "copy")).isEmpty();
        assertThat(lake.path("other")).doesNotExist();

        lake.admin("CREATE TABLE adhoc.copy WITH (external_location = '%s') AS SELECT id FROM pii.customers".formatted(lake.location("allowed/copy")));
        lake.admin("UNLOAD (SELECT id FROM pii.customers) TO '%s' WITH (format = 'PARQUET')".formatted(lake.location("allowed/unloaded")));
        assertThat(lake.rows("admin", "SELECT count(*) FROM adhoc.copy")).isEqualTo(List.of(List.of((long) AccessLake.ROWS)));
    }

    private void assertOutside(String sqlFormat, String location)
    {
        assertThatThrownBy(() -> lake.admin(sqlFormat.formatted(location)))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.ACCESS_DENIED))
                .hasMessage("Access Denied: Location '%s' is outside the locations this deployment allows".formatted(location));
    }

    private void folders(String... names)
    {
        try {
            for (String name : names) {
                Files.createDirectories(lake.path(name));
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
