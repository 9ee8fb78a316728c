package io.trawl.scan.partition.projection;

import io.trawl.catalog.Column;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where a projected partition's files live: {@code storage.location.template} with {@code ${column}} replaced
 * by the partition's values (the template must name every partition key, as Athena requires), or by default
 * the Hive layout {@code <table location>/<key1>=<value1>/<key2>=<value2>/} with values escaped as Hive
 * escapes folder names. Locations are returned as URIs whose decoded path is the storage key, so values with
 * spaces or percent signs address the object the writer wrote.
 */
final class LocationTemplate
{
    static final String PROPERTY = "storage.location.template";

    private final Optional<String> template;
    private final String tableLocation;
    private final List<Column> keys;

    private LocationTemplate(Optional<String> template, String tableLocation, List<Column> keys)
    {
        this.template = template;
        this.tableLocation = tableLocation;
        this.keys = List.copyOf(keys);
    }

    static LocationTemplate parse(ProjectionProperties properties, String tableLocation, List<Column> keys)
    {
        Optional<String> template = properties.find(PROPERTY);
        if (template.isPresent()) {
            for (Column key : keys) {
                if (!template.get().contains(placeholder(key))) {
                    throw new TrawlException(ErrorCode.INVALID_ARGUMENT, "Table %s: INVALID_TABLE_PROPERTY: The '%s' table property must contain templates for all partition columns! (no %s in '%s')"
                            .formatted(properties.tableName(), PROPERTY, placeholder(key), template.get()));
                }
            }
            if (!template.get().contains("://")) {
                throw properties.invalid(PROPERTY, template.get(), "a location such as s3://bucket/prefix/${%s}/".formatted(keys.getFirst().name().toLowerCase(Locale.ROOT)));
            }
        }
        return new LocationTemplate(template, tableLocation, keys);
    }

    /** The partition folder for {@code texts}: one projected value per key, in key order. */
    String render(List<String> texts)
    {
        if (template.isPresent()) {
            String location = template.get();
            for (int i = 0; i < keys.size(); i++) {
                location = location.replace(placeholder(keys.get(i)), texts.get(i));
            }
            int schemeEnd = location.indexOf("://");
            String scheme = location.substring(0, schemeEnd);
            String rest = location.substring(schemeEnd + 3);
            int pathStart = rest.indexOf('/');
            String authority = pathStart < 0 ? rest : rest.substring(0, pathStart);
            String path = pathStart < 0 ? "/" : rest.substring(pathStart);
            return uri(scheme, authority, folder(path));
        }
        URI root = URI.create(tableLocation);
        StringBuilder path = new StringBuilder(root.getPath() == null ? "/" : root.getPath()).append('/');
        for (int i = 0; i < keys.size(); i++) {
            path.append(escapePathName(keys.get(i).name().toLowerCase(Locale.ROOT))).append('=').append(escapePathName(texts.get(i))).append('/');
        }
        return uri(root.getScheme(), root.getRawAuthority(), folder(path.toString()));
    }

    private static String placeholder(Column key)
    {
        return "${" + key.name().toLowerCase(Locale.ROOT) + "}";
    }

    private static String folder(String path)
    {
        // 's3://b/t//x' and 's3://b/t/x' name the same folder; a partition is a folder, so it ends with '/'
        return (path + "/").replaceAll("/+", "/");
    }

    private static String uri(String scheme, String authority, String path)
    {
        try {
            return new URI(scheme, authority == null || authority.isEmpty() ? null : authority, path, null, null).toString()
                    .replaceFirst("^file:/(?!/)", "file:///");
        }
        catch (URISyntaxException e) {
            throw new TrawlException(ErrorCode.INVALID_LOCATION, "Projected partition location %s://%s%s is not a valid URI: %s".formatted(scheme, authority, path, e.getReason()), e);
        }
    }

    /** Hive's FileUtils.escapePathName: characters that cannot appear in a folder name become %XX. */
    private static String escapePathName(String text)
    {
        StringBuilder escaped = new StringBuilder();
        for (char character : text.toCharArray()) {
            if (character < 0x20 || character == 0x7F || "\"#%'*/:=?\\{[]^".indexOf(character) >= 0) {
                escaped.append('%').append(String.format(Locale.ROOT, "%02X", (int) character));
            }
            else {
                escaped.append(character);
            }
        }
        return escaped.toString();
    }
}
