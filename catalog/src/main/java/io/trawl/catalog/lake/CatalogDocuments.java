package io.trawl.catalog.lake;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The storage the lake-native catalog needs, and nothing more: small documents addressed by keys relative to
 * the catalog's root ({@code sales/orders.json}), read together with their entity tag, and written only
 * conditionally. It is the catalog's port onto an object store (S3 or a local directory), kept here so the
 * catalog depends on no storage code.
 *
 * <p>Keys use {@code /} as folder separator and never start with it; folder keys end with it. Implementations
 * must make {@link #createIfAbsent} and {@link #replaceIfUnchanged} atomic between every writer that shares
 * the documents (S3's {@code If-None-Match: *} and {@code If-Match}); everything the catalog promises about
 * concurrent writers rests on that.
 *
 * <p>Failures other than the ones these methods answer with a value (storage down, access denied) are thrown
 * as {@link io.trawl.error.TrawlException} STORAGE_ERROR naming the key.
 */
public interface CatalogDocuments
{
    /** The document and the tag of exactly that version, or empty when there is no document at {@code key}. */
    Optional<Document> read(String key);

    /** Writes the document only if none exists at {@code key}; false (and nothing changed) when one does. */
    boolean createIfAbsent(String key, byte[] content);

    /**
     * Writes the document only if the stored version still has tag {@code etag}; false (and nothing changed)
     * when it was changed or deleted since.
     */
    boolean replaceIfUnchanged(String key, byte[] content, String etag);

    /** Deletes the document; deleting a missing document is not an error. */
    void delete(String key);

    /** The keys of every document under the folder {@code prefix}, recursively, in key order; empty when there is none. */
    List<String> list(String prefix);

    /** The folders directly under the folder {@code prefix}, as keys ending with {@code /}, in key order. */
    List<String> listFolders(String prefix);

    /** One version of a document: its bytes and the tag that names that version for {@link #replaceIfUnchanged}. */
    record Document(byte[] content, String etag)
    {
        public Document
        {
            requireNonNull(content, "content is null");
            requireNonNull(etag, "etag is null");
        }

        @Override
        public boolean equals(Object other)
        {
            return other instanceof Document document && Arrays.equals(content, document.content) && etag.equals(document.etag);
        }

        @Override
        public int hashCode()
        {
            return 31 * Arrays.hashCode(content) + etag.hashCode();
        }

        @Override
        public String toString()
        {
            return "Document[" + content.length + " bytes, etag=" + etag + "]";
        }
    }
}
