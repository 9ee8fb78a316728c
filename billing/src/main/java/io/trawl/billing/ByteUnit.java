package io.trawl.billing;

/**
 * How many bytes a megabyte and a terabyte are when metering. Athena bills in binary units (its docs
 * say "10 MB minimum" and "$5 per TB" but AWS meters data in 2^20 / 2^40 bytes); some deployments quote
 * decimal units instead, so it is a setting.
 */
public enum ByteUnit
{
    /** 1 MB = 2^20 bytes, 1 TB = 2^40 bytes. */
    BINARY(1L << 20, 1L << 40),
    /** 1 MB = 10^6 bytes, 1 TB = 10^12 bytes. */
    DECIMAL(1_000_000L, 1_000_000_000_000L);

    private final long bytesPerMegabyte;
    private final long bytesPerTerabyte;

    ByteUnit(long bytesPerMegabyte, long bytesPerTerabyte)
    {
        this.bytesPerMegabyte = bytesPerMegabyte;
        this.bytesPerTerabyte = bytesPerTerabyte;
    }

    public long bytesPerMegabyte()
    {
        return bytesPerMegabyte;
    }

    public long bytesPerTerabyte()
    {
        return bytesPerTerabyte;
    }
}
