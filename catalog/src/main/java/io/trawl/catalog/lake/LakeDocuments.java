package io.trawl.catalog.lake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import io.trawl.catalog.Database;
import io.trawl.catalog.Partition;
import io.trawl.catalog.Table;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The JSON documents of the lake-native catalog. Each carries {@code format} so a later layout can tell old
 * documents apart, and wraps Glue's shape ({@link Database}, {@link Table}, {@link Partition}) with what the
 * store needs to stay consistent under concurrent writers.
 */
final class LakeDocuments
{
    static final int FORMAT = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new Jdk8Module())
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private LakeDocuments() {}

    /**
     * A database and the index of its tables. The index is what SHOW TABLES reads (one document, however many
     * tables), and the document is the one place where creating a table and dropping the database meet: both
     * change it with a compare-and-swap. {@code dropping} marks a DROP DATABASE in progress: the database is
     * gone for readers and no table may join it.
     */
    record DatabaseDocument(int format, Database database, List<String> tables, boolean dropping)
    {
        DatabaseDocument
        {
            requireNonNull(database, "database is null");
            tables = List.copyOf(requireNonNull(tables, "tables is null"));
        }
    }

    /**
     * A table. {@code tableId} names this incarnation of the table: partitions record it, so partitions left
     * behind by a dropped table of the same name (a drop racing an ADD PARTITION) never show up in a new one.
     */
    record TableDocument(int format, String tableId, Table table)
    {
        TableDocument
        {
            requireNonNull(tableId, "tableId is null");
            requireNonNull(table, "table is null");
        }
    }

    record PartitionDocument(int format, String tableId, Partition partition)
    {
        PartitionDocument
        {
            requireNonNull(tableId, "tableId is null");
            requireNonNull(partition, "partition is null");
        }
    }

    static byte[] toJson(Object document)
    {
        try {
            return MAPPER.writeValueAsBytes(document);
        }
        catch (JsonProcessingException e) {
            throw new TrawlException(ErrorCode.INTERNAL_ERROR, "Cannot serialize catalog document " + document.getClass().getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    static <T> T fromJson(String key, byte[] content, Class<T> type)
    {
        try {
            return MAPPER.readValue(content, type);
        }
        catch (java.io.IOException e) {
            throw new TrawlException(ErrorCode.STORAGE_ERROR, "Catalog document '" + key + "' is corrupt: " + e.getMessage(), e);
        }
    }
}
