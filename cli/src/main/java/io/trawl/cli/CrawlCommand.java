package io.trawl.cli;

import io.trawl.catalog.local.LocalCatalogStore;
import io.trawl.scan.crawl.CrawlReport;
import io.trawl.scan.crawl.Crawler;
import io.trawl.scan.store.RoutingObjectStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import static java.util.Objects.requireNonNull;

/**
 * {@code trawl crawl <location> --database db}: infers tables from the folders under a location (local or
 * S3) and creates or updates them in the catalog at Trawl's home, printing one line per table. Exit code 1
 * when no table could be crawled.
 */
@Command(name = "crawl", mixinStandardHelpOptions = true,
        description = "Infer tables from a folder tree of Parquet/Avro/CSV/JSON files (one table per sub-folder, key=value folders as partitions) and create or update them.")
final class CrawlCommand
        implements Callable<Integer>
{
    private final CliContext context;

    @Mixin
    CommonOptions common = new CommonOptions();

    @Parameters(index = "0", paramLabel = "LOCATION", description = "Folder to crawl: s3://bucket/prefix/, file:///path/ or a local path")
    String location;

    @Option(names = "--database", paramLabel = "NAME", required = true, description = "Database to create the tables in (created if missing)")
    String database;

    CrawlCommand(CliContext context)
    {
        this.context = requireNonNull(context, "context is null");
    }

    @Override
    public Integer call()
            throws Exception
    {
        Path home = common.resolveHome(context);
        try (RoutingObjectStore store = RoutingObjectStore.create(common.resolveS3(context.environment()))) {
            Crawler crawler = new Crawler(store, new LocalCatalogStore(home.resolve("catalog")), System.getProperty("user.name", "trawl"));
            CrawlReport report = crawler.crawl(location, database);
            report.lines().forEach(context.out()::println);
            if (report.changes().isEmpty()) {
                context.out().println("no data files under " + location);
            }
            return report.crawledAnyTable() ? 0 : Main.EXIT_FAILED;
        }
    }
}
