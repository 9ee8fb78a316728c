package io.trawl.cli;

import io.trawl.api.embedded.StatementRunner;
import io.trawl.api.embedded.StatementRun;
import io.trawl.billing.PricingPolicy;
import io.trawl.cli.output.OutputFormat;
import io.trawl.datagen.TpchFormat;
import io.trawl.datagen.TpchGenerator;
import io.trawl.engine.QueryResult;
import io.trawl.engine.Session;
import io.trawl.engine.parser.StatementParser;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import static java.util.Objects.requireNonNull;

/**
 * {@code trawl demo}: TPC-H as Parquet files in {@code <home>/lake/tpch}, external tables over them in
 * database {@code tpch}, and three TPC-H queries with what they read and would cost on Athena.
 * Idempotent: a second run reuses the files (when the scale factor is the same) and the tables.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Generate TPC-H data, create tables over it and run TPC-H Q1, Q3 and Q6.")
final class DemoCommand
        implements Callable<Integer>
{
    static final String SCHEMA = "tpch";
    /** Written last, after all tables' files: its presence with the same scale factor means the data is complete. */
    static final String COMPLETE_MARKER = "_trawl_demo_scale_factor";

    private static final List<DemoQuery> QUERIES = List.of(
            new DemoQuery("Q1", "pricing summary report", "demo/q01.sql"),
            new DemoQuery("Q3", "shipping priority", "demo/q03.sql"),
            new DemoQuery("Q6", "forecasting revenue change", "demo/q06.sql"));

    private final CliContext context;

    @Option(names = "--sf", paramLabel = "SCALE", defaultValue = "0.1", description = "TPC-H scale factor (default: ${DEFAULT-VALUE}, about 30 MB of Parquet)")
    double scaleFactor;

    @Mixin
    CommonOptions common = new CommonOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    DemoCommand(CliContext context)
    {
        this.context = requireNonNull(context, "context is null");
    }

    @Override
    public Integer call()
    {
        if (!(scaleFactor > 0)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--sf must be positive, got " + scaleFactor);
        }
        PrintWriter out = context.out();
        Path trawlHome = common.resolveHome(context);
        Path dataDirectory = trawlHome.resolve("lake").resolve(SCHEMA);
        StatementRunner trawl = common.openTrawl(context);

        progress("Trawl home: " + trawlHome);
        ensureData(dataDirectory);

        Session session = Session.defaults();
        session = trawl.execute("CREATE DATABASE IF NOT EXISTS " + SCHEMA, session).session();
        for (String table : TpchGenerator.tableNames()) {
            String ddl = TpchGenerator.createTableSql(SCHEMA, table, dataDirectory.resolve(table).toUri(), TpchFormat.PARQUET);
            session = trawl.execute(ddl, session).session();
        }
        progress("Tables: %s.{%s}".formatted(SCHEMA, String.join(", ", TpchGenerator.tableNames())));

        session = session.withSchema(SCHEMA);
        for (DemoQuery query : QUERIES) {
            out.println();
            out.printf("-- TPC-H %s (%s)%n", query.name(), query.title());
            out.flush();
            long start = System.nanoTime();
            StatementRun run = trawl.run(query.sql(), session);
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            QueryResult result = run.result();
            OutputFormat.TABLE.print(result, out);
            PricingPolicy pricing = run.charge().policy();
            out.printf(Locale.ROOT, "Data scanned: %s (%,d bytes), billed %d MB, Athena-equivalent cost %s at %s/TB; %,d ms%n",
                    humanBytes(result.bytesScanned()), result.bytesScanned(), run.charge().billedBytes() / pricing.unit().bytesPerMegabyte(),
                    run.charge().displayCost(), pricing.display(pricing.pricePerTerabyte()), elapsedMillis);
            out.flush();
        }
        out.println();
        out.printf("Try: ./trawl query --schema %s \"SELECT count(*) FROM lineitem\"%n", SCHEMA);
        out.flush();
        return 0;
    }

    /**
     * Generates the data unless a complete copy at this scale factor is there. Generation goes to a
     * sibling directory that replaces the old one only when complete, so an interrupted run never leaves
     * half-written tables behind the catalog's locations.
     */
    private void ensureData(Path dataDirectory)
    {
        String scale = Double.toString(scaleFactor);
        Path marker = dataDirectory.resolve(COMPLETE_MARKER);
        try {
            if (Files.isRegularFile(marker) && Files.readString(marker).strip().equals(scale)) {
                progress("Reusing TPC-H SF %s in %s".formatted(scale, dataDirectory));
                return;
            }
            progress("Generating TPC-H SF %s as Parquet into %s ...".formatted(scale, dataDirectory));
            long start = System.nanoTime();
            Path partial = dataDirectory.resolveSibling(dataDirectory.getFileName() + ".partial");
            deleteRecursively(partial);
            Files.createDirectories(partial);
            TpchGenerator.generate(partial, scaleFactor, TpchFormat.PARQUET, 1);
            Files.writeString(partial.resolve(COMPLETE_MARKER), scale + "\n");
            deleteRecursively(dataDirectory);
            Files.move(partial, dataDirectory);
            progress(String.format(Locale.ROOT, "Generated in %,d ms", (System.nanoTime() - start) / 1_000_000));
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot write the demo data under " + dataDirectory, e);
        }
    }

    private void progress(String message)
    {
        context.out().println(message);
        context.out().flush();
    }

    static String humanBytes(long bytes)
    {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KB", "MB", "GB", "TB", "PB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.2f %s", value, units[unit]);
    }

    private static void deleteRecursively(Path directory)
            throws IOException
    {
        if (!Files.exists(directory)) {
            return;
        }
        Files.walkFileTree(directory, new SimpleFileVisitor<>()
        {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
                    throws IOException
            {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exception)
                    throws IOException
            {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** One of the demo's TPC-H queries; its text is a resource in io/trawl/cli/demo. */
    record DemoQuery(String name, String title, String resource)
    {
        DemoQuery
        {
            requireNonNull(name, "name is null");
            requireNonNull(title, "title is null");
            requireNonNull(resource, "resource is null");
        }

        String sql()
        {
            try (InputStream stream = DemoCommand.class.getResourceAsStream(resource)) {
                if (stream == null) {
                    throw new IllegalStateException("Missing demo query resource " + resource);
                }
                List<String> statements = StatementParser.splitStatements(new String(stream.readAllBytes(), StandardCharsets.UTF_8));
                return statements.getFirst();
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
