package io.trawl.scan.split;

import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trawl.scan.store.ObjectStore;
import io.trawl.scan.store.StoredObject;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;

/**
 * The data files of a table location, by Hive's rules (which Athena follows): every object under the location,
 * recursively, except empty objects and objects whose name, or any folder name below the location, starts
 * with {@code _} or {@code .} (markers such as {@code _SUCCESS}, temporary and hidden files).
 */
public final class DataFiles
{
    private DataFiles() {}

    public static List<StoredObject> list(ObjectStore store, String location)
    {
        URI prefix = parseLocation(location);
        List<StoredObject> objects;
        try {
            objects = store.list(prefix);
        }
        catch (NoSuchFileException e) {
            throw new TrawlException(ErrorCode.INVALID_LOCATION, "Location '%s' does not exist".formatted(location), e);
        }
        catch (AccessDeniedException e) {
            throw new TrawlException(ErrorCode.INVALID_LOCATION, "Location '%s' is not readable".formatted(location), e);
        }
        catch (IOException e) {
            throw new TrawlException(ErrorCode.STORAGE_ERROR, "Cannot list location '%s': %s".formatted(location, e.getMessage()), e);
        }
        String prefixPath = prefix.getPath();
        List<StoredObject> files = new ArrayList<>();
        for (StoredObject object : objects) {
            if (object.size() > 0 && !isHidden(relativePath(prefixPath, object.location().getPath()))) {
                files.add(object);
            }
        }
        return List.copyOf(files);
    }

    private static URI parseLocation(String location)
    {
        try {
            URI uri = new URI(location);
            if (uri.getScheme() == null || uri.getPath() == null || uri.getPath().isEmpty()) {
                throw new TrawlException(ErrorCode.INVALID_LOCATION, "Location '%s' is not a URI such as file:///data/table/".formatted(location));
            }
            // a location is a folder: without the slash, an S3 prefix would also match sibling folders (t_old/)
            return uri.getPath().endsWith("/") ? uri : new URI(uri.getScheme(), uri.getAuthority(), uri.getPath() + "/", null, null);
        }
        catch (URISyntaxException e) {
            throw new TrawlException(ErrorCode.INVALID_LOCATION, "Location '%s' is not a valid URI: %s".formatted(location, e.getReason()), e);
        }
    }

    private static String relativePath(String prefixPath, String objectPath)
    {
        if (objectPath.startsWith(prefixPath)) {
            return objectPath.substring(prefixPath.length());
        }
        return objectPath.substring(objectPath.lastIndexOf('/') + 1);
    }

    private static boolean isHidden(String relativePath)
    {
        for (String segment : relativePath.split("/")) {
            if (segment.startsWith("_") || segment.startsWith(".")) {
                return true;
            }
        }
        return false;
    }
}
