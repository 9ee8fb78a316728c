package io.trawl.api.embedded;

import com.sun.net.httpserver.HttpServer;
import io.trawl.billing.BillingConfig;
import io.trawl.billing.QueryOutcome;
import io.trawl.billing.ledger.UsageDates;
import io.trawl.billing.ledger.UsageRecord;
import io.trawl.billing.limits.LimitsConfig;
import io.trawl.api.embedded.StatementRun;
import io.trawl.testing.time.TestClock;
import io.trawl.engine.QueryControl;
import io.trawl.engine.Session;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trawl.scan.store.s3.S3Config;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A work group's limits in the embedded engine: its BytesScannedCutoffPerQuery cancels a query that passes it (billed
 * for what it read), and a usage alert fires once when the day's data scanned reaches its threshold, logging, posting
 * to its webhook and disabling the work group for the statements after, without cancelling the one that crossed it.
 */
class WorkGroupLimitsTest
{
    private static final long MIB = 1L << 20;

    @TempDir
    Path temporary;

    private final TestClock clock = new TestClock(Instant.parse("2026-12-05T08:00:00Z"));
    private final Session session = Session.defaults();
    private final List<String> alertLog = new CopyOnWriteArrayList<>();
    private final List<String> webhookBodies = new CopyOnWriteArrayList<>();
    private HttpServer webhook;
    private long bigBytes;

    @BeforeEach
    void start()
            throws IOException
    {
        webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webhook.createContext("/alerts", exchange -> {
            webhookBodies.add(new String(exchange.getRequestBody().readAllBytes(), UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        webhook.start();
        Path big = Files.createDirectories(temporary.resolve("data").resolve("big"));
        try (BufferedWriter writer = Files.newBufferedWriter(big.resolve("part-0.csv"))) {
            for (int i = 0; i < 450_000; i++) {
                writer.write(i + ",name" + i + "," + (i % 10_000) + "." + (i % 100) / 10 + (i % 10) + "\n");
            }
        }
        bigBytes = Files.size(big.resolve("part-0.csv"));
    }

    @AfterEach
    void stop()
    {
        webhook.stop(0);
    }

    private EmbeddedTrawl open(String workGroup, Map<String, String> limits)
    {
        BillingSettings settings = new BillingSettings(BillingConfig.defaults(), workGroup, clock, LimitsConfig.fromProperties(limits), alertLog::add);
        EmbeddedTrawl trawl = EmbeddedTrawl.open(temporary.resolve("home"), S3Config.defaults(), Optional.empty(), settings);
        trawl.execute("CREATE DATABASE IF NOT EXISTS shop", session);
        trawl.execute("CREATE EXTERNAL TABLE IF NOT EXISTS shop.big (id int, name string, amount decimal(10,2)) ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' LOCATION '%s'"
                .formatted(temporary.resolve("data").resolve("big").toUri()), session);
        return trawl;
    }

    @Test
    void theWorkGroupsCutoffCancelsAQueryThatPassesItAndBillsWhatItRead()
            throws IOException
    {
        EmbeddedTrawl trawl = open("etl", Map.of("limits.workgroup.etl.bytes-scanned-cutoff-per-query", String.valueOf(MIB)));

        assertThatThrownBy(() -> trawl.run("SELECT count(*), sum(amount) FROM shop.big", session))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.EXCEEDED_SCAN_LIMIT))
                .hasMessage(QueryControl.SCAN_LIMIT_MESSAGE);

        List<UsageRecord> records = trawl.ledger().read(UsageDates.all());
        assertThat(records).singleElement().satisfies(record -> {
            assertThat(record.workGroup()).isEqualTo("etl");
            assertThat(record.outcome()).isEqualTo(QueryOutcome.CANCELLED);
            assertThat(record.bytesScanned()).as("read past the cutoff, not the whole file").isGreaterThan(MIB).isLessThan(bigBytes);
        });
    }

    @Test
    void anAlertFiresOnceNotifiesAndDisablesTheWorkGroupWithoutCancellingTheQuery()
    {
        long threshold = bigBytes + bigBytes / 2;
        EmbeddedTrawl trawl = open("etl", Map.of(
                "limits.workgroup.etl.alert.daily.threshold-bytes", String.valueOf(threshold),
                "limits.workgroup.etl.alert.daily.disable-workgroup", "true",
                "limits.workgroup.etl.alert.daily.webhook", "http://127.0.0.1:%d/alerts".formatted(webhook.getAddress().getPort())));

        trawl.run("SELECT count(*) FROM shop.big", session);
        assertThat(alertLog).as("under the threshold").isEmpty();

        clock.set(Instant.parse("2026-12-05T09:00:00Z"));
        StatementRun crossing = trawl.run("SELECT sum(amount) FROM shop.big", session);
        assertThat(crossing.result().rowCount()).as("the query that crossed the threshold ran to the end").isEqualTo(1);
        assertThat(alertLog).singleElement().isEqualTo(("ALERT Work group etl scanned %d bytes in the day from 2026-12-05T00:00:00Z, reaching alert 'daily' "
                + "(threshold %d bytes); the work group is disabled").formatted(2 * bigBytes, threshold));
        assertThat(webhookBodies).singleElement().asString()
                .contains("\"workGroup\":\"etl\"", "\"alert\":\"daily\"", "\"bytesScanned\":" + 2 * bigBytes, "\"workGroupDisabled\":true");

        assertThatThrownBy(() -> trawl.run("SELECT count(*) FROM shop.big", session))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.WORKGROUP_DISABLED))
                .hasMessageStartingWith("Work group etl is disabled: Work group etl scanned ");
        assertThat(alertLog).as("fired once").hasSize(1);

        // another work group sharing the meta location is not affected
        assertThat(open("adhoc", Map.of()).run("SELECT count(*) FROM shop.big", session).charge().billable()).isTrue();
    }
}
