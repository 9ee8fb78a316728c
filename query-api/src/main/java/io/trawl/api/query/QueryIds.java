package io.trawl.api.query;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;

/**
 * Query execution ids: UUIDs of version 7 (RFC 9562), whose first 48 bits are the submission time in milliseconds.
 * They look like Athena's ids to every client, and they let the history find a record's day folder from the id
 * alone, and list newest first without reading records.
 */
public final class QueryIds
{
    private static final SecureRandom RANDOM = new SecureRandom();

    private QueryIds() {}

    public static String newId(Instant submissionTime)
    {
        long millis = submissionTime.toEpochMilli();
        long randomA = RANDOM.nextInt(1 << 12);
        long mostSignificant = (millis << 16) | (0x7L << 12) | randomA;
        long leastSignificant = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(mostSignificant, leastSignificant).toString();
    }

    /** The submission time an id carries; empty for text that is not a version-7 UUID (so no record can exist for it). */
    public static java.util.Optional<Instant> submissionTime(String id)
    {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        }
        catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
        if (uuid.version() != 7 || !uuid.toString().equalsIgnoreCase(id)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(Instant.ofEpochMilli(uuid.getMostSignificantBits() >>> 16));
    }
}
