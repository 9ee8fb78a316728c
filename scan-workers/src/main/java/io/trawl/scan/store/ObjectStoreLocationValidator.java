package io.trawl.scan.store;

import io.trawl.engine.ddl.LocationValidator;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * Checks a table LOCATION against the storage it names, so CREATE TABLE fails on a typo rather than every
 * later query: a local directory must exist; an S3 bucket must exist and be reachable, while the prefix under
 * it may be empty (Athena accepts a LOCATION that holds no objects yet).
 */
public final class ObjectStoreLocationValidator
        implements LocationValidator
{
    private final ObjectStore store;

    public ObjectStoreLocationValidator(ObjectStore store)
    {
        this.store = requireNonNull(store, "store is null");
    }

    @Override
    public void validate(URI location)
    {
        requireNonNull(location, "location is null");
        String scheme = location.getScheme();
        if (scheme == null) {
            throw invalid(location, "must be an absolute URI such as s3://bucket/path/ or file:///path/");
        }
        switch (scheme.toLowerCase(Locale.ROOT)) {
            case "file" -> check(location);
            case "s3", "s3a", "s3n" -> {
                if (location.getHost() == null || location.getHost().isEmpty()) {
                    throw invalid(location, "has no bucket");
                }
                check(location);
            }
            default -> throw invalid(location, "has unsupported scheme '" + scheme + "': use s3:// or file://");
        }
    }

    private void check(URI location)
    {
        try {
            store.checkLocation(location);
        }
        catch (IOException e) {
            throw new TrawlException(ErrorCode.STORAGE_ERROR, "Cannot check location '%s': %s".formatted(location, e.getMessage()), e);
        }
    }

    private static TrawlException invalid(URI location, String reason)
    {
        return new TrawlException(ErrorCode.INVALID_LOCATION, "Location '" + location + "' " + reason);
    }
}
