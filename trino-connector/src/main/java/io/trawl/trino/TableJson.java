package io.trawl.trino;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import io.trawl.catalog.Table;

import java.io.UncheckedIOException;

/**
 * A catalog table definition as text inside a table handle. Trino's own JSON mapper serializes handles; the
 * definition is written by this mapper instead, the way Trawl's lake catalog writes it, so it round-trips
 * whatever Trino's mapper is configured to do.
 */
final class TableJson
{
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new Jdk8Module())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private TableJson() {}

    static String write(Table table)
    {
        try {
            return MAPPER.writeValueAsString(table);
        }
        catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write the definition of " + table.qualifiedName(), e);
        }
    }

    static Table read(String json)
    {
        try {
            return MAPPER.readValue(json, Table.class);
        }
        catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot read a table definition", e);
        }
    }
}
