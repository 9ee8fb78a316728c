package io.trawl.testing.access;

import io.trawl.engine.QueryResult;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trawl.testing.DuckDbOracle;
import io.trawl.testing.TrawlRows;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Row filters and column masks (data cells filters) end to end over real files: a user whose access to a table is
 * through filters sees only their rows and columns on every query path, unions its filters, reads unfiltered with a
 * plain grant, and still has its filter pushed into the scan to prune row groups.
 */
class RowFilterTest
{
    private final AccessLake lake = new AccessLake();

    @AfterEach
    void tearDown()
    {
        lake.close();
    }

    @Test
    void aFilteredUserSeesOnlyTheFiltersRowsAndColumns()
    {
        lake.admin("CREATE USER bob");
        lake.admin("CREATE ROW FILTER first_ten ON TABLE pii.customers COLUMNS (id, name) WHERE id < 10");
        assertDenied("bob", "SELECT id, name FROM pii.customers", "Access Denied: Cannot select from table pii.customers");

        lake.admin("GRANT SELECT ON ROW FILTER first_ten ON TABLE pii.customers TO USER bob");
        List<List<Object>> expected = lake.rows("admin", "SELECT id, name FROM pii.customers WHERE id < 10 ORDER BY id");
        assertThat(expected).hasSize(10);
        assertThat(lake.rows("bob", "SELECT id, name FROM pii.customers ORDER BY id")).isEqualTo(expected);
        assertThat(lake.rows("bob", "SELECT count(*) FROM pii.customers")).isEqualTo(List.of(List.of(10L)));
        assertDenied("bob", "SELECT * FROM pii.customers", "Access Denied: Cannot select from columns [ssn] in table or view pii.customers");
        assertDenied("bob", "SELECT id FROM pii.customers WHERE ssn = 'ssn-1'", "Access Denied: Cannot select from columns [ssn] in table or view pii.customers");

        assertThat(lake.rows("bob", "SHOW ROW FILTERS ON TABLE pii.customers"))
                .isEqualTo(List.of(List.of("pii", "customers", "first_ten", "id, name", "id < 10", "USER bob")));

        lake.admin("REVOKE SELECT ON ROW FILTER first_ten ON TABLE pii.customers FROM USER bob");
        assertDenied("bob", "SELECT id, name FROM pii.customers", "Access Denied: Cannot select from table pii.customers");
        assertThat(lake.rows("bob", "SHOW ROW FILTERS")).isEmpty();
        assertThat(lake.rows("admin", "SHOW ROW FILTERS")).isEqualTo(List.of(List.of("pii", "customers", "first_ten", "id, name", "id < 10", "")));
    }

    @Test
    void aFiltersPredicateMayUseColumnsItHides()
    {
        lake.admin("CREATE USER bob");
        lake.admin("CREATE ROW FILTER by_ssn ON TABLE pii.customers COLUMNS (id) WHERE ssn IN ('ssn-3', 'ssn-7')");
        lake.admin("GRANT SELECT ON ROW FILTER by_ssn ON TABLE pii.customers TO USER bob");

        assertThat(lake.rows("bob", "SELECT id FROM pii.customers ORDER BY id"))
                .isEqualTo(lake.rows("admin", "SELECT id FROM pii.customers WHERE ssn IN ('ssn-3', 'ssn-7') ORDER BY id"));
        assertThat(lake.rows("bob", "SELECT a.id FROM pii.customers a JOIN pii.customers b ON a.id = b.id ORDER BY a.id"))
                .isEqualTo(List.of(List.of(3L), List.of(7L)));
        assertThat(lake.rows("bob", "SELECT count(*) FROM pii.customers a WHERE EXISTS (SELECT 1 FROM pii.customers b WHERE b.id = a.id + 4)"))
                .isEqualTo(List.of(List.of(1L)));
        assertThat(lake.rows("bob", "SELECT id FROM pii.customers WHERE id IN (SELECT id FROM pii.customers WHERE id > 5)"))
                .isEqualTo(List.of(List.of(7L)));
        assertDenied("bob", "SELECT id, ssn FROM pii.customers", "Access Denied: Cannot select from columns [ssn] in table or view pii.customers");
        assertDenied("bob", "SELECT a.id FROM pii.customers a JOIN pii.customers b ON a.ssn = b.ssn",
                "Access Denied: Cannot select from columns [ssn] in table or view pii.customers");
    }

