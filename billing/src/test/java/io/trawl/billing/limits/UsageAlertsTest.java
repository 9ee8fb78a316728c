package io.trawl.billing.limits;

import io.trawl.billing.ChargingRules;
import io.trawl.billing.PricingPolicy;
import io.trawl.billing.QueryOutcome;
import io.trawl.billing.StatementType;
import io.trawl.billing.ledger.InMemoryLedgerStorage;
import io.trawl.billing.ledger.UsageLedger;
import io.trawl.billing.ledger.UsageRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UsageAlertsTest
{
    private static final long MB = 1L << 20;

    private final UsageLedger ledger = new UsageLedger(new InMemoryLedgerStorage());
    private final InMemoryLedgerStorage state = new InMemoryLedgerStorage();

    private void billed(String queryId, String workGroup, String start, long bytes)
            throws IOException
    {
        Instant startTime = Instant.parse(start);
        ledger.record(UsageRecord.of(queryId, workGroup, "alice", StatementType.QUERY, QueryOutcome.SUCCEEDED,
                ChargingRules.charge(StatementType.QUERY, QueryOutcome.SUCCEEDED, bytes, PricingPolicy.defaults()), startTime, startTime.plusSeconds(1)));
    }

    @Test
    void firesOnceWhenTheWindowReachesTheThresholdThenAgainInTheNextWindow()
            throws IOException
    {
        UsageAlert hourly = new UsageAlert("hourly", AlertPeriod.HOUR, 100 * MB, false, Optional.empty());
        WorkGroupLimits limits = new WorkGroupLimits(OptionalLong.empty(), List.of(hourly));
        UsageAlerts alerts = new UsageAlerts(ledger, state);

        billed("q-0", "etl", "2026-12-05T09:59:59Z", 500 * MB);  // previous hour
        billed("q-1", "etl", "2026-12-05T10:05:00Z", 60 * MB);
        billed("q-x", "adhoc", "2026-12-05T10:06:00Z", 500 * MB); // another work group
        assertThat(alerts.check("etl", limits, Instant.parse("2026-12-05T10:06:00Z"))).isEmpty();

        billed("q-2", "etl", "2026-12-05T10:30:00Z", 40 * MB);   // exactly 100 MB in the hour
        List<FiredAlert> fired = alerts.check("etl", limits, Instant.parse("2026-12-05T10:31:00Z"));
        assertThat(fired).singleElement().satisfies(alert -> {
            assertThat(alert.bytesScanned()).isEqualTo(100 * MB);
            assertThat(alert.windowStart()).isEqualTo(Instant.parse("2026-12-05T10:00:00Z"));
            assertThat(alert.message()).isEqualTo("Work group etl scanned 104857600 bytes in the hour from 2026-12-05T10:00:00Z, reaching alert 'hourly' (threshold 104857600 bytes)");
        });

        billed("q-3", "etl", "2026-12-05T10:40:00Z", 10 * MB);
        assertThat(alerts.check("etl", limits, Instant.parse("2026-12-05T10:41:00Z"))).as("once per window").isEmpty();
        assertThat(new UsageAlerts(ledger, state).check("etl", limits, Instant.parse("2026-12-05T10:42:00Z")))
                .as("another process sharing the state does not fire it again").isEmpty();

        billed("q-4", "etl", "2026-12-05T11:01:00Z", 120 * MB);
        assertThat(alerts.check("etl", limits, Instant.parse("2026-12-05T11:02:00Z"))).as("the next hour").hasSize(1);
        assertThat(alerts.disabledReason("etl")).as("this alert does not disable").isEmpty();
    }

    @Test
    void aDisablingAlertDisablesTheWorkGroup()
            throws IOException
    {
        UsageAlert daily = new UsageAlert("daily", AlertPeriod.DAY, 10 * MB, true, Optional.of(URI.create("https://hooks.example/x")));
        UsageAlerts alerts = new UsageAlerts(ledger, state);
        billed("q-1", "etl", "2026-12-05T00:00:00Z", 11 * MB);

        List<FiredAlert> fired = alerts.check("etl", new WorkGroupLimits(OptionalLong.empty(), List.of(daily)), Instant.parse("2026-12-05T23:59:59Z"));

        assertThat(fired).hasSize(1);
        assertThat(alerts.disabledReason("etl")).contains(fired.getFirst().message());
        assertThat(fired.getFirst().message()).endsWith("; the work group is disabled");
        assertThat(fired.getFirst().toJson()).startsWith("{\"workGroup\":\"etl\",\"alert\":\"daily\",\"period\":\"DAY\",\"windowStart\":\"2026-12-05T00:00:00Z\",\"bytesScanned\":11534336,");
        assertThat(alerts.disabledReason("adhoc")).isEmpty();
    }

    @Test
    void limitsAreReadFromProperties()
    {
        LimitsConfig config = LimitsConfig.fromProperties(Map.of(
                "limits.bytes-scanned-cutoff-per-query", "1000000",
                "limits.workgroup.etl.bytes-scanned-cutoff-per-query", "5000",
                "limits.workgroup.etl.alert.hourly.threshold-bytes", "100",
                "limits.workgroup.etl.alert.hourly.period", "HOUR",
                "limits.workgroup.etl.alert.hourly.disable-workgroup", "true",
                "limits.workgroup.etl.alert.hourly.webhook", "https://hooks.example/etl",
                "limits.workgroup.bi.alert.daily.threshold-bytes", "200",
                "billing.price-per-tb", "5"));

        assertThat(config.limitsFor("etl")).isEqualTo(new WorkGroupLimits(OptionalLong.of(5000),
                List.of(new UsageAlert("hourly", AlertPeriod.HOUR, 100, true, Optional.of(URI.create("https://hooks.example/etl"))))));
        assertThat(config.limitsFor("bi")).isEqualTo(new WorkGroupLimits(OptionalLong.of(1_000_000), List.of(new UsageAlert("daily", AlertPeriod.DAY, 200, false, Optional.empty()))));
        assertThat(config.limitsFor("primary")).isEqualTo(new WorkGroupLimits(OptionalLong.of(1_000_000), List.of()));
        assertThat(LimitsConfig.none().limitsFor("primary")).isEqualTo(WorkGroupLimits.none());
    }

    @Test
    void badLimitsNameTheKey()
    {
        List<String> messages = new ArrayList<>();
        for (Map<String, String> properties : List.of(
                Map.of("limits.bytes-scanned-cutoff-per-query", "-1"),
                Map.of("limits.workgroup.etl.alert.hourly.period", "week", "limits.workgroup.etl.alert.hourly.threshold-bytes", "1"),
                Map.of("limits.workgroup.etl.alert.hourly.period", "hour"),
                Map.of("limits.workgroup.etl.alert.hourly.threshold-bytes", "1", "limits.workgroup.etl.alert.hourly.webhook", "ftp://x"),
                Map.of("limits.workgroup.etl.max-queries", "3"))) {
            assertThatThrownBy(() -> LimitsConfig.fromProperties(properties)).isInstanceOfSatisfying(IllegalArgumentException.class, e -> messages.add(e.getMessage()));
        }
        assertThat(messages).containsExactly(
                "limits.bytes-scanned-cutoff-per-query: invalid value '-1' (a positive number of bytes)",
                "limits.workgroup.etl.alert.hourly.period: invalid value 'week' (hour or day)",
                "limits.workgroup.etl.alert.hourly.threshold-bytes is required",
                "limits.workgroup.etl.alert.hourly.webhook: invalid URL 'ftp://x'",
                "limits.workgroup.etl.max-queries: unknown setting (limits.bytes-scanned-cutoff-per-query, limits.workgroup.<work group>.bytes-scanned-cutoff-per-query or limits.workgroup.<work group>.alert.<name>.<setting>)");
    }
}
