package io.trawl.billing;

import static java.util.Objects.requireNonNull;

/**
 * The bytes a query is charged for: what it read from storage, rounded up to the next whole megabyte,
 * with a minimum of 10 MB per query (Athena's rule: "rounded up to the nearest megabyte, with a 10 MB
 * minimum per query").
 *
 * @param bytesScanned what the query read from storage
 * @param bytes what the query is billed for; a whole number of megabytes, at least 10
 * @param unit the size of a megabyte
 */
public record BilledBytes(long bytesScanned, long bytes, ByteUnit unit)
{
    public static final long MINIMUM_MEGABYTES = 10;

    public BilledBytes
    {
        requireNonNull(unit, "unit is null");
        if (bytesScanned < 0) {
            throw new IllegalArgumentException("bytesScanned is negative: " + bytesScanned);
        }
        if (bytes % unit.bytesPerMegabyte() != 0 || bytes < MINIMUM_MEGABYTES * unit.bytesPerMegabyte() || bytes < bytesScanned) {
            throw new IllegalArgumentException("billed bytes %s are not a whole number of megabytes, at least 10 and at least %s scanned".formatted(bytes, bytesScanned));
        }
    }

    /** Billed bytes in binary units (1 MB = 2^20 bytes), as Athena meters. */
    public static BilledBytes of(long bytesScanned)
    {
        return of(bytesScanned, ByteUnit.BINARY);
    }

    public static BilledBytes of(long bytesScanned, ByteUnit unit)
    {
        requireNonNull(unit, "unit is null");
        if (bytesScanned < 0) {
            throw new IllegalArgumentException("bytesScanned is negative: " + bytesScanned);
        }
        long megabytes = Math.max(MINIMUM_MEGABYTES, Math.ceilDiv(bytesScanned, unit.bytesPerMegabyte()));
        return new BilledBytes(bytesScanned, Math.multiplyExact(megabytes, unit.bytesPerMegabyte()), unit);
    }

    public long megabytes()
    {
        return bytes / unit.bytesPerMegabyte();
    }
}