    @Test
    void twoFiltersOfOneUserGiveTheUnionOfTheirRowsAndColumns()
    {
        lake.admin("CREATE USER bob");
        lake.admin("CREATE GROUP readers");
        lake.admin("ALTER GROUP readers ADD USER bob");
        lake.admin("CREATE ROLE analyst");
        lake.admin("GRANT analyst TO USER bob");
        lake.admin("CREATE ROW FILTER low ON TABLE pii.customers COLUMNS (id) WHERE id < 5");
        lake.admin("CREATE ROW FILTER high ON TABLE pii.customers COLUMNS (id, name) WHERE id >= 95");
        lake.admin("GRANT SELECT ON ROW FILTER low ON TABLE pii.customers TO GROUP readers");
        lake.admin("GRANT SELECT ON ROW FILTER high ON TABLE pii.customers TO ROLE analyst");

        assertThat(lake.rows("bob", "SELECT id, name FROM pii.customers ORDER BY id"))
                .isEqualTo(lake.rows("admin", "SELECT id, name FROM pii.customers WHERE id < 5 OR id >= 95 ORDER BY id"));
        assertDenied("bob", "SELECT ssn FROM pii.customers", "Access Denied: Cannot select from columns [ssn] in table or view pii.customers");
    }

    @Test
    void showAndDescribeShowAFilteredUserItsTablesAndColumns()
    {
        lake.admin("CREATE USER bob");
        assertThat(lake.rows("bob", "SHOW TABLES IN pii")).isEmpty();
        lake.admin("CREATE ROW FILTER first_ten ON TABLE pii.customers COLUMNS (id, name) WHERE id < 10");
        lake.admin("GRANT SELECT ON ROW FILTER first_ten ON TABLE pii.customers TO USER bob");

        assertThat(lake.rows("bob", "SHOW DATABASES")).isEqualTo(List.of(List.of("pii")));
        assertThat(lake.rows("bob", "SHOW TABLES IN pii")).isEqualTo(List.of(List.of("customers")));
        assertThat(lake.rows("bob", "DESCRIBE pii.customers")).extracting(row -> row.getFirst()).containsExactly("id", "name");
    }

    @Test
    void aPlainSelectGrantReadsEveryRowWhateverFiltersTheUserHolds()
    {
        lake.admin("CREATE USER bob");
        lake.admin("CREATE ROW FILTER first_ten ON TABLE pii.customers WHERE id < 10");
        lake.admin("GRANT SELECT ON ROW FILTER first_ten ON TABLE pii.customers TO USER bob");
        assertThat(lake.rows("bob", "SELECT count(*) FROM pii.customers")).isEqualTo(List.of(List.of(10L)));

        lake.admin("GRANT SELECT ON TABLE pii.customers TO USER bob");
        assertThat(lake.rows("bob", "SELECT id, name, ssn FROM pii.customers ORDER BY id"))
                .isEqualTo(lake.rows("admin", "SELECT id, name, ssn FROM pii.customers ORDER BY id"));
    }

