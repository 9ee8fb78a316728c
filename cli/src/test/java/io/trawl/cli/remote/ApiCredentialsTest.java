package io.trawl.cli.remote;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiCredentialsTest
{
    @Test
    void theStandardAwsVariablesSignTheRequests()
    {
        ApiCredentials credentials = ApiCredentials.fromEnvironment(
                Map.of("AWS_ACCESS_KEY_ID", "AKIDANALYST", "AWS_SECRET_ACCESS_KEY", "s3cret", "AWS_SESSION_TOKEN", "token"), "alice");

        assertThat(credentials).isEqualTo(new ApiCredentials("AKIDANALYST", "s3cret", Optional.of("token")));
        assertThat(credentials.toString()).as("never the secret or the token").doesNotContain("s3cret").doesNotContain("token");
    }

    @Test
    void withoutThemTheUserNameIsTheAccessKeyIdForADevelopmentServer()
    {
        assertThat(ApiCredentials.fromEnvironment(Map.of(), "alice"))
                .isEqualTo(new ApiCredentials("alice", ApiCredentials.DEVELOPMENT_SECRET, Optional.empty()));
    }

    @Test
    void halfAKeyIsAnError()
    {
        assertThatThrownBy(() -> ApiCredentials.fromEnvironment(Map.of("AWS_ACCESS_KEY_ID", "AKIDANALYST"), "alice"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("AWS_SECRET_ACCESS_KEY");
    }
}
