package io.trawl.trino;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrawlConfigTest
{
    @Test
    void propertiesAreTrawlsEnvironmentVariables()
    {
        TrawlConfig config = new TrawlConfig(Map.of(
                "trawl.meta-location", "s3://meta/trawl",
                "trawl.s3.endpoint", "http://localhost:4566",
                "trawl.s3.path-style", "true",
                "trawl.glue.catalog-id", "123",
                "trawl.aws.access-key-id", "key",
                "trawl.aws.secret-access-key", "secret"));

        assertThat(config.environment()).containsAllEntriesOf(Map.of(
                "TRAWL_S3_ENDPOINT", "http://localhost:4566",
                "TRAWL_S3_PATH_STYLE", "true",
                "TRAWL_GLUE_CATALOG_ID", "123",
                "AWS_ACCESS_KEY_ID", "key",
                "AWS_SECRET_ACCESS_KEY", "secret"));
        assertThat(config.metaLocation()).as("a folder, as TRAWL_CATALOG is").isEqualTo(URI.create("s3://meta/trawl/"));
    }

    @Test
    void defaultsNeedOnlyWhereTrawlKeepsItsRecords()
    {
        TrawlConfig config = new TrawlConfig(Map.of("trawl.home", "/tmp/trawl-home"));

        assertThat(config.metaLocation()).isEqualTo(URI.create("file:///tmp/trawl-home/"));
        assertThat(config.catalogLocation()).isEmpty();
        assertThat(config.governedCatalogs()).containsExactly("trawl");
        assertThat(config.workGroup()).isEqualTo("primary");
        assertThat(config.administrators()).isEmpty();
        assertThat(config.billing().policyFor("primary").pricePerTerabyte()).isEqualByComparingTo("5.00");
    }

    @Test
    void listsAreCommaSeparated()
    {
        TrawlConfig config = new TrawlConfig(Map.of("trawl.home", "/tmp/h", "trawl.admins", " alice, bob ,", "trawl.catalogs", "lake,archive"));

        assertThat(config.administrators()).isEqualTo(Set.of("alice", "bob"));
        assertThat(config.governedCatalogs()).isEqualTo(Set.of("lake", "archive"));
    }

    @Test
    void refusesUnknownPropertiesAndNoLocation()
    {
        assertThatThrownBy(() -> new TrawlConfig(Map.of("trawl.home", "/tmp/h", "trawl.s3.endpiont", "http://x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unknown Trawl properties: [trawl.s3.endpiont]");
        assertThatThrownBy(() -> new TrawlConfig(Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Set trawl.meta-location");
        assertThatThrownBy(() -> new TrawlConfig(Map.of("trawl.home", "/tmp/h", "billing.price-per-tb", "free")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("billing.price-per-tb");
    }
}
