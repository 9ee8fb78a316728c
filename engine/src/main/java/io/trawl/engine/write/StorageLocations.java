package io.trawl.engine.write;

import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

/**
 * Building storage URIs from folder names. A URI's decoded path is the object key, so names are appended to the
 * decoded path and re-encoded: Hive's escaped partition values ({@code a%3Db}) stay literal in the key.
 */
final class StorageLocations
{
    private static final Set<String> SCHEMES = Set.of("s3", "s3a", "s3n", "file");

    private StorageLocations() {}

    /** A user-given location (external_location, UNLOAD's TO), checked and made a folder (ending with '/'). */
    static URI parseFolder(String location, String what)
    {
        URI uri;
        try {
            uri = new URI(location);
        }
        catch (URISyntaxException e) {
            throw new TrawlException(ErrorCode.INVALID_LOCATION, "%s '%s' is not a valid URI: %s".formatted(what, location, e.getReason()), e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !SCHEMES.contains(scheme) || uri.getPath() == null) {
            throw new TrawlException(ErrorCode.INVALID_LOCATION, "%s '%s' must be an absolute URI such as s3://bucket/path/ or file:///path/".formatted(what, location));
        }
        if (!scheme.equals("file") && (uri.getAuthority() == null || uri.getAuthority().isEmpty())) {
            throw new TrawlException(ErrorCode.INVALID_LOCATION, "%s '%s' has no bucket".formatted(what, location));
        }
        return asFolder(uri);
    }

    /** The location with a trailing '/': a table location is a folder, and without the slash an S3 prefix would also match its siblings. */
    static URI asFolder(URI location)
    {
        String path = location.getPath() == null || location.getPath().isEmpty() ? "/" : location.getPath();
        if (path.endsWith("/")) {
            return location;
        }
        return build(location, path + "/");
    }

    /** {@code folder} followed by {@code relativePath}, a decoded path (it may hold '%', spaces, any character). */
    static URI child(URI folder, String relativePath)
    {
        return build(folder, asFolder(folder).getPath() + relativePath);
    }

    private static URI build(URI base, String decodedPath)
    {
        try {
            // an empty authority keeps file:///path in its usual three-slash form
            return new URI(base.getScheme(), base.getAuthority() == null ? "" : base.getAuthority(), decodedPath, null, null);
        }
        catch (URISyntaxException e) {
            throw new TrawlException(ErrorCode.INVALID_LOCATION, "Path '%s' under '%s' does not form a URI: %s".formatted(decodedPath, base, e.getReason()), e);
        }
    }
}
