package io.trawl.api.query;

import io.trawl.api.AthenaRows;
import io.trawl.api.TrawlApiServer;
import io.trawl.api.service.ServerSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.AthenaException;
import software.amazon.awssdk.services.athena.model.QueryExecution;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * With access control on, a query's result holds what its runner could read, so result reuse never hands one user's
 * result to another: a user behind a row filter asking for an administrator's reusable result gets its own rows.
 */
class ResultReuseUnderAccessControlTest
{
    @TempDir
    Path home;

    @Test
    void aFilteredUserIsNotGivenAnotherUsersReusableResult()
    {
        Map<String, String> environment = Map.of(
                "TRAWL_ACCESS_KEYS", "AKIDADMIN:admin-secret:admin,AKIDBOB:bob-secret:bob",
                "TRAWL_ADMINS", "admin");
        try (TrawlApiServer server = TrawlApiServer.start(ServerSettings.defaults(home).withEnvironment(environment));
                AthenaClient admin = server.athena("AKIDADMIN", "admin-secret");
                AthenaClient bob = server.athena("AKIDBOB", "bob-secret")) {
            AthenaRows.run(admin, "default", "CREATE TABLE numbers AS SELECT * FROM (VALUES 1, 2, 3, 4, 5) AS v(n)");
            AthenaRows.run(admin, "default", "CREATE USER bob");
            AthenaRows.run(admin, "default", "CREATE ROW FILTER small ON TABLE default.numbers WHERE n < 3");
            AthenaRows.run(admin, "default", "GRANT SELECT ON ROW FILTER small ON TABLE default.numbers TO USER bob");

            String sql = "SELECT count(*) FROM numbers";
            String first = run(admin, sql);
            String second = run(bob, sql);
            assertThat(AthenaRows.fetch(admin, first).dataRows()).isEqualTo(List.of(List.of("5")));
            QueryExecution bobs = admin.getQueryExecution(request -> request.queryExecutionId(second)).queryExecution();
            assertThat(bobs.statistics().resultReuseInformation().reusedPreviousResult()).isFalse();
            assertThat(AthenaRows.fetch(bob, second).dataRows()).isEqualTo(List.of(List.of("2")));

            // nor can a user read another user's result by its id; an administrator can
            assertThatThrownBy(() -> bob.getQueryResults(request -> request.queryExecutionId(first)))
                    .isInstanceOfSatisfying(AthenaException.class, error -> {
                        assertThat(error.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
                        assertThat(error.awsErrorDetails().errorMessage()).isEqualTo("Access Denied: bob cannot read the results of query %s, which admin ran".formatted(first));
                    });
            assertThat(AthenaRows.fetch(admin, second).dataRows()).isEqualTo(List.of(List.of("2")));
        }
    }

    private static String run(AthenaClient athena, String sql)
    {
        String id = athena.startQueryExecution(request -> request.queryString(sql).queryExecutionContext(context -> context.database("default"))
                .resultReuseConfiguration(reuse -> reuse.resultReuseByAgeConfiguration(age -> age.enabled(true).maxAgeInMinutes(60)))).queryExecutionId();
        AthenaRows.awaitTerminal(athena, id);
        return id;
    }
}
