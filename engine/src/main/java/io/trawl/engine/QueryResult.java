package io.trawl.engine;

import io.trawl.engine.write.WrittenFile;
import io.trino.spi.Page;

import java.util.List;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The complete result of one statement: its columns, its rows as Trino Pages, what it read from storage
 * (in total and per scan task), and the session to use for the next statement (changed by {@code USE}).
 * {@code systemTablesRead} names the system tables it read (three-part names, e.g. the usage ledger), whose scan
 * tasks report their table by that name: what a caller that does not bill them subtracts from {@code bytesScanned}.
 * {@code writtenFiles} are the data files a write (CTAS, INSERT INTO, UNLOAD) published, in their final places: what
 * Athena lists in the query's data manifest ({@code <query id>-manifest.csv}).
 */
public record QueryResult(
        StatementKind kind,
        List<ResultColumn> columns,
        List<Page> pages,
        long bytesScanned,
        Session session,
        List<TaskStats> tasks,
        Set<String> systemTablesRead,
        List<WrittenFile> writtenFiles)
{
    public QueryResult
    {
        requireNonNull(kind, "kind is null");
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        pages = List.copyOf(requireNonNull(pages, "pages is null"));
        requireNonNull(session, "session is null");
        tasks = List.copyOf(requireNonNull(tasks, "tasks is null"));
        systemTablesRead = Set.copyOf(requireNonNull(systemTablesRead, "systemTablesRead is null"));
        writtenFiles = List.copyOf(requireNonNull(writtenFiles, "writtenFiles is null"));
    }

    /** A result that wrote no files. */
    public QueryResult(StatementKind kind, List<ResultColumn> columns, List<Page> pages, long bytesScanned, Session session, List<TaskStats> tasks, Set<String> systemTablesRead)
    {
        this(kind, columns, pages, bytesScanned, session, tasks, systemTablesRead, List.of());
    }

    /** A query's result that read no system tables. */
    public QueryResult(StatementKind kind, List<ResultColumn> columns, List<Page> pages, long bytesScanned, Session session, List<TaskStats> tasks)
    {
        this(kind, columns, pages, bytesScanned, session, tasks, Set.of());
    }

    /** A result that ran no scan tasks (DDL, metadata statements). */
    public QueryResult(StatementKind kind, List<ResultColumn> columns, List<Page> pages, long bytesScanned, Session session)
    {
        this(kind, columns, pages, bytesScanned, session, List.of(), Set.of());
    }

    public long rowCount()
    {
        long rows = 0;
        for (Page page : pages) {
            rows += page.getPositionCount();
        }
        return rows;
    }
}
