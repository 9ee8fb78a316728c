package io.trawl.scan.crawl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trawl.scan.store.StoredObject;
import io.trino.spi.type.ArrayType;
import io.trino.spi.type.DecimalType;
import io.trino.spi.type.RowType;
import io.trino.spi.type.Type;
import io.trino.spi.type.VarcharType;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.BooleanType.BOOLEAN;
import static io.trino.spi.type.DoubleType.DOUBLE;
import static io.trino.spi.type.IntegerType.INTEGER;

/**
 * Columns of JSON lines (one object per line, what Athena's JSON SerDes read) from sampled objects: keys in
 * order of first appearance, lower-cased (the Hive JSON SerDe matches keys case-insensitively); numbers are
 * int, bigint or double, objects structs (fields merged across the sample), arrays arrays of their elements'
 * widened type. Strings stay strings: the JSON SerDe would read a date-looking string as a date, but a later
 * string that is not one would become NULL. Nulls and empty arrays say nothing about a type.
 */
final class JsonLines
{
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonLines() {}

    static boolean looksLikeJson(List<String> lines)
    {
        return !lines.isEmpty() && lines.getFirst().stripLeading().startsWith("{");
    }

    static FileSchema infer(List<String> lines, StoredObject object)
    {
        Map<String, Type> columns = new LinkedHashMap<>();
        int lineNumber = 0;
        for (String line : lines) {
            lineNumber++;
            JsonNode node;
            try {
                node = MAPPER.readTree(line);
            }
            catch (JsonProcessingException e) {
                // the last sampled line may be cut by the sample limit
                if (lineNumber == lines.size() && lineNumber > 1) {
                    break;
                }
                throw new TrawlException(ErrorCode.BAD_DATA, "JSON file %s: line %d is not JSON: %s".formatted(object.location(), lineNumber, e.getOriginalMessage()));
            }
            if (!node.isObject()) {
                throw new TrawlException(ErrorCode.BAD_DATA, "JSON file %s: line %d is not an object, so it has no columns".formatted(object.location(), lineNumber));
            }
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String name = field.getKey().toLowerCase(Locale.ROOT);
                Type type = typeOf(field.getValue());
                columns.put(name, TypeWidening.widen(columns.get(name), type));
            }
        }
        return new FileSchema(DataFormat.JSON, columns, Optional.empty());
    }

    private static Type typeOf(JsonNode node)
    {
        if (node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isBoolean()) {
            return BOOLEAN;
        }
        if (node.isInt()) {
            return INTEGER;
        }
        if (node.isLong()) {
            return BIGINT;
        }
        if (node.isBigInteger()) {
            return DecimalType.createDecimalType(38, 0);
        }
        if (node.isNumber()) {
            return DOUBLE;
        }
        if (node.isArray()) {
            Type element = null;
            for (JsonNode item : node) {
                element = TypeWidening.widen(element, typeOf(item));
            }
            return element == null ? null : new ArrayType(element);
        }
        if (node.isObject()) {
            List<RowType.Field> fields = new ArrayList<>();
            Map<String, Type> merged = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> entries = node.fields();
            while (entries.hasNext()) {
                Map.Entry<String, JsonNode> entry = entries.next();
                Type type = typeOf(entry.getValue());
                if (type != null) {
                    String name = entry.getKey().toLowerCase(Locale.ROOT);
                    merged.put(name, TypeWidening.widen(merged.get(name), type));
                }
            }
            merged.forEach((name, type) -> fields.add(RowType.field(name, type)));
            return fields.isEmpty() ? null : RowType.from(fields);
        }
        return VarcharType.VARCHAR;
    }
}
