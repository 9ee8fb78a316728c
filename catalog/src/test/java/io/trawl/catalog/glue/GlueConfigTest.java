package io.trawl.catalog.glue;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class GlueConfigTest
{
    @Test
    void readsEndpointRegionCatalogAndStaticCredentialsFromTheEnvironment()
    {
        GlueConfig config = GlueConfig.fromEnvironment(Map.of(
                "TRAWL_GLUE_ENDPOINT", "http://localhost:4566",
                "TRAWL_GLUE_REGION", "eu-west-1",
                "AWS_REGION", "us-west-2",
                "TRAWL_GLUE_CATALOG_ID", "123456789012",
                "AWS_ACCESS_KEY_ID", "AKID",
                "AWS_SECRET_ACCESS_KEY", "secret"));

        assertThat(config.endpoint()).as("endpoint").contains(URI.create("http://localhost:4566"));
        assertThat(config.region()).as("region").isEqualTo("eu-west-1");
        assertThat(config.catalogId()).as("catalog").contains("123456789012");
        assertThat(config.accessKey()).as("access key").contains("AKID");
        assertThat(config.secretKey()).as("secret key").contains("secret");
    }

    @Test
    void defaultsToAwsInTheProcessRegionWithTheDefaultCredentialsChain()
    {
        GlueConfig config = GlueConfig.fromEnvironment(Map.of(
                "AWS_REGION", "us-west-2",
                "AWS_ACCESS_KEY_ID", "ASIA",
                "AWS_SECRET_ACCESS_KEY", "secret",
                "AWS_SESSION_TOKEN", "token"));

        assertThat(config.endpoint()).as("endpoint").isEmpty();
        assertThat(config.region()).as("region").isEqualTo("us-west-2");
        assertThat(config.catalogId()).as("catalog").isEmpty();
        assertThat(config.accessKey()).as("session credentials come from the default chain").isEqualTo(Optional.empty());
        assertThat(GlueConfig.fromEnvironment(Map.of()).region()).as("no region anywhere").isEqualTo("us-east-1");
    }

    @Test
    void oneAwsEndpointServesGlueUnlessGlueHasItsOwn()
    {
        assertThat(GlueConfig.fromEnvironment(Map.of("TRAWL_AWS_ENDPOINT", "http://localhost:4566")).endpoint())
                .contains(URI.create("http://localhost:4566"));
        assertThat(GlueConfig.fromEnvironment(Map.of("TRAWL_AWS_ENDPOINT", "http://localhost:4566", "TRAWL_GLUE_ENDPOINT", "http://localhost:8080")).endpoint())
                .as("the service's own variable wins")
                .contains(URI.create("http://localhost:8080"));
    }
}
