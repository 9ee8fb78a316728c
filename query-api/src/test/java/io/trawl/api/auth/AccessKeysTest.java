package io.trawl.api.auth;

import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccessKeysTest
{
    @TempDir
    Path directory;

    @Test
    void variableEntriesAreKeysWithTheirPrincipals()
    {
        AccessKeys keys = AccessKeys.fromEnvironment(Map.of("TRAWL_ACCESS_KEYS",
                " AKIDANALYST:wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY:analyst , AKIDETL:etl-secret:etl-job:FwoGZXIvYXdzEJr//token=,"));

        assertThat(keys.size()).isEqualTo(2);
        assertThat(keys.find("AKIDANALYST")).contains(AccessKey.of("AKIDANALYST", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "analyst"));
        assertThat(keys.find("AKIDETL")).contains(new AccessKey("AKIDETL", "etl-secret", "etl-job", Optional.of("FwoGZXIvYXdzEJr//token=")));
        assertThat(keys.find("AKIDUNKNOWN")).isEmpty();
    }

    @Test
    void fileLinesAreKeysAndCommentsAndBlankLinesAreSkipped()
            throws IOException
    {
        Path file = Files.writeString(directory.resolve("keys"), """
                # analysts
                AKIDANALYST=analyst-secret:analyst

                  # jobs, with session credentials
                AKIDETL = etl-secret:etl-job:session-token==
                """);

        AccessKeys keys = AccessKeys.fromEnvironment(Map.of("TRAWL_ACCESS_KEYS_FILE", file.toString()));

        assertThat(keys.size()).isEqualTo(2);
        assertThat(keys.find("AKIDANALYST")).contains(AccessKey.of("AKIDANALYST", "analyst-secret", "analyst"));
        assertThat(keys.find("AKIDETL")).contains(new AccessKey("AKIDETL", "etl-secret", "etl-job", Optional.of("session-token==")));
    }

    @Test
    void variableAndFileTogetherGiveAllTheirKeys()
            throws IOException
    {
        Path file = Files.writeString(directory.resolve("keys"), "AKIDFILE=file-secret:from-file\n");

        AccessKeys keys = AccessKeys.fromEnvironment(Map.of("TRAWL_ACCESS_KEYS", "AKIDVAR:var-secret:from-variable", "TRAWL_ACCESS_KEYS_FILE", file.toString()));

        assertThat(keys.find("AKIDVAR").map(AccessKey::principal)).contains("from-variable");
        assertThat(keys.find("AKIDFILE").map(AccessKey::principal)).contains("from-file");
    }

    @Test
    void nothingConfiguredIsNoKeys()
    {
        assertThat(AccessKeys.fromEnvironment(Map.of()).isEmpty()).isTrue();
        assertThat(AccessKeys.fromEnvironment(Map.of("TRAWL_ACCESS_KEYS", "  ", "TRAWL_ACCESS_KEYS_FILE", "")).isEmpty()).isTrue();
    }

    @Test
    void malformedEntriesAreNamedWithoutTheirSecrets()
            throws IOException
    {
        assertInvalid(Map.of("TRAWL_ACCESS_KEYS", "AKIDGOOD:good-secret:good,AKIDBAD:bad-secret"),
                "TRAWL_ACCESS_KEYS entry 2 (access key id 'AKIDBAD') must be ACCESS_KEY_ID:SECRET:principal[:SESSION_TOKEN], with no ':' inside a secret, principal or token",
                "bad-secret");
        assertInvalid(Map.of("TRAWL_ACCESS_KEYS", "just-a-secret-pasted-alone"),
                "TRAWL_ACCESS_KEYS entry 1 must be ACCESS_KEY_ID:SECRET:principal[:SESSION_TOKEN]",
                "just-a-secret");
        assertInvalid(Map.of("TRAWL_ACCESS_KEYS", "AKIDBAD:a:b:c:d-secret-part"),
                "TRAWL_ACCESS_KEYS entry 1 (access key id 'AKIDBAD') must be ACCESS_KEY_ID:SECRET:principal[:SESSION_TOKEN], with no ':' inside a secret, principal or token",
                "secret-part");
        assertInvalid(Map.of("TRAWL_ACCESS_KEYS", "AKIDBAD:the-secret: "),
                "TRAWL_ACCESS_KEYS entry 1 (access key id 'AKIDBAD') is invalid: principal is blank",
                "the-secret");
        assertInvalid(Map.of("TRAWL_ACCESS_KEYS", "AKID/BAD:the-secret:someone"),
                "TRAWL_ACCESS_KEYS entry 1 (access key id 'AKID/BAD') is invalid: access key id must be non-empty, without '/' or white space",
                "the-secret");
        assertInvalid(Map.of("TRAWL_ACCESS_KEYS", ", ,"),
                "TRAWL_ACCESS_KEYS is set but holds no access key; each entry is ACCESS_KEY_ID:SECRET:principal[:SESSION_TOKEN]",
                null);

        Path file = Files.writeString(directory.resolve("keys"), "# keys\nAKIDGOOD=good-secret:good\nAKIDBAD:bad-secret:bad\n");
        assertInvalid(Map.of("TRAWL_ACCESS_KEYS_FILE", file.toString()),
                "TRAWL_ACCESS_KEYS_FILE %s line 3 must be ACCESS_KEY_ID=SECRET:principal[:SESSION_TOKEN]".formatted(file),
                "bad-secret");
        Path emptyFile = Files.writeString(directory.resolve("empty"), "# nothing yet\n\n");
        assertInvalid(Map.of("TRAWL_ACCESS_KEYS_FILE", emptyFile.toString()),
                "TRAWL_ACCESS_KEYS_FILE %s holds no access key; each line is ACCESS_KEY_ID=SECRET:principal[:SESSION_TOKEN]".formatted(emptyFile),
                null);
    }

    @Test
    void keyConfiguredTwiceIsAnError()
            throws IOException
    {
        Path file = Files.writeString(directory.resolve("keys"), "AKIDTWICE=file-secret:from-file\n");

        assertInvalid(Map.of("TRAWL_ACCESS_KEYS", "AKIDTWICE:var-secret:from-variable", "TRAWL_ACCESS_KEYS_FILE", file.toString()),
                "TRAWL_ACCESS_KEYS_FILE %s line 1: access key id 'AKIDTWICE' is configured twice".formatted(file),
                "secret");
    }

    @Test
    void unreadableFileIsAnError()
    {
        Path missing = directory.resolve("missing");

        assertThatThrownBy(() -> AccessKeys.fromEnvironment(Map.of("TRAWL_ACCESS_KEYS_FILE", missing.toString())))
                .isInstanceOfSatisfying(TrawlException.class, error -> {
                    assertThat(error.errorCode()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                    assertThat(error.getMessage()).startsWith("TRAWL_ACCESS_KEYS_FILE names %s, which cannot be read".formatted(missing));
                });
    }

    @Test
    void printedKeysShowNoSecretOrToken()
    {
        AccessKeys keys = AccessKeys.of(java.util.List.of(new AccessKey("AKIDETL", "etl-secret", "etl-job", Optional.of("session-token"))));

        assertThat(keys.toString()).contains("AKIDETL", "etl-job").doesNotContain("etl-secret", "session-token");
    }

    private static void assertInvalid(Map<String, String> environment, String message, String secret)
    {
        assertThatThrownBy(() -> AccessKeys.fromEnvironment(environment))
                .isInstanceOfSatisfying(TrawlException.class, error -> {
                    assertThat(error.errorCode()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                    assertThat(error.getMessage()).isEqualTo(message);
                    if (secret != null) {
                        assertThat(error.getMessage()).as("the secret stays out of the message").doesNotContain(secret);
                    }
                });
    }
}
