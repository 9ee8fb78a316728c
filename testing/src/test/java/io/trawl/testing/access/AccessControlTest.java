package io.trawl.testing.access;

import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Access control end to end over real files: each privilege granted and missing, column-level SELECT, and every
 * way around a missing privilege (a view, a subquery, a join, CTAS, UNLOAD, EXPLAIN) refused.
 */
class AccessControlTest
{
    private final AccessLake lake = new AccessLake();

    @AfterEach
    void tearDown()
    {
        lake.close();
    }

    @Test
    void aUserWithoutGrantsCannotSelectAndOneWithSelectCan()
    {
        lake.admin("CREATE ROLE readers");
        assertDenied("bob", "SELECT count(*) FROM pii.customers", "Access Denied: Cannot select from table pii.customers");

        createUser("bob");
        lake.admin("GRANT SELECT ON TABLE pii.customers TO USER bob");
        assertThat(lake.rows("bob", "SELECT count(*) FROM pii.customers")).isEqualTo(List.of(List.of((long) AccessLake.ROWS)));

        lake.admin("REVOKE SELECT ON TABLE pii.customers FROM USER bob");
        assertDenied("bob", "SELECT count(*) FROM pii.customers", "Access Denied: Cannot select from table pii.customers");
    }

    @Test
    void administratorsReadEverything()
    {
        assertThat(lake.rows("admin", "SELECT count(*) FROM pii.customers")).isEqualTo(List.of(List.of((long) AccessLake.ROWS)));
    }

    @Test
    void aRoleGrantedToAUserThroughAnotherRoleGivesItsPrivileges()
    {
        createUser("carol");
        lake.admin("CREATE ROLE pii_reader");
        lake.admin("CREATE ROLE analyst");
        lake.admin("GRANT SELECT ON TABLE pii.customers TO ROLE pii_reader");
        lake.admin("GRANT pii_reader TO ROLE analyst");
        assertDenied("carol", "SELECT count(*) FROM pii.customers", "Access Denied: Cannot select from table pii.customers");

        lake.admin("GRANT analyst TO USER carol");
        assertThat(lake.rows("carol", "SELECT count(*) FROM pii.customers")).isEqualTo(List.of(List.of((long) AccessLake.ROWS)));
        assertThat(lake.rows("carol", "SHOW ROLES")).isEqualTo(List.of(List.of("analyst"), List.of("pii_reader")));

        lake.admin("REVOKE pii_reader FROM ROLE analyst");
        assertDenied("carol", "SELECT count(*) FROM pii.customers", "Access Denied: Cannot select from table pii.customers");
    }

    @Test
    void grantErrorsChangeNothing()
    {
        lake.admin("CREATE ROLE a");
        lake.admin("CREATE ROLE b");
        lake.admin("GRANT a TO ROLE b");
        var before = lake.accessStore().model();

        assertRefused("GRANT b TO ROLE a", ErrorCode.INVALID_ARGUMENT, "Granting role 'b' to Role 'a' would make a cycle of roles");
        assertRefused("GRANT a TO ROLE a", ErrorCode.INVALID_ARGUMENT, "Granting role 'a' to Role 'a' would make a cycle of roles");
        assertRefused("GRANT SELECT ON TABLE pii.customers TO USER nobody", ErrorCode.INVALID_ARGUMENT, "User 'nobody' does not exist");
        assertRefused("GRANT SELECT ON TABLE pii.customers TO ROLE nothing", ErrorCode.INVALID_ARGUMENT, "Role 'nothing' does not exist");
        assertRefused("REVOKE SELECT ON TABLE pii.customers FROM ROLE a", ErrorCode.INVALID_ARGUMENT,
                "Role 'a' was never granted SELECT on table pii.customers");
        assertRefused("GRANT SELECT ON TABLE pii.missing TO ROLE a", ErrorCode.TABLE_NOT_FOUND, "Table 'pii.missing' does not exist");
        assertRefused("CREATE ROLE a", ErrorCode.INVALID_ARGUMENT, "Role 'a' already exists");

        assertThat(lake.accessStore().model()).isEqualTo(before);
    }