    @Test
    void viewsSubqueriesJoinsCtasInsertAndUnloadSeeOnlyTheFilteredRows()
    {
        lake.admin("CREATE USER bob");
        lake.admin("CREATE ROW FILTER first_ten ON TABLE pii.customers COLUMNS (id, name) WHERE id < 10");
        lake.admin("GRANT SELECT ON ROW FILTER first_ten ON TABLE pii.customers TO USER bob");
        lake.admin("GRANT CREATE ON SCHEMA adhoc TO USER bob");
        List<List<Object>> expected = lake.rows("admin", "SELECT id, name FROM pii.customers WHERE id < 10 ORDER BY id");

        // a view bob creates runs with bob's rights, so it reads through bob's filter
        lake.run("bob", "CREATE VIEW adhoc.mine AS SELECT id, name FROM pii.customers");
        lake.admin("GRANT SELECT ON TABLE adhoc.mine TO USER bob");
        assertThat(lake.rows("bob", "SELECT id, name FROM adhoc.mine ORDER BY id")).isEqualTo(expected);

        assertThat(lake.rows("bob", "SELECT id, name FROM (SELECT * FROM (SELECT id, name FROM pii.customers) t) u ORDER BY id")).isEqualTo(expected);
        assertThat(lake.rows("bob", "WITH c AS (SELECT id, name FROM pii.customers) SELECT id, name FROM c ORDER BY id")).isEqualTo(expected);
        assertThat(lake.rows("bob", "SELECT a.id, b.name FROM pii.customers a JOIN pii.customers b ON a.id = b.id ORDER BY a.id")).isEqualTo(expected);
        assertThat(lake.rows("bob", "SELECT count(*) FROM pii.customers WHERE id IN (SELECT id FROM pii.customers)")).isEqualTo(List.of(List.of(10L)));

        lake.run("bob", "CREATE TABLE adhoc.copy WITH (external_location = '%s') AS SELECT id, name FROM pii.customers".formatted(lake.location("copy")));
        assertThat(lake.rows("admin", "SELECT id, name FROM adhoc.copy ORDER BY id")).isEqualTo(expected);
        lake.admin("GRANT INSERT ON TABLE adhoc.copy TO USER bob");
        lake.run("bob", "INSERT INTO adhoc.copy SELECT id, name FROM pii.customers WHERE id >= 5");
        assertThat(lake.rows("admin", "SELECT count(*), max(id) FROM adhoc.copy")).isEqualTo(List.of(List.of(15L, 9L)));

        lake.run("bob", "UNLOAD (SELECT id, name FROM pii.customers) TO '%s' WITH (format = 'PARQUET')".formatted(lake.location("unloaded")));
        lake.admin("CREATE EXTERNAL TABLE adhoc.unloaded (id bigint, name string) STORED AS PARQUET LOCATION '%s'".formatted(lake.location("unloaded")));
        assertThat(lake.rows("admin", "SELECT id, name FROM adhoc.unloaded ORDER BY id")).isEqualTo(expected);
    }

