package io.trawl.catalog.access;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import io.trawl.catalog.Column;
import io.trawl.catalog.SerDeInfo;
import io.trawl.catalog.StorageDescriptor;
import io.trawl.catalog.Table;
import io.trawl.catalog.lake.CatalogDocuments;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * The audit trail of access control: one immutable document per statement, {@code access/audit/yyyy/mm/dd/<id>.json},
 * written once with create-if-absent so no event is ever overwritten. Each document is one line of JSON, so the
 * folder reads as a Hive JSON table: {@link #table} is {@code system.audit.events} over it.
 */
public final class AuditLog
{
    public static final String PREFIX = "access/audit/";
    public static final String SYSTEM_SCHEMA = "audit";
    public static final String SYSTEM_TABLE = "events";

    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new Jdk8Module());
    private static final DateTimeFormatter FOLDER = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);
    // Hive's timestamp text, which the JSON SerDe reads back as a timestamp
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private final CatalogDocuments documents;

    public AuditLog(CatalogDocuments documents)
    {
        this.documents = requireNonNull(documents, "documents is null");
    }

    /** One statement's event; {@code decision} is ALLOW or DENY, {@code reason} the denial's message. */
    public record Event(String eventId, Instant time, String principal, String statement, List<String> tables, List<String> columns, String decision, Optional<String> reason)
    {
        public Event
        {
            requireNonNull(eventId, "eventId is null");
            requireNonNull(time, "time is null");
            requireNonNull(principal, "principal is null");
            requireNonNull(statement, "statement is null");
            tables = List.copyOf(tables);
            columns = List.copyOf(columns);
            requireNonNull(decision, "decision is null");
            requireNonNull(reason, "reason is null");
        }
    }

    public Event record(Instant time, String principal, String statement, List<String> tables, List<String> columns, boolean allowed, Optional<String> reason)
    {
        // time first in the id, so a day's events list in the order they happened
        String id = DateTimeFormatter.ofPattern("HHmmssSSS").withZone(ZoneOffset.UTC).format(time) + "-" + UUID.randomUUID();
        Event event = new Event(id, time, principal, statement, tables, columns, allowed ? "ALLOW" : "DENY", reason);
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("event_id", event.eventId());
        line.put("event_time", TIMESTAMP.format(time));
        line.put("principal", principal);
        line.put("statement", statement);
        line.put("tables_read", event.tables());
        line.put("columns_read", event.columns());
        line.put("decision", event.decision());
        line.put("reason", reason.orElse(null));
        try {
            byte[] content = (MAPPER.writeValueAsString(line) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            if (!documents.createIfAbsent(PREFIX + FOLDER.format(time) + "/" + id + ".json", content)) {
                throw new TrawlException(ErrorCode.INTERNAL_ERROR, "Audit event " + id + " already exists");
            }
        }
        catch (IOException e) {
            throw new TrawlException(ErrorCode.INTERNAL_ERROR, "Audit event cannot be written: " + e.getMessage(), e);
        }
        return event;
    }

    /** {@code system.audit.events}: the audit folder under {@code documentsRoot} (where the meta documents live) read as a JSON table. */
    public static Table table(URI documentsRoot, String systemCatalog, String systemTableParameter)
    {
        String location = documentsRoot.toString().endsWith("/") ? documentsRoot + PREFIX : documentsRoot + "/" + PREFIX;
        List<Column> columns = List.of(
                new Column("event_id", "string"),
                new Column("event_time", "timestamp"),
                new Column("principal", "string"),
                new Column("statement", "string"),
                new Column("tables_read", "array<string>"),
                new Column("columns_read", "array<string>"),
                new Column("decision", "string"),
                new Column("reason", "string"));
        StorageDescriptor storage = new StorageDescriptor(columns, location, StorageDescriptor.TEXT_INPUT_FORMAT, StorageDescriptor.TEXT_OUTPUT_FORMAT,
                new SerDeInfo(SerDeInfo.HIVE_JSON_SERDE, Map.of()), false);
        Map<String, String> parameters = Map.of("classification", "json", systemTableParameter, systemCatalog + "." + SYSTEM_SCHEMA + "." + SYSTEM_TABLE);
        return new Table(systemCatalog + "." + SYSTEM_SCHEMA, SYSTEM_TABLE, "trawl", Table.EXTERNAL_TABLE, parameters, storage, List.of(), Optional.empty(), 0);
    }
}
