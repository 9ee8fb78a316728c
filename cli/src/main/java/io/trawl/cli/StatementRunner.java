package io.trawl.cli;

import io.trawl.engine.QueryResult;
import io.trawl.engine.Session;

/**
 * Where the CLI sends statements. The embedded engine today ({@link io.trawl.cli.embedded.EmbeddedTrawl});
 * a remote Trawl API (--endpoint) later.
 */
public interface StatementRunner
{
    /**
     * Runs one statement, without its terminating semicolon.
     *
     * @throws io.trawl.error.TrawlException when the statement fails; the message is for the user
     */
    QueryResult execute(String sql, Session session);
}
