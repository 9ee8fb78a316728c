package io.trawl.catalog.access;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import io.trawl.catalog.lake.CatalogDocuments;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;

import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

import static java.util.Objects.requireNonNull;

/**
 * The access model kept as one document, {@value #KEY}, in the meta store. One document because a change must see
 * every principal and grant at once (a cyclic role grant spans several roles; dropping a role touches every grant)
 * and the model is small; changes are compare-and-swap on the document's tag, retried on a concurrent change, so
 * two administrators never lose each other's grants.
 *
 * <p>The administrators come from the deployment's configuration, not from the document: they are whoever the
 * deployment says at each start, so a lost administrator can always be restored by configuration.
 */
public final class AccessStore
{
    public static final String KEY = "access/model.json";
    private static final int ATTEMPTS = 20;

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new Jdk8Module())
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final CatalogDocuments documents;
    private final Set<String> administrators;

    public AccessStore(CatalogDocuments documents, Set<String> administrators)
    {
        this.documents = requireNonNull(documents, "documents is null");
        this.administrators = Set.copyOf(requireNonNull(administrators, "administrators is null"));
        if (administrators.isEmpty()) {
            throw new IllegalArgumentException("access control needs at least one administrator");
        }
    }

    /** The current model: what every check of one statement reads. */
    public AccessModel model()
    {
        return read().map(Stored::model).orElseGet(() -> AccessModel.empty(administrators));
    }

    /** Applies {@code change} to the current model and stores the result; the change's refusal leaves everything as it was. */
    public AccessModel update(UnaryOperator<AccessModel> change)
    {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<Stored> current = read();
            AccessModel changed = change.apply(current.map(Stored::model).orElseGet(() -> AccessModel.empty(administrators)));
            byte[] content = toJson(changed);
            boolean written = current.isPresent()
                    ? documents.replaceIfUnchanged(KEY, content, current.get().etag())
                    : documents.createIfAbsent(KEY, content);
            if (written) {
                return changed;
            }
        }
        throw new TrawlException(ErrorCode.CONCURRENT_MODIFICATION, "The access model kept changing concurrently; try again");
    }

    private Optional<Stored> read()
    {
        return documents.read(KEY).map(document -> {
            try {
                AccessModel stored = MAPPER.readValue(document.content(), AccessModel.class);
                AccessModel model = new AccessModel(stored.format(), administrators, stored.users(), stored.groups(), stored.roles(), stored.roleGrants(), stored.grants(), stored.rowFilters());
                return new Stored(model, document.etag());
            }
            catch (IOException e) {
                throw new TrawlException(ErrorCode.INTERNAL_ERROR, "Access model document %s is not readable: %s".formatted(KEY, e.getMessage()), e);
            }
        });
    }

    private static byte[] toJson(AccessModel model)
    {
        try {
            return MAPPER.writeValueAsBytes(model);
        }
        catch (IOException e) {
            throw new TrawlException(ErrorCode.INTERNAL_ERROR, "Access model cannot be written: " + e.getMessage(), e);
        }
    }

    private record Stored(AccessModel model, String etag) {}
}
