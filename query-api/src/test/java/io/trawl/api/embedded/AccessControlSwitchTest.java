package io.trawl.api.embedded;

import io.trawl.billing.BillingConfig;
import io.trawl.engine.Session;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trawl.scan.store.s3.S3Config;
import io.trawl.testing.TrawlRows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * TRAWL_ADMINS switches access control on in the embedded Trawl (its administrators manage it); without it every
 * user may do everything, as before. Grants persist in the meta store: a second Trawl over the same home sees them.
 */
class AccessControlSwitchTest
{
    @TempDir
    Path temporary;

    @Test
    void withoutAdministratorsEveryoneReadsEverything()
            throws IOException
    {
        EmbeddedTrawl trawl = open(Map.of());
        assertThat(TrawlRows.toRows(trawl.execute("SELECT count(*) FROM shop.sales", new Session("default", "anyone")))).isEqualTo(List.of(List.of(2L)));
        assertThatThrownBy(() -> trawl.execute("CREATE ROLE readers", new Session("default", "anyone")))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.NOT_SUPPORTED))
                .hasMessageContaining("TRAWL_ADMINS");
    }

    @Test
    void administratorsGrantAndGrantsOutliveTheTrawl()
            throws IOException
    {
        Map<String, String> environment = Map.of("TRAWL_ADMINS", " alice , bob ");
        EmbeddedTrawl trawl = open(environment);
        Session carol = new Session("default", "carol");
        assertThatThrownBy(() -> trawl.execute("SELECT count(*) FROM shop.sales", carol))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.ACCESS_DENIED))
                .hasMessage("Access Denied: Cannot select from table shop.sales");
        trawl.execute("CREATE USER carol", new Session("default", "bob"));
        trawl.execute("GRANT SELECT ON shop.sales TO USER carol", new Session("default", "alice"));

        EmbeddedTrawl reopened = EmbeddedTrawl.open(temporary.resolve("home"), S3Config.defaults(), Optional.empty(), settings(), environment);
        assertThat(TrawlRows.toRows(reopened.execute("SELECT count(*) FROM shop.sales", carol))).isEqualTo(List.of(List.of(2L)));
    }

    @Test
    void everyStatementLeavesAnAuditEventOnlyAdministratorsRead()
            throws IOException
    {
        EmbeddedTrawl trawl = open(Map.of("TRAWL_ADMINS", "alice"));
        Session alice = new Session("default", "alice");
        Session carol = new Session("default", "carol");
        assertThatThrownBy(() -> trawl.execute("SELECT sum(amount) FROM shop.sales", carol))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.ACCESS_DENIED));
        trawl.execute("SELECT sum(amount) FROM shop.sales WHERE id > 0", alice);
        assertThatThrownBy(() -> trawl.execute("SELECT count(*) FROM system.audit.events", carol))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.ACCESS_DENIED))
                .hasMessage("Access Denied: Cannot select from table system.audit.events");

        assertThat(TrawlRows.toRows(trawl.execute(
                "SELECT principal, statement, tables_read, columns_read, decision, reason FROM system.audit.events WHERE statement LIKE 'SELECT sum%' ORDER BY event_id",
                alice))).containsExactlyInAnyOrder(
                java.util.Arrays.asList("carol", "SELECT sum(amount) FROM shop.sales", List.of("shop.sales"), List.of(), "DENY", "Access Denied: Cannot select from table shop.sales"),
                java.util.Arrays.asList("alice", "SELECT sum(amount) FROM shop.sales WHERE id > 0", List.of("shop.sales"), List.of("shop.sales.amount", "shop.sales.id"), "ALLOW", null));
        assertThat(TrawlRows.toRows(trawl.execute("SELECT count(*) FROM system.audit.events WHERE decision = 'DENY'", alice))).isEqualTo(List.of(List.of(2L)));
    }

    private EmbeddedTrawl open(Map<String, String> environment)
            throws IOException
    {
        Path data = Files.createDirectories(temporary.resolve("data").resolve("sales"));
        Files.writeString(data.resolve("part-0.csv"), "1,2.50\n2,3.75\n");
        EmbeddedTrawl trawl = EmbeddedTrawl.open(temporary.resolve("home"), S3Config.defaults(), Optional.empty(), settings(), environment);
        Session admin = new Session("default", environment.isEmpty() ? "anyone" : "alice");
        trawl.execute("CREATE DATABASE shop", admin);
        trawl.execute("CREATE EXTERNAL TABLE shop.sales (id int, amount decimal(10,2)) ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' LOCATION '%s'".formatted(data.toUri()), admin);
        return trawl;
    }

    private static BillingSettings settings()
    {
        return new BillingSettings(BillingConfig.defaults(), "primary", java.time.Clock.fixed(Instant.parse("2026-12-05T08:00:00Z"), java.time.ZoneOffset.UTC));
    }
}
