package io.trawl.scan.reader.json;

import io.trino.hive.formats.line.LineDeserializerFactory;
import io.trino.hive.formats.line.json.JsonDeserializerFactory;
import io.trino.hive.formats.line.openxjson.OpenXJsonDeserializerFactory;

import java.util.List;
import java.util.Optional;

/**
 * The two JSON-lines SerDes Athena reads (https://docs.aws.amazon.com/athena/latest/ug/json-serde.html), decoded
 * by trino-hive-formats, which copies each SerDe's behaviour:
 * <ul>
 *   <li>{@code org.apache.hive.hcatalog.data.JsonSerDe} (Hive JSON, what {@code STORED AS JSON} selects): keys
 *   match column and struct-field names case-insensitively; {@code timestamp.formats} is honoured; a line that is
 *   not a JSON object fails the query. A value that does not fit its column type fails too, except decimals,
 *   which are NULL, as in Hive.</li>
 *   <li>{@code org.openx.data.jsonserde.JsonSerDe} (OpenX): {@code case.insensitive} (default true),
 *   {@code mapping.<column>=<json key>}, {@code dots.in.keys}, {@code timestamp.formats} and
 *   {@code ignore.malformed.json}. A broken JSON object fails the query unless {@code ignore.malformed.json} is
 *   true, in which case the row is all NULL; like the OpenX SerDe itself, a line that starts with neither
 *   {@code {} nor {@code [} is an all-NULL row, not an error. Scalars that do not parse as the column type are
 *   NULL.</li>
 * </ul>
 * Lines, splits and compression are the text reader's: uncompressed files split by byte ranges, compressed ones
 * are one split each.
 */
public final class JsonSerDes
{
    private JsonSerDes() {}

    /** The deserializer factory for a JSON SerDe class, or empty when the class is not a JSON SerDe. */
    public static Optional<LineDeserializerFactory> deserializerFactory(String serializationLibrary)
    {
        // Hive JSON also answers to its older name, org.apache.hadoop.hive.serde2.JsonSerDe
        for (LineDeserializerFactory factory : List.of(new JsonDeserializerFactory(), new OpenXJsonDeserializerFactory())) {
            if (factory.getHiveSerDeClassNames().contains(serializationLibrary)) {
                return Optional.of(factory);
            }
        }
        return Optional.empty();
    }
}
