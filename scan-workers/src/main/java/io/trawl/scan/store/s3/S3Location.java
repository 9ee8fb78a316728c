package io.trawl.scan.store.s3;

import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * A bucket and key parsed from an {@code s3://bucket/key} URI ({@code s3a://} and {@code s3n://}, Hadoop's
 * spellings, name the same objects). Keys are the URI's decoded path without the leading slash, and objects
 * listed under a prefix are named with the prefix's scheme, so a location round-trips unchanged.
 */
record S3Location(String scheme, String bucket, String key)
{
    static final Set<String> SCHEMES = Set.of("s3", "s3a", "s3n");

    S3Location
    {
        requireNonNull(scheme, "scheme is null");
        requireNonNull(bucket, "bucket is null");
        requireNonNull(key, "key is null");
    }

    static S3Location of(URI location)
    {
        requireNonNull(location, "location is null");
        String scheme = location.getScheme() == null ? "" : location.getScheme().toLowerCase(Locale.ROOT);
        if (!SCHEMES.contains(scheme)) {
            throw new IllegalArgumentException("Not an s3:// location: " + location);
        }
        String bucket = location.getHost() != null ? location.getHost() : location.getAuthority();
        if (bucket == null || bucket.isEmpty()) {
            throw new TrawlException(ErrorCode.INVALID_LOCATION, "Location '%s' has no bucket".formatted(location));
        }
        String path = location.getPath() == null ? "" : location.getPath();
        return new S3Location(scheme, bucket, path.startsWith("/") ? path.substring(1) : path);
    }

    S3Location withKey(String otherKey)
    {
        return new S3Location(scheme, bucket, otherKey);
    }

    URI toUri()
    {
        try {
            return new URI(scheme, bucket, "/" + key, null);
        }
        catch (URISyntaxException e) {
            throw new IllegalArgumentException("Key '%s' of bucket '%s' does not form a URI".formatted(key, bucket), e);
        }
    }

    @Override
    public String toString()
    {
        return scheme + "://" + bucket + "/" + key;
    }
}
