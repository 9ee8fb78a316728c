package io.trawl.api.query;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.trawl.catalog.lake.CatalogDocuments;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import static java.util.Objects.requireNonNull;

/**
 * The query history in the meta store, shared by every API instance:
 * <pre>
 * queries/yyyy/mm/dd/&lt;id&gt;.json                  the execution record (day of its submission, read off the id)
 * queries/index/&lt;work group&gt;/&lt;inverted ms&gt;-&lt;id&gt;  a marker per query, so a listing is newest first in key order
 * queries/tokens/&lt;sha-256 of token&gt;.json         ClientRequestToken → the query it started and its request's hash
 * queries/reuse/&lt;work group&gt;/&lt;sha-256&gt;.json      the newest successful execution of one query text, for result reuse
 * </pre>
 * Every write is create-if-absent or replace-if-unchanged, so concurrent instances never lose an update.
 */
public final class QueryHistory
{
    private static final String ROOT = "queries/";
    private static final long INVERSION_BASE = 9_999_999_999_999L;
    static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new Jdk8Module())
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final CatalogDocuments documents;

    public QueryHistory(CatalogDocuments documents)
    {
        this.documents = requireNonNull(documents, "documents is null");
    }

    /** A record as read, with the tag of that version. */
    public record Versioned(QueryExecution execution, String etag) {}

    public void create(QueryExecution execution)
    {
        if (!documents.createIfAbsent(recordKey(execution.id(), execution.submissionTime()), encode(execution))) {
            throw new TrawlException(ErrorCode.INTERNAL_ERROR, "Query id %s is taken".formatted(execution.id()));
        }
        documents.createIfAbsent(indexKey(execution.workGroup(), execution.id(), execution.submissionTime()), execution.id().getBytes(StandardCharsets.UTF_8));
    }

    public Optional<QueryExecution> find(String id)
    {
        return read(id).map(Versioned::execution);
    }

    public Optional<Versioned> read(String id)
    {
        Optional<Instant> submitted = QueryIds.submissionTime(id);
        if (submitted.isEmpty()) {
            return Optional.empty();
        }
        return documents.read(recordKey(id, submitted.get()))
                .map(document -> new Versioned(decode(document.content()), document.etag()));
    }

    /**
     * Applies {@code change} to the stored record until it is written over the version it was computed from; empty when
     * there is no such record. {@code change} may be called several times, and must be a function of its argument.
     */
    public Optional<QueryExecution> update(String id, UnaryOperator<QueryExecution> change)
    {
        for (int attempt = 0; attempt < 50; attempt++) {
            Optional<Versioned> current = read(id);
            if (current.isEmpty()) {
                return Optional.empty();
            }
            QueryExecution changed = change.apply(current.get().execution());
            if (changed.equals(current.get().execution())) {
                return Optional.of(changed);
            }
            if (documents.replaceIfUnchanged(recordKey(id, changed.submissionTime()), encode(changed), current.get().etag())) {
                return Optional.of(changed);
            }
        }
        throw new TrawlException(ErrorCode.CONCURRENT_MODIFICATION, "Query %s is being changed by others; try again".formatted(id));
    }

    /**
     * Ids of the work group's queries, newest first, after the position {@code after} (a key this method returned), at
     * most {@code limit}; and the position to continue from when there may be more.
     */
    public Listing list(String workGroup, Optional<String> after, int limit)
    {
        List<String> keys = documents.list(ROOT + "index/" + workGroup + "/");
        List<String> ids = new ArrayList<>();
        String lastKey = null;
        for (String key : keys) {
            if (after.isPresent() && key.compareTo(after.get()) <= 0) {
                continue;
            }
            if (ids.size() == limit) {
                return new Listing(ids, Optional.of(lastKey));
            }
            ids.add(key.substring(key.length() - 36));
            lastKey = key;
        }
        return new Listing(ids, Optional.empty());
    }

    public record Listing(List<String> ids, Optional<String> nextAfter) {}

    /**
     * Claims {@code token} for the query {@code id} started by a request whose hash is {@code requestHash}; when the
     * token was claimed before, the claim that holds it.
     */
    public Optional<TokenClaim> claimToken(String token, String requestHash, String id)
    {
        String key = ROOT + "tokens/" + sha256(token) + ".json";
        TokenClaim claim = new TokenClaim(id, requestHash);
        if (documents.createIfAbsent(key, encodeValue(claim))) {
            return Optional.empty();
        }
        return documents.read(key).map(document -> decodeValue(document.content(), TokenClaim.class));
    }

    public record TokenClaim(String queryId, String requestHash) {}

    /** Remembers {@code execution} as the newest successful run of its query text in its work group. */
    public void rememberReusable(String queryHash, QueryExecution execution)
    {
        String key = ROOT + "reuse/" + execution.workGroup() + "/" + queryHash + ".json";
        byte[] content = execution.id().getBytes(StandardCharsets.UTF_8);
        for (int attempt = 0; attempt < 10; attempt++) {
            Optional<CatalogDocuments.Document> current = documents.read(key);
            if (current.isEmpty() ? documents.createIfAbsent(key, content) : documents.replaceIfUnchanged(key, content, current.get().etag())) {
                return;
            }
        }
    }

    public Optional<QueryExecution> findReusable(String workGroup, String queryHash)
    {
        return documents.read(ROOT + "reuse/" + workGroup + "/" + queryHash + ".json")
                .flatMap(document -> find(new String(document.content(), StandardCharsets.UTF_8)));
    }

    /** Deletes records (and their index markers) of queries submitted before {@code cutoff}; returns how many. */
    public int purgeBefore(Instant cutoff)
    {
        int purged = 0;
        LocalDate cutoffDay = LocalDate.ofInstant(cutoff, ZoneOffset.UTC);
        for (String year : documents.listFolders(ROOT)) {
            if (!year.matches("queries/\\d{4}/")) {
                continue;
            }
            for (String key : documents.list(year)) {
                String[] parts = key.split("/");
                LocalDate day = LocalDate.of(Integer.parseInt(parts[1]), Integer.parseInt(parts[2]), Integer.parseInt(parts[3]));
                if (day.isBefore(cutoffDay)) {
                    documents.read(key).ifPresent(document -> {
                        QueryExecution execution = decode(document.content());
                        documents.delete(indexKey(execution.workGroup(), execution.id(), execution.submissionTime()));
                    });
                    documents.delete(key);
                    purged++;
                }
            }
        }
        return purged;
    }

    /** Hex SHA-256 of {@code text}: fixed-length, key-safe names for tokens and query texts. */
    public static String sha256(String text)
    {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String recordKey(String id, Instant submitted)
    {
        LocalDate day = LocalDate.ofInstant(submitted, ZoneOffset.UTC);
        return "%s%04d/%02d/%02d/%s.json".formatted(ROOT, day.getYear(), day.getMonthValue(), day.getDayOfMonth(), id);
    }

    private static String indexKey(String workGroup, String id, Instant submitted)
    {
        return "%sindex/%s/%013d-%s".formatted(ROOT, workGroup, INVERSION_BASE - submitted.toEpochMilli(), id);
    }

    static byte[] encode(QueryExecution execution)
    {
        return encodeValue(execution);
    }

    static QueryExecution decode(byte[] content)
    {
        return decodeValue(content, QueryExecution.class);
    }

    private static byte[] encodeValue(Object value)
    {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(value);
        }
        catch (IOException e) {
            throw new IllegalStateException("Cannot encode " + value.getClass().getSimpleName(), e);
        }
    }

    private static <T> T decodeValue(byte[] content, Class<T> type)
    {
        try {
            return JSON.readValue(content, type);
        }
        catch (IOException e) {
            throw new TrawlException(ErrorCode.STORAGE_ERROR, "Cannot read a query history document: " + e.getMessage(), e);
        }
    }
}
