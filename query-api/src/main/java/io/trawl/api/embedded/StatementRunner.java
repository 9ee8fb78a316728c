package io.trawl.api.embedded;

import io.trawl.billing.PricingPolicy;
import io.trawl.engine.QueryResult;
import io.trawl.engine.Session;

import java.util.UUID;

/**
 * Runs statements in this process: the embedded engine ({@link io.trawl.api.embedded.EmbeddedTrawl}), or a fake of it
 * in tests. (The CLI reaches a remote Trawl API through the REST API instead, with {@code trawl query --endpoint}.)
 */
public interface StatementRunner
{
    /**
     * Runs one statement, without its terminating semicolon.
     *
     * @throws io.trawl.error.TrawlException when the statement fails; the message is for the user
     */
    QueryResult execute(String sql, Session session);

    /**
     * Runs one statement as {@link #execute} does and says what it was charged. A runner that bills (the embedded
     * engine, which records usage) returns the charge it recorded; this default prices the result by Athena's rules
     * at the default price, recording nothing.
     */
    default StatementRun run(String sql, Session session)
    {
        QueryResult result = execute(sql, session);
        return new StatementRun(UUID.randomUUID().toString(), result, StatementRun.charge(sql, result, PricingPolicy.defaults()));
    }
}
