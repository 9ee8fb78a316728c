package io.trawl.cli;

import io.trawl.engine.Session;

/**
 * Where {@code trawl query} and {@code trawl tables} send statements: the engine in this process
 * ({@link EmbeddedStatements}) or a Trawl API ({@link RemoteStatements}, {@code --endpoint}).
 */
interface StatementTarget
{
    /**
     * Runs one statement, without its terminating semicolon, in {@code session}; its rows are read (once) before
     * the next statement runs.
     *
     * @throws io.trawl.error.TrawlException or {@link io.trawl.cli.remote.TrawlApiException} when it fails; the
     * message is for the user
     */
    StatementOutcome run(String sql, Session session);
}
