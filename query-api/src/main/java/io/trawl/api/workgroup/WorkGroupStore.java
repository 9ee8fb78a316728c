package io.trawl.api.workgroup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trawl.catalog.lake.CatalogDocuments;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

import static java.util.Objects.requireNonNull;

/**
 * Work groups as documents in the meta store ({@code workgroups/<name>.json}), written only conditionally so that
 * API instances sharing the store never lose an update. {@code primary} exists from the first read on.
 */
public final class WorkGroupStore
{
    private static final String FOLDER = "workgroups/";
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final CatalogDocuments documents;
    private final Clock clock;

    public WorkGroupStore(CatalogDocuments documents, Clock clock)
    {
        this.documents = requireNonNull(documents, "documents is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public Optional<WorkGroup> find(String name)
    {
        Optional<CatalogDocuments.Document> document = documents.read(key(name));
        if (document.isEmpty() && WorkGroup.PRIMARY.equals(name)) {
            create(WorkGroup.primary(clock.instant()));
            document = documents.read(key(name));
        }
        return document.map(found -> decode(found.content()));
    }

    /** Creates the work group; false when one of that name exists. */
    public boolean create(WorkGroup workGroup)
    {
        return documents.createIfAbsent(key(workGroup.name()), encode(workGroup));
    }

    /**
     * Applies {@code change} to the stored work group, retrying on concurrent writers; empty when there is no such
     * work group.
     */
    public Optional<WorkGroup> update(String name, UnaryOperator<WorkGroup> change)
    {
        for (int attempt = 0; attempt < 20; attempt++) {
            Optional<WorkGroup> current = find(name);
            if (current.isEmpty()) {
                return Optional.empty();
            }
            Optional<CatalogDocuments.Document> document = documents.read(key(name));
            if (document.isEmpty()) {
                continue;
            }
            WorkGroup changed = change.apply(decode(document.get().content()));
            if (documents.replaceIfUnchanged(key(name), encode(changed), document.get().etag())) {
                return Optional.of(changed);
            }
        }
        throw new TrawlException(ErrorCode.CONCURRENT_MODIFICATION, "Work group %s is being changed by others; try again".formatted(name));
    }

    public void delete(String name)
    {
        documents.delete(key(name));
    }

    /** Every work group, by name ({@code primary} included). */
    public List<WorkGroup> list()
    {
        find(WorkGroup.PRIMARY);
        List<WorkGroup> workGroups = new ArrayList<>();
        for (String key : documents.list(FOLDER)) {
            if (key.endsWith(".json")) {
                documents.read(key).ifPresent(document -> workGroups.add(decode(document.content())));
            }
        }
        return workGroups;
    }

    private static String key(String name)
    {
        return FOLDER + name + ".json";
    }

    static byte[] encode(WorkGroup workGroup)
    {
        ObjectNode node = JSON.createObjectNode();
        node.put("version", 1);
        node.put("name", workGroup.name());
        node.put("state", workGroup.state().name());
        node.put("description", workGroup.description());
        node.put("creationTime", workGroup.creationTime().toString());
        workGroup.outputLocation().ifPresent(location -> node.put("outputLocation", location.toString()));
        node.put("enforceWorkGroupConfiguration", workGroup.enforceWorkGroupConfiguration());
        workGroup.bytesScannedCutoffPerQuery().ifPresent(cutoff -> node.put("bytesScannedCutoffPerQuery", cutoff));
        node.set("tags", JSON.valueToTree(new TreeMap<>(workGroup.tags())));
        node.put("publishCloudWatchMetricsEnabled", workGroup.publishCloudWatchMetricsEnabled());
        node.put("requesterPaysEnabled", workGroup.requesterPaysEnabled());
        node.put("selectedEngineVersion", workGroup.selectedEngineVersion());
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(node);
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static WorkGroup decode(byte[] content)
    {
        try {
            JsonNode node = JSON.readTree(content);
            Map<String, String> tags = new TreeMap<>();
            node.path("tags").properties().forEach(entry -> tags.put(entry.getKey(), entry.getValue().asText()));
            return new WorkGroup(
                    node.get("name").asText(),
                    WorkGroup.State.valueOf(node.get("state").asText()),
                    node.path("description").asText(""),
                    Instant.parse(node.get("creationTime").asText()),
                    node.hasNonNull("outputLocation") ? Optional.of(URI.create(node.get("outputLocation").asText())) : Optional.empty(),
                    node.path("enforceWorkGroupConfiguration").asBoolean(false),
                    node.hasNonNull("bytesScannedCutoffPerQuery") ? OptionalLong.of(node.get("bytesScannedCutoffPerQuery").asLong()) : OptionalLong.empty(),
                    tags,
                    node.path("publishCloudWatchMetricsEnabled").asBoolean(false),
                    node.path("requesterPaysEnabled").asBoolean(false),
                    node.path("selectedEngineVersion").asText(WorkGroup.AUTO_ENGINE_VERSION));
        }
        catch (IOException | RuntimeException e) {
            throw new TrawlException(ErrorCode.STORAGE_ERROR, "Cannot read a work group document: " + e.getMessage(), e);
        }
    }
}
