package io.trawl.scan.crawl;

/** The file formats the crawler recognises, by content first and by extension where content cannot tell. */
enum DataFormat
{
    PARQUET("parquet"),
    AVRO("avro"),
    JSON("json"),
    DELIMITED("csv");

    private final String classification;

    DataFormat(String classification)
    {
        this.classification = classification;
    }

    /** Glue's {@code classification} table parameter for the format. */
    String classification()
    {
        return classification;
    }
}
