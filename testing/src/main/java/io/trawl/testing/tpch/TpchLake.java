package io.trawl.testing.tpch;

import io.trawl.catalog.local.LocalCatalogStore;
import io.trawl.datagen.TpchFormat;
import io.trawl.engine.EngineConfig;
import io.trawl.engine.QueryEngine;
import io.trawl.engine.QueryResult;
import io.trawl.engine.Session;
import io.trawl.scan.LakeScanProvider;
import io.trawl.testing.DuckDbOracle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * TPC-H tables for tests: the data is generated once per scale factor and format into the build directory
 * ({@code target/tpch-sf0.01-parquet/}) and kept between runs; each JVM registers it in a fresh catalog
 * under a temporary home, as database {@code tpch}, and queries run with {@code tpch} as the session schema.
 * Two files per table, so every table is read from more than one file.
 *
 * <p>Lakes are shared by all tests of a JVM: tests must not change the {@code tpch} tables.
 */
public final class TpchLake
{
    public static final double DEFAULT_SCALE_FACTOR = 0.01;
    public static final String SCHEMA = "tpch";
    private static final int FILES_PER_TABLE = 2;

    private static final Map<String, TpchLake> LAKES = new HashMap<>();

    private final double scaleFactor;
    private final TpchFormat format;
    private final Path dataDirectory;
    private final QueryEngine engine;
    private final Session session;
    private DuckDbOracle oracle;

    private TpchLake(double scaleFactor, TpchFormat format, Path dataDirectory, QueryEngine engine, Session session)
    {
        this.scaleFactor = scaleFactor;
        this.format = requireNonNull(format, "format is null");
        this.dataDirectory = requireNonNull(dataDirectory, "dataDirectory is null");
        this.engine = requireNonNull(engine, "engine is null");
        this.session = requireNonNull(session, "session is null");
    }

    public static TpchLake parquet()
    {
        return of(DEFAULT_SCALE_FACTOR, TpchFormat.PARQUET);
    }

    public static TpchLake csv()
    {
        return of(DEFAULT_SCALE_FACTOR, TpchFormat.CSV);
    }

    public static synchronized TpchLake of(double scaleFactor, TpchFormat format)
    {
        String name = "tpch-sf%s-%s".formatted(scaleFactorName(scaleFactor), format.name().toLowerCase(Locale.ROOT));
        return LAKES.computeIfAbsent(name, _ -> create(name, scaleFactor, format));
    }

    /** Data files only: for tests that need the TPC-H files but not Trawl's engine (the oracle's self-test). */
    public static synchronized Path dataDirectory(double scaleFactor, TpchFormat format)
    {
        Path directory = buildDirectory().resolve("tpch-sf%s-%s".formatted(scaleFactorName(scaleFactor), format.name().toLowerCase(Locale.ROOT)));
        TpchTables.generateIfAbsent(directory, scaleFactor, format, FILES_PER_TABLE);
        return directory;
    }

    public QueryResult run(String sql)
    {
        return engine.execute(sql, session);
    }

    /** DuckDB with views over this lake's files; opened on first use and kept for the JVM's life. */
    public synchronized DuckDbOracle oracle()
    {
        if (oracle == null) {
            DuckDbOracle opened = DuckDbOracle.open();
            TpchTables.createOracleViews(opened, dataDirectory, format);
            oracle = opened;
        }
        return oracle;
    }

    public QueryEngine engine()
    {
        return engine;
    }

    public Session session()
    {
        return session;
    }

    public double scaleFactor()
    {
        return scaleFactor;
    }

    public TpchFormat format()
    {
        return format;
    }

    public Path dataDirectory()
    {
        return dataDirectory;
    }

    private static TpchLake create(String name, double scaleFactor, TpchFormat format)
    {
        Path dataDirectory = dataDirectory(scaleFactor, format);
        try {
            Path home = Files.createTempDirectory("trawl-" + name + "-home-");
            Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> deleteQuietly(home)));
            QueryEngine engine = new QueryEngine(new LocalCatalogStore(home.resolve("catalog")), LakeScanProvider.forLocalFiles(), EngineConfig.defaults());
            Session session = TpchTables.registerTables(engine, Session.defaults(), SCHEMA, dataDirectory, format);
            return new TpchLake(scaleFactor, format, dataDirectory, engine, session);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot create a catalog home for " + name, e);
        }
    }

    /** Surefire runs in the module directory and sets {@code basedir}; the data lives next to the classes. */
    private static Path buildDirectory()
    {
        return Path.of(System.getProperty("basedir", ".")).toAbsolutePath().resolve("target");
    }

    static String scaleFactorName(double scaleFactor)
    {
        return BigDecimal.valueOf(scaleFactor).stripTrailingZeros().toPlainString();
    }

    private static void deleteQuietly(Path directory)
    {
        try {
            TpchTables.deleteRecursively(directory);
        }
        catch (IOException ignored) {
            // a temporary directory left behind is not worth failing the JVM's exit for
        }
    }
}
