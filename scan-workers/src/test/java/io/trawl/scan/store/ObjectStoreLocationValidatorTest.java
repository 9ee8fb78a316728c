package io.trawl.scan.store;

import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ObjectStoreLocationValidatorTest
{
    @TempDir
    Path directory;

    private final ObjectStoreLocationValidator validator = new ObjectStoreLocationValidator(new LocalObjectStore());

    @Test
    void acceptsAnExistingLocalDirectory()
    {
        validator.validate(directory.toUri());
    }

    @Test
    void refusesWhatCannotHoldATableNamingTheLocation()
    {
        assertThatThrownBy(() -> validator.validate(directory.resolve("missing").toUri()))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_LOCATION))
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> validator.validate(URI.create("s3:///no-bucket/")))
                .hasMessageContaining("has no bucket");
        assertThatThrownBy(() -> validator.validate(URI.create("relative/path")))
                .hasMessageContaining("must be an absolute URI");
        assertThatThrownBy(() -> validator.validate(URI.create("gs://bucket/t/")))
                .hasMessageContaining("unsupported scheme 'gs'");
    }
}
