package io.trawl.engine.ddl;

import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Checks a table LOCATION before the catalog records it, so a typo fails the CREATE instead of every
 * later query. Implementations throw INVALID_LOCATION naming the location.
 */
@FunctionalInterface
public interface LocationValidator
{
    void validate(URI location);

    /**
     * Accepts {@code file://} URIs of existing directories and any {@code s3://} (or s3a/s3n) URI with a
     * bucket; S3 locations are not looked up here (the storage layer checks them).
     */
    static LocationValidator localFiles()
    {
        return location -> {
            String scheme = location.getScheme();
            if (scheme == null) {
                throw invalid(location, "must be an absolute URI such as s3://bucket/path/ or file:///path/");
            }
            switch (scheme.toLowerCase(Locale.ROOT)) {
                case "file" -> checkLocalDirectory(location);
                case "s3", "s3a", "s3n" -> {
                    if (location.getHost() == null || location.getHost().isEmpty()) {
                        throw invalid(location, "has no bucket");
                    }
                }
                default -> throw invalid(location, "has unsupported scheme '" + scheme + "': use s3:// or file://");
            }
        };
    }

    private static void checkLocalDirectory(URI location)
    {
        Path path;
        try {
            path = Path.of(location);
        }
        catch (IllegalArgumentException e) {
            throw invalid(location, "is not a local path: " + e.getMessage());
        }
        if (!Files.exists(path)) {
            throw invalid(location, "does not exist");
        }
        if (!Files.isDirectory(path)) {
            throw invalid(location, "is not a directory");
        }
    }

    private static TrawlException invalid(URI location, String reason)
    {
        return new TrawlException(ErrorCode.INVALID_LOCATION, "Location '" + location + "' " + reason);
    }
}
