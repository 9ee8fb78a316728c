package io.trawl.api.auth;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestAuthenticatorsTest
{
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void withoutKeysTheServiceRunsInDevelopmentModeAndSaysSoOnce()
    {
        List<String> warnings = new ArrayList<>();

        RequestAuthenticator authenticator = RequestAuthenticators.fromEnvironment(Map.of(), CLOCK, warnings::add);

        assertThat(warnings).containsExactly("DEVELOPMENT MODE: no access keys configured (TRAWL_ACCESS_KEYS / TRAWL_ACCESS_KEYS_FILE); "
                + "any signed request is accepted and its access key id names the principal");
        SignedRequest anyKey = SdkSigner.of("AKIDANYONE", "any-secret", CLOCK).sign(SdkSigner.athenaPost("AmazonAthena.ListWorkGroups").build(), "{}");
        assertThat(authenticator.authenticate(anyKey)).isEqualTo(new Caller("AKIDANYONE", "AKIDANYONE"));
        assertThat(warnings).hasSize(1);
    }

    @Test
    void withKeysSignaturesAreVerifiedWithoutWarning()
    {
        List<String> warnings = new ArrayList<>();

        RequestAuthenticator authenticator = RequestAuthenticators.fromEnvironment(Map.of("TRAWL_ACCESS_KEYS", "AKIDANALYST:analyst-secret:analyst"), CLOCK, warnings::add);

        assertThat(warnings).isEmpty();
        SignedRequest signed = SdkSigner.of("AKIDANALYST", "analyst-secret", CLOCK).sign(SdkSigner.athenaPost("AmazonAthena.ListWorkGroups").build(), "{}");
        SignedRequest wrongSecret = SdkSigner.of("AKIDANALYST", "any-secret", CLOCK).sign(SdkSigner.athenaPost("AmazonAthena.ListWorkGroups").build(), "{}");
        assertThat(authenticator.authenticate(signed)).isEqualTo(new Caller("analyst", "AKIDANALYST"));
        assertThatThrownBy(() -> authenticator.authenticate(wrongSecret)).hasMessageStartingWith("The request signature we calculated does not match");
    }
}
