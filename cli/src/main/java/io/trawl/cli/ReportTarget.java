package io.trawl.cli;

import io.trawl.api.rest.RestShapes;

import java.util.List;

/**
 * Where {@code trawl reports} keeps and runs reports: this machine's Trawl (its meta store, queries run in this
 * process) or a Trawl API at {@code --endpoint}. Both speak the REST API's shapes, so every subcommand prints the same
 * either way.
 */
interface ReportTarget
        extends AutoCloseable
{
    RestShapes.Report create(RestShapes.CreateReport report);

    List<RestShapes.Report> list();

    RestShapes.Report show(String name);

    RestShapes.Report delete(String name);

    /** Runs the report now; with {@code wait}, answers the run once it has ended, else as started. */
    RestShapes.ReportRun run(String name, boolean wait);

    List<RestShapes.ReportRun> history(String name, int limit);

    @Override
    void close();
}
