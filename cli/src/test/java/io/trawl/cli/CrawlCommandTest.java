package io.trawl.cli;

import io.trawl.api.embedded.EmbeddedTrawl;
import io.trawl.engine.Session;
import io.trawl.testing.TrawlRows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code trawl crawl}: one line per table, exit 0 when a table was crawled and 1 when none could be. */
class CrawlCommandTest
{
    @TempDir
    Path temporary;

    private record Run(int exitCode, String out, String err) {}

    private Run run(String... args)
    {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliContext context = new CliContext(new PrintWriter(out), new PrintWriter(err), new ByteArrayInputStream(new byte[0]),
                Map.of("TRAWL_HOME", temporary.resolve("home").toString()), temporary.resolve("user-home"), (home, s3) -> EmbeddedTrawl.open(home, s3));
        int exitCode = new Main(context).run(args);
        return new Run(exitCode, out.toString().replace(System.lineSeparator(), "\n"), err.toString());
    }

    @Test
    void crawlCreatesTablesThatQueriesThenRead()
            throws IOException
    {
        Path orders = Files.createDirectories(temporary.resolve("lake/Orders-2024"));
        Files.writeString(orders.resolve("part-0.tsv"), "order_id\tcustomer\ttotal\n1\talice\t10.5\n2\tbob\t7.25\n3\tcarol\t1\n");

        Run first = run("crawl", temporary.resolve("lake").toString(), "--database", "shop");
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).as("folder name sanitized to Athena's rules").isEqualTo("created shop.orders_2024 (tsv, 3 columns)\n");

        EmbeddedTrawl trawl = EmbeddedTrawl.open(temporary.resolve("home"));
        assertThat(TrawlRows.toRows(trawl.execute("SELECT customer, total FROM orders_2024 ORDER BY order_id", Session.defaults().withSchema("shop"))))
                .as("header skipped, types inferred")
                .containsExactly(List.of("alice", 10.5), List.of("bob", 7.25), List.of("carol", 1.0));

        Run second = run("crawl", temporary.resolve("lake").toUri().toString(), "--database", "shop");
        assertThat(second.out()).isEqualTo("unchanged shop.orders_2024\n");
    }

    @Test
    void crawlWithNothingToCrawlExitsWithFailure()
            throws IOException
    {
        Path mixed = Files.createDirectories(temporary.resolve("lake/mixed"));
        Files.writeString(mixed.resolve("a.csv"), "x,y\n1,2\n");
        Files.writeString(mixed.resolve("b.json"), "{\"x\": 1}\n");

        Run run = run("crawl", temporary.resolve("lake").toString(), "--database", "shop");
        assertThat(run.exitCode()).isEqualTo(Main.EXIT_FAILED);
        assertThat(run.out()).isEqualTo("skipped " + mixed.toUri() + ": mixed formats in one folder: json (1 file), csv (1 file); put each format in its own folder\n");
    }
}
