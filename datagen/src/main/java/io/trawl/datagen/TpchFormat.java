package io.trawl.datagen;

/** The file formats TPC-H tables are generated in. */
public enum TpchFormat
{
    /** Snappy-compressed Parquet with column statistics. */
    PARQUET("parquet"),
    /**
     * Delimited text with one header line, read with LazySimpleSerDe. The delimiter is '|', not ',': TPC-H
     * comments contain commas and LazySimpleSerDe cannot quote, while no TPC-H text contains '|'.
     */
    CSV("csv");

    private final String fileExtension;

    TpchFormat(String fileExtension)
    {
        this.fileExtension = fileExtension;
    }

    public String fileExtension()
    {
        return fileExtension;
    }
}
