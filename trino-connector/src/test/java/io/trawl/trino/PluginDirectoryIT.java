package io.trawl.trino;

import io.trawl.billing.ledger.UsageRecord;
import io.trawl.testing.tpch.TpchLake;
import io.trawl.testing.tpch.TpchQueries;
import io.trino.server.PluginManager;
import io.trino.spi.Plugin;
import io.trino.testing.QueryRunner.MaterializedResultWithPlan;
import org.junit.jupiter.api.Test;

import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged plugin directory (target/trawl-trino-plugin/trawl/) loaded as a Trino server loads a plugin: its jars
 * alone in Trino's plugin class loader (the SPI and its libraries from the server), the plugin found through its
 * service entry. The cluster then runs a TPC-H query through it and bills it.
 */
class PluginDirectoryIT
{
    @Test
    void serverLoadsThePluginDirectoryAndRunsTpchThroughIt()
            throws Exception
    {
        Path directory = Path.of(System.getProperty("basedir", ".")).resolve("target/trawl-trino-plugin/trawl");
        List<URL> jars = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path jar : files.filter(file -> file.toString().endsWith(".jar")).sorted().toList()) {
                jars.add(url(jar));
            }
        }
        ClassLoader pluginLoader = PluginManager.createClassLoader("trawl", jars);
        Plugin plugin = ServiceLoader.load(Plugin.class, pluginLoader).findFirst().orElseThrow();
        assertThat(plugin.getClass().getName()).isEqualTo(TrawlPlugin.class.getName());
        assertThat(plugin.getClass().getClassLoader()).as("the plugin's own classes come from its directory").isNotSameAs(TrawlPlugin.class.getClassLoader());
        assertThat(directory.resolve("trino-spi-483.jar")).as("the server provides the SPI").doesNotExist();

        try (TrinoLakeCluster cluster = TrinoLakeCluster.start(plugin)) {
            String sql = TpchQueries.query(3, TpchLake.DEFAULT_SCALE_FACTOR);
            MaterializedResultWithPlan trino = cluster.run(TrinoLakeCluster.ADMIN, sql);
            assertThat(trino.result().getRowCount()).isEqualTo(cluster.oracle().query(sql).size());
            List<UsageRecord> usage = cluster.usageOf(trino.queryId().toString());
            assertThat(usage).hasSize(1);
            assertThat(usage.getFirst().bytesScanned()).isEqualTo(cluster.coldTrawl().execute(sql, cluster.trawlSession()).bytesScanned());
        }
    }

    private static URL url(Path jar)
    {
        try {
            return jar.toUri().toURL();
        }
        catch (MalformedURLException e) {
            throw new IllegalArgumentException(jar.toString(), e);
        }
    }
}