    @Test
    void onlyAdministratorsAndGrantOptionHoldersGrant()
    {
        createUser("bob");
        createUser("dave");
        assertThatThrownBy(() -> lake.run("bob", "GRANT SELECT ON TABLE pii.customers TO USER dave"))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.ACCESS_DENIED))
                .hasMessage("Access Denied: Cannot grant privilege SELECT on table pii.customers");
        assertThatThrownBy(() -> lake.run("bob", "CREATE ROLE mine"))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.ACCESS_DENIED));

        lake.admin("GRANT SELECT ON TABLE pii.customers TO USER bob WITH GRANT OPTION");
        lake.run("bob", "GRANT SELECT ON TABLE pii.customers TO USER dave");
        assertThat(lake.rows("dave", "SELECT count(*) FROM pii.customers")).isEqualTo(List.of(List.of((long) AccessLake.ROWS)));
    }

    @Test
    void columnGrantsAllowOnlyTheirColumnsWhereverAQueryReadsThem()
    {
        lake.admin("CREATE USER bob");
        lake.admin("GRANT SELECT (id, name) ON TABLE pii.customers TO USER bob");
        lake.admin("GRANT CREATE ON SCHEMA adhoc TO USER bob");

        assertThat(lake.rows("bob", "SELECT count(*), max(name) FROM pii.customers WHERE id < 10")).isEqualTo(List.of(List.of(10L, "name-9")));
        assertDenied("bob", "SELECT * FROM pii.customers", "Access Denied: Cannot select from columns [ssn] in table or view pii.customers");
        assertDenied("bob", "SELECT id FROM pii.customers WHERE ssn = 'ssn-1'", "Access Denied: Cannot select from columns [ssn] in table or view pii.customers");
        assertDenied("bob", "SELECT id FROM (SELECT id, ssn FROM pii.customers) t WHERE ssn IS NOT NULL",
                "Access Denied: Cannot select from columns [ssn] in table or view pii.customers");
        assertDenied("bob", "SELECT a.id FROM pii.customers a JOIN pii.customers b ON a.ssn = b.ssn",
                "Access Denied: Cannot select from columns [ssn] in table or view pii.customers");
        assertDenied("bob", "SELECT id FROM pii.customers WHERE id IN (SELECT length(ssn) FROM pii.customers)",
                "Access Denied: Cannot select from columns [ssn] in table or view pii.customers");
        assertDenied("bob", "EXPLAIN SELECT ssn FROM pii.customers", "Access Denied: Cannot select from columns [ssn] in table or view pii.customers");
        assertDenied("bob", "EXPLAIN (TYPE IO) SELECT ssn FROM pii.customers", "Access Denied: Cannot select from columns [ssn] in table or view pii.customers");
        assertDenied("bob", "CREATE TABLE adhoc.copy WITH (external_location = '%s') AS SELECT * FROM pii.customers".formatted(lake.location("copy")),
                "Access Denied: Cannot select from columns [ssn] in table or view pii.customers");
        assertDenied("bob", "UNLOAD (SELECT ssn FROM pii.customers) TO '%s' WITH (format = 'PARQUET')".formatted(lake.location("unloaded")),
                "Access Denied: Cannot select from columns [ssn] in table or view pii.customers");
        assertThat(lake.catalog().findTable("adhoc", "copy")).isEmpty();
    }

    @Test
    void viewsReadWithTheirOwnersRights()
    {
        lake.admin("CREATE USER bob");
        lake.admin("CREATE VIEW adhoc.names AS SELECT id, name FROM pii.customers");
        assertDenied("bob", "SELECT count(*) FROM adhoc.names", "Access Denied: Cannot select from table adhoc.names");

        lake.admin("GRANT SELECT ON TABLE adhoc.names TO USER bob");
        lake.admin("GRANT CREATE ON SCHEMA adhoc TO USER bob");
        assertThat(lake.rows("bob", "SELECT count(*) FROM adhoc.names")).isEqualTo(List.of(List.of((long) AccessLake.ROWS)));
        assertDenied("bob", "SELECT count(*) FROM pii.customers", "Access Denied: Cannot select from table pii.customers");
        assertDenied("bob", "CREATE VIEW adhoc.mine AS SELECT ssn FROM pii.customers", "Access Denied: Cannot select from table pii.customers");
    }

    @Test
    void aViewNeedsSelectOnAllOfItAndItsTextIsShownOnlyThen()
    {
        lake.admin("CREATE USER bob");
        lake.admin("CREATE VIEW adhoc.names AS SELECT id, name FROM pii.customers");
        lake.admin("GRANT SELECT (id) ON adhoc.names TO USER bob");
        assertDenied("bob", "SELECT id FROM adhoc.names", "Access Denied: Cannot select from table adhoc.names");
        assertDenied("bob", "SHOW CREATE VIEW adhoc.names", "Access Denied: Cannot show the definition of view adhoc.names");

        lake.admin("GRANT SELECT ON adhoc.names TO USER bob");
        assertThat(lake.rows("bob", "SELECT count(id) FROM adhoc.names")).isEqualTo(List.of(List.of((long) AccessLake.ROWS)));
        assertThat(lake.rows("bob", "SHOW CREATE VIEW adhoc.names")).hasSize(1);

        lake.admin("GRANT CREATE ON SCHEMA adhoc TO USER bob");
        assertDenied("bob", "CREATE OR REPLACE VIEW adhoc.names AS SELECT id, id AS name FROM adhoc.names", "Access Denied: Cannot drop view adhoc.names");
    }

    @Test
    void aViewItsOwnerCanNoLongerReadReadsNothing()
    {
        lake.admin("CREATE USER bob");
        lake.admin("CREATE USER dave");
        lake.admin("GRANT SELECT (id, ssn) ON pii.customers TO bob");
        lake.admin("GRANT CREATE ON SCHEMA default TO bob");
        lake.run("bob", "CREATE VIEW default.ssns AS SELECT ssn FROM pii.customers");
        lake.admin("GRANT SELECT ON default.ssns TO USER dave");
        assertThat(lake.rows("dave", "SELECT count(*) FROM default.ssns")).isEqualTo(List.of(List.of((long) AccessLake.ROWS)));

        lake.admin("REVOKE SELECT (ssn) ON pii.customers FROM bob");
        assertDenied("dave", "SELECT * FROM default.ssns", "Access Denied: Cannot select from columns [ssn] in table or view pii.customers");
    }

    @Test
    void groupsGiveTheirMembersTheirGrants()
    {
        lake.admin("CREATE USER erin");
        lake.admin("CREATE GROUP pii_users");
        lake.admin("GRANT SELECT ON ALL TABLES IN SCHEMA pii TO GROUP pii_users");
        assertDenied("erin", "SELECT count(*) FROM pii.customers", "Access Denied: Cannot select from table pii.customers");

        lake.admin("ALTER GROUP pii_users ADD USER erin");
        assertThat(lake.rows("erin", "SELECT count(*) FROM pii.customers")).isEqualTo(List.of(List.of((long) AccessLake.ROWS)));
        assertThat(lake.rows("erin", "SHOW GRANTS")).containsExactly(List.of("admin", "pii_users", "GROUP", "pii", "*", "", "SELECT", "NO"));

        lake.admin("ALTER GROUP pii_users DROP USER erin");
        assertDenied("erin", "SELECT count(*) FROM pii.customers", "Access Denied: Cannot select from table pii.customers");
        assertRefused("ALTER GROUP pii_users DROP USER erin", ErrorCode.INVALID_ARGUMENT, "User 'erin' is not a member of group 'pii_users'");
        assertRefused("ALTER GROUP pii_users ADD USER nobody", ErrorCode.INVALID_ARGUMENT, "User 'nobody' does not exist");
        assertRefused("GRANT SELECT (missing) ON pii.customers TO GROUP pii_users", ErrorCode.COLUMN_NOT_FOUND, "Column 'missing' does not exist in table pii.customers");
    }

    @Test
    void ddlNeedsCreateAlterAndDrop()
    {
        lake.admin("CREATE USER bob");
        String create = "CREATE EXTERNAL TABLE adhoc.people (id bigint, name string, ssn string) STORED AS PARQUET LOCATION '%s'".formatted(lake.location("customers"));
        assertDenied("bob", create, "Access Denied: Cannot create table in schema adhoc");
        assertDenied("bob", "CREATE DATABASE mine", "Access Denied: Cannot create schema: only an administrator can");
        assertThat(lake.catalog().findTable("adhoc", "people")).isEmpty();

        lake.admin("GRANT CREATE ON SCHEMA adhoc TO USER bob");
        lake.run("bob", create);
        assertDenied("bob", "ALTER TABLE adhoc.people SET TBLPROPERTIES ('k' = 'v')", "Access Denied: Cannot alter table adhoc.people");
        assertDenied("bob", "DROP TABLE adhoc.people", "Access Denied: Cannot drop table adhoc.people");

        lake.admin("GRANT ALTER, DROP ON adhoc.people TO USER bob");
        lake.run("bob", "ALTER TABLE adhoc.people SET TBLPROPERTIES ('k' = 'v')");
        assertThat(lake.catalog().findTable("adhoc", "people").orElseThrow().parameters()).containsEntry("k", "v");
        lake.run("bob", "DROP TABLE adhoc.people");
        assertThat(lake.catalog().findTable("adhoc", "people")).isEmpty();
    }

    @Test
    void ctasNeedsCreateAndInsertNeedsInsert()
    {
        lake.admin("CREATE USER bob");
        lake.admin("GRANT SELECT ON pii.customers TO USER bob");
        String ctas = "CREATE TABLE adhoc.copy WITH (external_location = '%s') AS SELECT id, name FROM pii.customers".formatted(lake.location("copy"));
        assertDenied("bob", ctas, "Access Denied: Cannot create table in schema adhoc");

        lake.admin("GRANT CREATE ON SCHEMA adhoc TO USER bob");
        lake.run("bob", ctas);
        assertDenied("bob", "INSERT INTO adhoc.copy SELECT id, name FROM pii.customers", "Access Denied: Cannot insert into table adhoc.copy");
        assertDenied("bob", "SELECT count(*) FROM adhoc.copy", "Access Denied: Cannot select from table adhoc.copy");

        lake.admin("GRANT INSERT, SELECT ON adhoc.copy TO USER bob");
        lake.run("bob", "INSERT INTO adhoc.copy SELECT id, name FROM pii.customers");
        assertThat(lake.rows("bob", "SELECT count(*) FROM adhoc.copy")).isEqualTo(List.of(List.of(2L * AccessLake.ROWS)));
    }

    @Test
    void showAndDescribeHideWhatTheUserCannotRead()
    {
        lake.admin("CREATE USER bob");
        lake.admin("CREATE VIEW pii.names AS SELECT id, name FROM pii.customers");
        assertThat(lake.rows("admin", "SHOW TABLES IN pii")).isEqualTo(List.of(List.of("customers"), List.of("names")));
        assertThat(lake.rows("bob", "SHOW TABLES IN pii")).isEmpty();
        assertDenied("bob", "DESCRIBE pii.customers", "Access Denied: Cannot show columns of table pii.customers");

        lake.admin("GRANT SELECT (id, name) ON pii.customers TO USER bob");
        assertThat(lake.rows("bob", "SHOW TABLES IN pii")).isEqualTo(List.of(List.of("customers")));
        assertThat(lake.rows("bob", "DESCRIBE pii.customers")).extracting(row -> row.getFirst()).containsExactly("id", "name");
        assertThat(lake.rows("bob", "SHOW COLUMNS FROM pii.customers")).extracting(row -> row.getFirst()).containsExactly("id", "name");
        assertDenied("bob", "SHOW CREATE TABLE pii.customers", "Access Denied: Cannot show the definition of table pii.customers");
        assertThat(lake.rows("admin", "DESCRIBE pii.customers")).extracting(row -> row.getFirst()).containsExactly("id", "name", "ssn");
    }

    @Test
    void aUserSeesTheDatabasesItHoldsGrantsIn()
    {
        lake.admin("CREATE USER bob");
        assertThat(lake.rows("admin", "SHOW DATABASES")).contains(List.of("adhoc"), List.of("pii"));
        assertThat(lake.rows("bob", "SHOW DATABASES")).isEmpty();

        lake.admin("GRANT USAGE ON SCHEMA adhoc TO USER bob");
        lake.admin("GRANT SELECT (id) ON pii.customers TO USER bob");
        assertThat(lake.rows("bob", "SHOW SCHEMAS")).isEqualTo(List.of(List.of("adhoc"), List.of("pii")));
    }

    private void createUser(String name)
    {
        lake.accessStore().update(model -> model.createPrincipal(io.trawl.catalog.access.Principal.user(name)));
    }

    private void assertRefused(String sql, ErrorCode code, String message)
    {
        assertThatThrownBy(() -> lake.admin(sql))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).isEqualTo(code))
                .hasMessage(message);
    }

    private void assertDenied(String user, String sql, String message)
    {
        assertThatThrownBy(() -> lake.run(user, sql))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.ACCESS_DENIED))
                .hasMessage(message);
    }
}
