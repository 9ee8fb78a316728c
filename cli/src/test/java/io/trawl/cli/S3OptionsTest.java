package io.trawl.cli;

import io.trawl.scan.store.s3.S3Config;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class S3OptionsTest
{
    @Test
    void withNothingSetS3IsAwsWithTheDefaultCredentialsChain()
    {
        S3Config config = new CommonOptions().resolveS3(Map.of());

        assertThat(config.endpoint()).isEmpty();
        assertThat(config.region()).isEqualTo("us-east-1");
        assertThat(config.pathStyle()).as("AWS prefers virtual-hosted addressing").isFalse();
        assertThat(config.accessKey()).as("default chain").isEmpty();
    }

    @Test
    void anEndpointFromTheEnvironmentTurnsOnPathStyleAndTakesStaticCredentials()
    {
        S3Config config = new CommonOptions().resolveS3(Map.of(
                "TRAWL_S3_ENDPOINT", "http://localhost:4566",
                "TRAWL_S3_REGION", "eu-west-1",
                "AWS_ACCESS_KEY_ID", "test",
                "AWS_SECRET_ACCESS_KEY", "secret"));

        assertThat(config.endpoint()).contains(URI.create("http://localhost:4566"));
        assertThat(config.region()).isEqualTo("eu-west-1");
        assertThat(config.pathStyle()).isTrue();
        assertThat(config.accessKey()).isEqualTo(Optional.of("test"));
        assertThat(config.secretKey()).isEqualTo(Optional.of("secret"));
    }

    @Test
    void theOptionWinsOverTheEnvironmentAndPathStyleCanBeTurnedOff()
    {
        CommonOptions options = new CommonOptions();
        options.s3Endpoint = URI.create("http://minio:9000");

        S3Config config = options.resolveS3(Map.of("TRAWL_S3_ENDPOINT", "http://localhost:4566", "TRAWL_S3_PATH_STYLE", "false"));

        assertThat(config.endpoint()).contains(URI.create("http://minio:9000"));
        assertThat(config.pathStyle()).isFalse();
        assertThat(config.apiCallTimeout()).as("timeouts are always set").isPositive();
    }
}