    @Test
    void aSelectiveFilterIsPushedIntoTheScanAndPrunesRowGroups()
    {
        try {
            Files.createDirectories(lake.path("events"));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (DuckDbOracle duckdb = DuckDbOracle.open()) {
            // sorted by id in row groups of 10,000 rows: a filter on id can skip all but the first
            duckdb.execute("COPY (SELECT i AS id, i * 7 %% 1000 AS amount FROM range(0, 100000) t(i) ORDER BY i) TO '%s' (FORMAT PARQUET, ROW_GROUP_SIZE 10000)"
                    .formatted(lake.path("events").resolve("data.parquet")));
        }
        lake.admin("CREATE EXTERNAL TABLE pii.events (id bigint, amount bigint) STORED AS PARQUET LOCATION '%s'".formatted(lake.location("events")));
        lake.admin("CREATE USER bob");
        lake.admin("CREATE ROW FILTER early ON TABLE pii.events WHERE id < 1000");
        lake.admin("GRANT SELECT ON ROW FILTER early ON TABLE pii.events TO USER bob");

        // the full scan first: a table's first query also reads what later ones find cached, which would skew the comparison
        QueryResult everything = lake.run("admin", "SELECT count(*), sum(amount) FROM pii.events");
        QueryResult byHand = lake.run("admin", "SELECT count(*), sum(amount) FROM pii.events WHERE id < 1000");
        QueryResult filtered = lake.run("bob", "SELECT count(*), sum(amount) FROM pii.events");

        assertThat(lake.rows("bob", "EXPLAIN SELECT count(*), sum(amount) FROM pii.events"))
                .as("the filter is planned as the same WHERE, its domain pushed into the scan")
                .isEqualTo(lake.rows("admin", "EXPLAIN SELECT count(*), sum(amount) FROM pii.events WHERE id < 1000"));
        assertThat(TrawlRows.toRows(filtered)).isEqualTo(TrawlRows.toRows(byHand));
        assertThat(TrawlRows.toRows(filtered).getFirst().getFirst()).isEqualTo(1000L);
        assertThat(filtered.bytesScanned()).as("the filter prunes row groups as the same WHERE does").isEqualTo(byHand.bytesScanned());
        assertThat(filtered.bytesScanned()).as("pruning saves bytes").isLessThan(everything.bytesScanned());
    }

    @Test
    void aFilterThatDoesNotTypeCheckIsRefusedAndNothingChanges()
    {
        lake.admin("CREATE USER bob");
        var before = lake.accessStore().model();

        assertRefused("CREATE ROW FILTER bad ON TABLE pii.customers WHERE name + 1 > 0", ErrorCode.TYPE_MISMATCH);
        assertRefused("CREATE ROW FILTER bad ON TABLE pii.customers WHERE id", ErrorCode.TYPE_MISMATCH);
        assertRefused("CREATE ROW FILTER bad ON TABLE pii.customers WHERE missing = 1", ErrorCode.COLUMN_NOT_FOUND);
        assertRefused("CREATE ROW FILTER bad ON TABLE pii.customers COLUMNS (id, missing) WHERE id < 1", ErrorCode.COLUMN_NOT_FOUND);
        assertRefused("CREATE ROW FILTER bad ON TABLE pii.missing WHERE id < 1", ErrorCode.TABLE_NOT_FOUND);
        assertRefused("GRANT SELECT ON ROW FILTER bad ON TABLE pii.customers TO USER bob", ErrorCode.INVALID_ARGUMENT);
        assertThat(lake.accessStore().model()).isEqualTo(before);

        lake.admin("CREATE ROW FILTER good ON TABLE pii.customers WHERE id < 1");
        assertRefused("CREATE ROW FILTER good ON TABLE pii.customers WHERE id < 2", ErrorCode.INVALID_ARGUMENT);
        assertRefused("GRANT SELECT ON ROW FILTER good ON TABLE pii.customers TO USER nobody", ErrorCode.INVALID_ARGUMENT);
        assertRefused("REVOKE SELECT ON ROW FILTER good ON TABLE pii.customers FROM USER bob", ErrorCode.INVALID_ARGUMENT);
        assertDenied("bob", "CREATE ROW FILTER mine ON TABLE pii.customers WHERE id < 1",
                "Access Denied: Only an administrator can manage row filters");

        lake.admin("DROP ROW FILTER good ON TABLE pii.customers");
        lake.admin("DROP ROW FILTER IF EXISTS good ON TABLE pii.customers");
        assertThat(lake.accessStore().model()).isEqualTo(before);
    }

    @Test
    void filteredReadsLeaveAuditEventsWithTheColumnsTheQueryRead()
    {
        lake.admin("CREATE USER bob");
        lake.admin("CREATE ROW FILTER first_ten ON TABLE pii.customers COLUMNS (id, name) WHERE ssn < 'ssn-5'");
        lake.admin("GRANT SELECT ON ROW FILTER first_ten ON TABLE pii.customers TO USER bob");
        lake.run("bob", "SELECT name FROM pii.customers");
        assertThatThrownBy(() -> lake.run("bob", "SELECT ssn FROM pii.customers")).isInstanceOf(TrawlException.class);

        List<String> events = lake.auditEvents().stream().filter(event -> event.contains("\"principal\":\"bob\"")).toList();
        assertThat(events).hasSize(2);
        assertThat(events).anySatisfy(event -> assertThat(event)
                .contains("\"statement\":\"SELECT name FROM pii.customers\"", "\"tables_read\":[\"pii.customers\"]", "\"columns_read\":[\"pii.customers.name\"]",
                        "\"decision\":\"ALLOW\""));
        assertThat(events).anySatisfy(event -> assertThat(event)
                .contains("\"statement\":\"SELECT ssn FROM pii.customers\"", "\"decision\":\"DENY\"",
                        "Access Denied: Cannot select from columns [ssn] in table or view pii.customers"));
    }

    private void assertRefused(String sql, ErrorCode code)
    {
        assertThatThrownBy(() -> lake.admin(sql))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).isEqualTo(code));
    }

    private void assertDenied(String user, String sql, String message)
    {
        assertThatThrownBy(() -> lake.run(user, sql))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.ACCESS_DENIED))
                .hasMessage(message);
    }
}
