package io.trawl.billing;

/**
 * What kind of statement a query was, as far as billing cares. Athena bills statements that read data
 * (queries, DML such as INSERT INTO / CTAS / UNLOAD, and EXPLAIN ANALYZE, which runs the query); DDL, the
 * statements that manage partitions (MSCK REPAIR TABLE, ALTER TABLE ADD/DROP PARTITION, SHOW PARTITIONS),
 * EXPLAIN without ANALYZE and other utility statements are free
 * (https://aws.amazon.com/athena/pricing/: "You are not charged for ... DDL statements ... statements for
 * managing partitions, or failed queries").
 */
public enum StatementType
{
    QUERY(true),
    DML(true),
    EXPLAIN_ANALYZE(true),
    DDL(false),
    PARTITION(false),
    EXPLAIN(false),
    UTILITY(false);

    private final boolean readsData;

    StatementType(boolean readsData)
    {
        this.readsData = readsData;
    }

    /** Whether statements of this kind are billed for the data they read. */
    public boolean readsData()
    {
        return readsData;
    }
}
