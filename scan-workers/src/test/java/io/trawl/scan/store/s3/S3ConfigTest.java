package io.trawl.scan.store.s3;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class S3ConfigTest
{
    @Test
    void oneAwsEndpointServesS3WithPathStyle()
    {
        S3Config config = S3Config.fromEnvironment(Map.of("TRAWL_AWS_ENDPOINT", "http://localhost:4566"));

        assertThat(config.endpoint()).contains(URI.create("http://localhost:4566"));
        assertThat(config.pathStyle()).as("local servers need path-style addressing").isTrue();
    }

    @Test
    void s3OwnEndpointWinsOverTheCommonOne()
    {
        S3Config config = S3Config.fromEnvironment(Map.of("TRAWL_AWS_ENDPOINT", "http://localhost:4566", "TRAWL_S3_ENDPOINT", "http://localhost:9000"));

        assertThat(config.endpoint()).contains(URI.create("http://localhost:9000"));
        assertThat(S3Config.fromEnvironment(Map.of()).endpoint()).as("nothing set: AWS itself").isEmpty();
    }
}
