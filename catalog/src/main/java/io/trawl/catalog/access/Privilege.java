package io.trawl.catalog.access;

/**
 * What a grant allows. USAGE and CREATE apply to a database; SELECT, INSERT, ALTER and DROP to a table or view
 * (or to every table of a database); SELECT also to single columns.
 */
public enum Privilege
{
    USAGE, CREATE, SELECT, INSERT, ALTER, DROP;

    public boolean onDatabase()
    {
        return this == USAGE || this == CREATE;
    }
}
