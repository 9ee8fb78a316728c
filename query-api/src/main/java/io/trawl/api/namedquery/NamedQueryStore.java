package io.trawl.api.namedquery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trawl.catalog.lake.CatalogDocuments;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import static java.util.Objects.requireNonNull;

/**
 * Named queries as documents in the meta store, {@code named-queries/<workgroup>/<id>.json}, so that a work group's
 * queries list with one listing and go with it. A query is found by id alone (GetNamedQuery names no work group)
 * from the listing of every query's key, which holds no content and costs one round trip.
 */
public final class NamedQueryStore
{
    private static final String FOLDER = "named-queries/";
    private static final String SUFFIX = ".json";
    private static final int ATTEMPTS = 20;
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final CatalogDocuments documents;

    public NamedQueryStore(CatalogDocuments documents)
    {
        this.documents = requireNonNull(documents, "documents is null");
    }

    /** Stores the query unless one with its id exists in its work group; false when one does. */
    public boolean create(NamedQuery query)
    {
        return documents.createIfAbsent(key(query.workGroup(), query.id()), encode(query));
    }

    public Optional<NamedQuery> find(String id)
    {
        return keyOf(id).flatMap(documents::read).map(document -> decode(document.content()));
    }

    /** Applies {@code change} (which may not move the query to another work group) to the stored query; empty when there is none. */
    public Optional<NamedQuery> update(String id, UnaryOperator<NamedQuery> change)
    {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<String> key = keyOf(id);
            Optional<CatalogDocuments.Document> current = key.flatMap(documents::read);
            if (current.isEmpty()) {
                return Optional.empty();
            }
            NamedQuery stored = decode(current.get().content());
            NamedQuery changed = change.apply(stored);
            if (!changed.workGroup().equals(stored.workGroup()) || !changed.id().equals(stored.id())) {
                throw new IllegalArgumentException("A named query keeps its id and work group");
            }
            if (documents.replaceIfUnchanged(key.get(), encode(changed), current.get().etag())) {
                return Optional.of(changed);
            }
        }
        throw new TrawlException(ErrorCode.CONCURRENT_MODIFICATION, "Named query %s is being changed by others; try again".formatted(id));
    }

    /** Deletes the query; false when there was none. */
    public boolean delete(String id)
    {
        Optional<String> key = keyOf(id);
        key.ifPresent(documents::delete);
        return key.isPresent();
    }

    /** The ids of the work group's queries, in id order. */
    public List<String> ids(String workGroup)
    {
        List<String> ids = new ArrayList<>();
        String folder = folder(workGroup);
        for (String key : documents.list(folder)) {
            String file = key.substring(folder.length());
            if (file.endsWith(SUFFIX) && !file.contains("/")) {
                ids.add(file.substring(0, file.length() - SUFFIX.length()));
            }
        }
        ids.sort(null);
        return ids;
    }

    /** Deletes every query of the work group. */
    public void deleteAll(String workGroup)
    {
        for (String key : documents.list(folder(workGroup))) {
            documents.delete(key);
        }
    }

    private Optional<String> keyOf(String id)
    {
        String file = "/" + id + SUFFIX;
        for (String key : documents.list(FOLDER)) {
            if (key.endsWith(file) && key.indexOf('/', FOLDER.length()) == key.length() - file.length()) {
                return Optional.of(key);
            }
        }
        return Optional.empty();
    }

    private static String folder(String workGroup)
    {
        return FOLDER + workGroup + "/";
    }

    private static String key(String workGroup, String id)
    {
        return folder(workGroup) + id + SUFFIX;
    }

    static byte[] encode(NamedQuery query)
    {
        ObjectNode node = JSON.createObjectNode();
        node.put("version", 1);
        node.put("id", query.id());
        node.put("workGroup", query.workGroup());
        node.put("name", query.name());
        query.description().ifPresent(description -> node.put("description", description));
        node.put("database", query.database());
        node.put("queryString", query.queryString());
        query.clientRequestToken().ifPresent(token -> node.put("clientRequestToken", token));
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(node);
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static NamedQuery decode(byte[] content)
    {
        try {
            JsonNode node = JSON.readTree(content);
            return new NamedQuery(
                    node.get("id").asText(),
                    node.get("workGroup").asText(),
                    node.get("name").asText(),
                    node.hasNonNull("description") ? Optional.of(node.get("description").asText()) : Optional.empty(),
                    node.get("database").asText(),
                    node.get("queryString").asText(),
                    node.hasNonNull("clientRequestToken") ? Optional.of(node.get("clientRequestToken").asText()) : Optional.empty());
        }
        catch (IOException | RuntimeException e) {
            throw new TrawlException(ErrorCode.STORAGE_ERROR, "Cannot read a named query document: " + e.getMessage(), e);
        }
    }
}
