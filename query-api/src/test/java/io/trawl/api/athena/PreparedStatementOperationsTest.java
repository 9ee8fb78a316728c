package io.trawl.api.athena;

import io.trawl.api.prepared.SqlPreprocessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.trawl.api.TrawlApiExtension;
import software.amazon.awssdk.services.athena.model.BatchGetPreparedStatementResponse;
import software.amazon.awssdk.services.athena.model.ListPreparedStatementsResponse;
import software.amazon.awssdk.services.athena.model.PreparedStatement;
import software.amazon.awssdk.services.athena.model.PreparedStatementSummary;
import software.amazon.awssdk.services.athena.model.ResourceNotFoundException;
import software.amazon.awssdk.services.athena.model.UnprocessedPreparedStatementName;

import java.util.List;

import static io.trawl.api.athena.FixedClockSettings.NOW;
import static io.trawl.api.athena.WorkGroupOperationsTest.assertInvalidRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PreparedStatementOperationsTest
{
    @RegisterExtension
    static final TrawlApiExtension API = TrawlApiExtension.with(FixedClockSettings::at);

    @Test
    void createdStatementReadsBackWhole()
    {
        API.athena().createPreparedStatement(request -> request.workGroup("primary").statementName("by_year").queryStatement("SELECT * FROM orders WHERE year = ?").description("orders of a year"));

        assertThat(API.athena().getPreparedStatement(request -> request.workGroup("primary").statementName("by_year")).preparedStatement())
                .isEqualTo(PreparedStatement.builder()
                        .statementName("by_year")
                        .queryStatement("SELECT * FROM orders WHERE year = ?")
                        .workGroupName("primary")
                        .description("orders of a year")
                        .lastModifiedTime(NOW)
                        .build());
    }

    @Test
    void statementsOfTheSameNameInTwoWorkGroupsAreTwoStatements()
    {
        API.athena().createWorkGroup(request -> request.name("team-a"));
        API.athena().createWorkGroup(request -> request.name("team-b"));
        API.athena().createPreparedStatement(request -> request.workGroup("team-a").statementName("shared_name").queryStatement("SELECT 'a'"));
        API.athena().createPreparedStatement(request -> request.workGroup("team-b").statementName("shared_name").queryStatement("SELECT 'b'"));

        assertThat(API.athena().getPreparedStatement(request -> request.workGroup("team-a").statementName("shared_name")).preparedStatement().queryStatement()).isEqualTo("SELECT 'a'");
        assertThat(API.athena().getPreparedStatement(request -> request.workGroup("team-b").statementName("shared_name")).preparedStatement().queryStatement()).isEqualTo("SELECT 'b'");
    }

    @Test
    void creatingAStatementTwiceIsRefused()
    {
        API.athena().createPreparedStatement(request -> request.workGroup("primary").statementName("once").queryStatement("SELECT 1"));
        assertInvalidRequest(() -> API.athena().createPreparedStatement(request -> request.workGroup("primary").statementName("once").queryStatement("SELECT 2")),
                "Prepared statement once already exists in WorkGroup primary");
    }

    @Test
    void aStatementThatIsNotThereIsResourceNotFound()
    {
        assertNotFound(() -> API.athena().getPreparedStatement(request -> request.workGroup("primary").statementName("missing")), "missing");
        assertNotFound(() -> API.athena().updatePreparedStatement(request -> request.workGroup("primary").statementName("missing").queryStatement("SELECT 1")), "missing");
        assertNotFound(() -> API.athena().deletePreparedStatement(request -> request.workGroup("primary").statementName("missing")), "missing");
    }

    @Test
    void statementNameMustMatchTheDocumentedPattern()
    {
        assertInvalidRequest(() -> API.athena().createPreparedStatement(request -> request.workGroup("primary").statementName("1st").queryStatement("SELECT 1")),
                "1 validation error detected: Value '1st' at 'statementName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z_][a-zA-Z0-9_@:]{1,256}");
    }

    @Test
    void creatingInAWorkGroupThatIsNotThereIsNotFound()
    {
        assertInvalidRequest(() -> API.athena().createPreparedStatement(request -> request.workGroup("nowhere").statementName("s1").queryStatement("SELECT 1")), "WorkGroup is not found.");
    }

    @Test
    void listPreparedStatementsPagesInNameOrder()
    {
        API.athena().createWorkGroup(request -> request.name("listing"));
        for (String name : List.of("s_e", "s_b", "s_d", "s_a", "s_c")) {
            API.athena().createPreparedStatement(request -> request.workGroup("listing").statementName(name).queryStatement("SELECT 1"));
        }

        List<ListPreparedStatementsResponse> pages = API.athena().listPreparedStatementsPaginator(request -> request.workGroup("listing").maxResults(2)).stream().toList();

        assertThat(pages).hasSize(3);
        assertThat(pages.stream().flatMap(page -> page.preparedStatements().stream()).toList()).containsExactly(
                summary("s_a"), summary("s_b"), summary("s_c"), summary("s_d"), summary("s_e"));
    }

    @Test
    void updateReplacesTheQueryAndDescription()
    {
        API.athena().createPreparedStatement(request -> request.workGroup("primary").statementName("changing").queryStatement("SELECT 1").description("first"));
        API.athena().updatePreparedStatement(request -> request.workGroup("primary").statementName("changing").queryStatement("SELECT ?").description("second"));

        PreparedStatement statement = API.athena().getPreparedStatement(request -> request.workGroup("primary").statementName("changing")).preparedStatement();
        assertThat(statement.queryStatement()).isEqualTo("SELECT ?");
        assertThat(statement.description()).isEqualTo("second");
    }

    @Test
    void deletedStatementIsGone()
    {
        API.athena().createPreparedStatement(request -> request.workGroup("primary").statementName("doomed").queryStatement("SELECT 1"));
        API.athena().deletePreparedStatement(request -> request.workGroup("primary").statementName("doomed"));

        assertNotFound(() -> API.athena().getPreparedStatement(request -> request.workGroup("primary").statementName("doomed")), "doomed");
    }

    @Test
    void batchGetAnswersKnownStatementsAndReportsTheOthers()
    {
        API.athena().createPreparedStatement(request -> request.workGroup("primary").statementName("batch_known").queryStatement("SELECT 1"));

        BatchGetPreparedStatementResponse response = API.athena().batchGetPreparedStatement(request -> request.workGroup("primary").preparedStatementNames("batch_known", "batch_unknown"));

        assertThat(response.preparedStatements()).extracting(PreparedStatement::statementName).containsExactly("batch_known");
        assertThat(response.unprocessedPreparedStatementNames()).containsExactly(UnprocessedPreparedStatementName.builder()
                .statementName("batch_unknown")
                .errorCode("STATEMENT_NOT_FOUND")
                .errorMessage("Prepared statement batch_unknown was not found in WorkGroup primary")
                .build());
    }

    @Test
    void statementPreparedInSqlIsSeenThroughTheApiAndTheOtherWayRound()
    {
        SqlPreprocessor sql = API.server().service().sqlPreprocessor();
        sql.preprocess("PREPARE from_sql FROM SELECT * FROM nation WHERE regionkey = ?", List.of(), "primary");
        assertThat(API.athena().getPreparedStatement(request -> request.workGroup("primary").statementName("from_sql")).preparedStatement().queryStatement())
                .isEqualTo("SELECT * FROM nation WHERE regionkey = ?");

        API.athena().createPreparedStatement(request -> request.workGroup("primary").statementName("from_api").queryStatement("SELECT name FROM nation WHERE nationkey < ?"));
        assertThat(sql.preprocess("EXECUTE from_api USING 3", List.of(), "primary"))
                .isEqualTo(new SqlPreprocessor.Run("SELECT name FROM nation WHERE nationkey < 3"));

        sql.preprocess("DEALLOCATE PREPARE from_api", List.of(), "primary");
        assertNotFound(() -> API.athena().getPreparedStatement(request -> request.workGroup("primary").statementName("from_api")), "from_api");
    }

    private static PreparedStatementSummary summary(String name)
    {
        return PreparedStatementSummary.builder().statementName(name).lastModifiedTime(NOW).build();
    }

    private static void assertNotFound(Runnable call, String name)
    {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(ResourceNotFoundException.class, error -> {
                    assertThat(error.statusCode()).isEqualTo(400);
                    assertThat(error.resourceName()).isEqualTo(name);
                    assertThat(error.awsErrorDetails().errorMessage()).isEqualTo("Prepared statement %s was not found in WorkGroup primary".formatted(name));
                });
    }
}
