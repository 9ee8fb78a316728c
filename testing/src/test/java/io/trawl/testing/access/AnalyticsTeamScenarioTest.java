package io.trawl.testing.access;

import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The grants an analytics team uses, end to end: schemas {@code raw_data} (landed data), {@code analytics} (curated
 * tables), {@code adhoc} (scratch) and {@code pii}; groups {@code analytics_users}, {@code analytics_authors} and
 * {@code pii_users}; roles {@code analyst} and {@code author}, where an author is also an analyst.
 */
class AnalyticsTeamScenarioTest
{
    private final AccessLake lake = new AccessLake();

    @AfterEach
    void tearDown()
    {
        lake.close();
    }

    @Test
    void authorsCurateAnalystsReadAndOnlyPiiUsersSeePersonalData()
    {
        for (String schema : List.of("raw_data", "analytics")) {
            lake.admin("CREATE DATABASE " + schema);
        }
        lake.admin("CREATE EXTERNAL TABLE raw_data.customers (id bigint, name string, ssn string) STORED AS PARQUET LOCATION '%s'".formatted(lake.location("customers")));
        for (String user : List.of("ann", "abe", "pat")) {
            lake.admin("CREATE USER " + user);
        }
        for (String group : List.of("analytics_users", "analytics_authors", "pii_users")) {
            lake.admin("CREATE GROUP " + group);
        }
        lake.admin("ALTER GROUP analytics_users ADD USER ann, pat");
        lake.admin("ALTER GROUP analytics_authors ADD USER abe");
        lake.admin("ALTER GROUP pii_users ADD USER pat");

        lake.admin("CREATE ROLE analyst");
        lake.admin("CREATE ROLE author");
        lake.admin("GRANT SELECT ON ALL TABLES IN SCHEMA analytics TO ROLE analyst");
        lake.admin("GRANT CREATE ON SCHEMA adhoc TO ROLE analyst");
        lake.admin("GRANT SELECT ON ALL TABLES IN SCHEMA adhoc TO ROLE analyst");
        lake.admin("GRANT analyst TO ROLE author");
        lake.admin("GRANT SELECT (id, name) ON raw_data.customers TO ROLE author");
        lake.admin("GRANT CREATE ON SCHEMA analytics TO ROLE author");
        lake.admin("GRANT analyst TO GROUP analytics_users");
        lake.admin("GRANT author TO GROUP analytics_authors");
        lake.admin("GRANT SELECT ON ALL TABLES IN SCHEMA pii TO GROUP pii_users");
        assertRefused("GRANT author TO ROLE analyst", "Granting role 'author' to Role 'analyst' would make a cycle of roles");

        // an author curates raw data into analytics, without the personal column
        lake.run("abe", "CREATE TABLE analytics.names WITH (external_location = '%s') AS SELECT id, name FROM raw_data.customers".formatted(lake.location("names")));
        assertDenied("abe", "CREATE TABLE analytics.ssns WITH (external_location = '%s') AS SELECT id, ssn FROM raw_data.customers".formatted(lake.location("ssns")),
                "Access Denied: Cannot select from columns [ssn] in table or view raw_data.customers");
        assertDenied("abe", "SELECT count(*) FROM pii.customers", "Access Denied: Cannot select from table pii.customers");

        // analysts read analytics (including tables made after the grant) and write scratch tables in adhoc only
        assertThat(lake.rows("ann", "SELECT count(*), max(name) FROM analytics.names")).isEqualTo(List.of(List.of((long) AccessLake.ROWS, "name-99")));
        assertDenied("ann", "SELECT count(*) FROM raw_data.customers", "Access Denied: Cannot select from table raw_data.customers");
        lake.run("ann", "CREATE TABLE adhoc.top WITH (external_location = '%s') AS SELECT * FROM analytics.names WHERE id < 10".formatted(lake.location("top")));
        assertThat(lake.rows("ann", "SELECT count(*) FROM adhoc.top")).isEqualTo(List.of(List.of(10L)));
        assertDenied("ann", "CREATE TABLE analytics.mine WITH (external_location = '%s') AS SELECT * FROM analytics.names".formatted(lake.location("mine")),
                "Access Denied: Cannot create table in schema analytics");
        assertThat(lake.rows("ann", "SHOW TABLES IN raw_data")).isEmpty();
        assertThat(lake.rows("ann", "SHOW ROLES")).isEqualTo(List.of(List.of("analyst")));
        assertThat(lake.rows("abe", "SHOW ROLES")).isEqualTo(List.of(List.of("analyst"), List.of("author")));

        // personal data: pii_users only
        assertThat(lake.rows("pat", "SELECT ssn FROM pii.customers WHERE id = 7")).isEqualTo(List.of(List.of("ssn-7")));
        assertDenied("ann", "SELECT ssn FROM pii.customers WHERE id = 7", "Access Denied: Cannot select from table pii.customers");
        assertDenied("ann", "SELECT n.name FROM analytics.names n JOIN pii.customers c ON n.id = c.id", "Access Denied: Cannot select from table pii.customers");
    }

    private void assertRefused(String sql, String message)
    {
        assertThatThrownBy(() -> lake.admin(sql))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessage(message);
    }

    private void assertDenied(String user, String sql, String message)
    {
        assertThatThrownBy(() -> lake.run(user, sql))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.ACCESS_DENIED))
                .hasMessage(message);
    }
}
