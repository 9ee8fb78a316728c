package io.trawl.api.prepared;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trawl.catalog.lake.CatalogDocuments;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;

import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import static java.util.Objects.requireNonNull;

/**
 * Prepared statements as documents in the meta store, one per statement: {@code prepared/<workgroup>/<name>.json},
 * the name URL-encoded so that any SQL identifier makes a safe key. Writes are conditional, so API instances
 * sharing the store never lose one another's changes.
 */
public final class PreparedStatementStore
{
    private static final String FOLDER = "prepared/";
    private static final String SUFFIX = ".json";
    private static final int ATTEMPTS = 20;
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final CatalogDocuments documents;
    private final Clock clock;

    public PreparedStatementStore(CatalogDocuments documents, Clock clock)
    {
        this.documents = requireNonNull(documents, "documents is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** The time a statement written now is stamped with. */
    public Instant now()
    {
        return clock.instant();
    }

    public Optional<PreparedStatement> find(String workGroup, String name)
    {
        return documents.read(key(workGroup, name)).map(document -> decode(document.content()));
    }

    /** Stores the statement unless one of that name exists in its work group; false when one does. */
    public boolean create(PreparedStatement statement)
    {
        return documents.createIfAbsent(key(statement.workGroup(), statement.name()), encode(statement));
    }

    /** Stores the statement, replacing one of the same name (SQL's {@code PREPARE} overwrites, as Trino's does). */
    public void put(PreparedStatement statement)
    {
        String key = key(statement.workGroup(), statement.name());
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<CatalogDocuments.Document> current = documents.read(key);
            boolean written = current.isEmpty()
                    ? documents.createIfAbsent(key, encode(statement))
                    : documents.replaceIfUnchanged(key, encode(statement), current.get().etag());
            if (written) {
                return;
            }
        }
        throw concurrentlyChanged(statement.workGroup(), statement.name());
    }

    /** Applies {@code change} to the stored statement, retrying on concurrent writers; empty when there is none. */
    public Optional<PreparedStatement> update(String workGroup, String name, UnaryOperator<PreparedStatement> change)
    {
        String key = key(workGroup, name);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<CatalogDocuments.Document> current = documents.read(key);
            if (current.isEmpty()) {
                return Optional.empty();
            }
            PreparedStatement changed = change.apply(decode(current.get().content()));
            if (documents.replaceIfUnchanged(key, encode(changed), current.get().etag())) {
                return Optional.of(changed);
            }
        }
        throw concurrentlyChanged(workGroup, name);
    }

    /** Deletes the statement; false when there was none. */
    public boolean delete(String workGroup, String name)
    {
        String key = key(workGroup, name);
        if (documents.read(key).isEmpty()) {
            return false;
        }
        documents.delete(key);
        return true;
    }

    /** The names of the work group's statements, in name order. */
    public List<String> names(String workGroup)
    {
        List<String> names = new ArrayList<>();
        String folder = folder(workGroup);
        for (String key : documents.list(folder)) {
            String file = key.substring(folder.length());
            if (file.endsWith(SUFFIX) && !file.contains("/")) {
                names.add(URLDecoder.decode(file.substring(0, file.length() - SUFFIX.length()), StandardCharsets.UTF_8));
            }
        }
        names.sort(null);
        return names;
    }

    /** Deletes every statement of the work group (its deletion takes them along). */
    public void deleteAll(String workGroup)
    {
        for (String key : documents.list(folder(workGroup))) {
            documents.delete(key);
        }
    }

    private static String folder(String workGroup)
    {
        return FOLDER + workGroup + "/";
    }

    private static String key(String workGroup, String name)
    {
        return folder(workGroup) + URLEncoder.encode(name, StandardCharsets.UTF_8) + SUFFIX;
    }

    private static TrawlException concurrentlyChanged(String workGroup, String name)
    {
        return new TrawlException(ErrorCode.CONCURRENT_MODIFICATION, "Prepared statement %s in work group %s is being changed by others; try again".formatted(name, workGroup));
    }

    static byte[] encode(PreparedStatement statement)
    {
        ObjectNode node = JSON.createObjectNode();
        node.put("version", 1);
        node.put("workGroup", statement.workGroup());
        node.put("name", statement.name());
        node.put("queryStatement", statement.queryStatement());
        statement.description().ifPresent(description -> node.put("description", description));
        node.put("lastModifiedTime", statement.lastModifiedTime().toString());
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(node);
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static PreparedStatement decode(byte[] content)
    {
        try {
            JsonNode node = JSON.readTree(content);
            return new PreparedStatement(
                    node.get("workGroup").asText(),
                    node.get("name").asText(),
                    node.get("queryStatement").asText(),
                    node.hasNonNull("description") ? Optional.of(node.get("description").asText()) : Optional.empty(),
                    Instant.parse(node.get("lastModifiedTime").asText()));
        }
        catch (IOException | RuntimeException e) {
            throw new TrawlException(ErrorCode.STORAGE_ERROR, "Cannot read a prepared statement document: " + e.getMessage(), e);
        }
    }
}
