package io.trawl.api.athena;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.trawl.api.TrawlApiExtension;
import software.amazon.awssdk.services.athena.model.BatchGetNamedQueryResponse;
import software.amazon.awssdk.services.athena.model.ListNamedQueriesResponse;
import software.amazon.awssdk.services.athena.model.NamedQuery;
import software.amazon.awssdk.services.athena.model.UnprocessedNamedQueryId;

import java.util.ArrayList;
import java.util.List;

import static io.trawl.api.athena.WorkGroupOperationsTest.assertInvalidRequest;
import static org.assertj.core.api.Assertions.assertThat;

class NamedQueryOperationsTest
{
    private static final String TOKEN = "0123456789abcdef0123456789abcdef-token";

    @RegisterExtension
    static final TrawlApiExtension API = TrawlApiExtension.with(FixedClockSettings::at);

    @Test
    void createdNamedQueryReadsBackWhole()
    {
        API.athena().createWorkGroup(request -> request.name("saved"));
        String id = API.athena().createNamedQuery(request -> request
                .name("top customers")
                .description("the ten best")
                .database("sales")
                .queryString("SELECT customer, sum(total) FROM orders GROUP BY 1 ORDER BY 2 DESC LIMIT 10")
                .workGroup("saved")).namedQueryId();

        assertThat(API.athena().getNamedQuery(request -> request.namedQueryId(id)).namedQuery()).isEqualTo(NamedQuery.builder()
                .namedQueryId(id)
                .name("top customers")
                .description("the ten best")
                .database("sales")
                .queryString("SELECT customer, sum(total) FROM orders GROUP BY 1 ORDER BY 2 DESC LIMIT 10")
                .workGroup("saved")
                .build());
    }

    @Test
    void namedQueryWithoutAWorkGroupBelongsToPrimary()
    {
        String id = API.athena().createNamedQuery(request -> request.name("p").database("sales").queryString("SELECT 1")).namedQueryId();
        assertThat(API.athena().getNamedQuery(request -> request.namedQueryId(id)).namedQuery().workGroup()).isEqualTo("primary");
        assertThat(API.athena().listNamedQueries(request -> {}).namedQueryIds()).contains(id);
    }

    @Test
    void retriedCreateWithTheSameTokenAnswersTheSameQuery()
    {
        API.athena().createWorkGroup(request -> request.name("retries"));
        String first = API.athena().createNamedQuery(request -> request.clientRequestToken(TOKEN).name("r").database("sales").queryString("SELECT 1").workGroup("retries")).namedQueryId();
        String second = API.athena().createNamedQuery(request -> request.clientRequestToken(TOKEN).name("r").database("sales").queryString("SELECT 1").workGroup("retries")).namedQueryId();

        assertThat(second).isEqualTo(first);
        assertThat(API.athena().listNamedQueries(request -> request.workGroup("retries")).namedQueryIds()).as("stored once").containsExactly(first);
    }

    @Test
    void sameTokenWithOtherParametersIsRefused()
    {
        String token = "fedcba9876543210fedcba9876543210-other";
        API.athena().createNamedQuery(request -> request.clientRequestToken(token).name("a").database("sales").queryString("SELECT 1"));
        assertInvalidRequest(() -> API.athena().createNamedQuery(request -> request.clientRequestToken(token).name("a").database("sales").queryString("SELECT 2")),
                "Idempotent parameters do not match");
    }

    @Test
    void createsWithoutACommonTokenAreDistinctQueries()
    {
        // the SDK fills in a fresh ClientRequestToken for each call
        String first = API.athena().createNamedQuery(request -> request.name("same").database("sales").queryString("SELECT 1")).namedQueryId();
        String second = API.athena().createNamedQuery(request -> request.name("same").database("sales").queryString("SELECT 1")).namedQueryId();
        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void batchGetAnswersKnownQueriesAndReportsUnknownOnes()
    {
        String known = API.athena().createNamedQuery(request -> request.name("known").database("sales").queryString("SELECT 1")).namedQueryId();
        String unknown = "00000000-0000-0000-0000-000000000000";

        BatchGetNamedQueryResponse response = API.athena().batchGetNamedQuery(request -> request.namedQueryIds(known, unknown));

        assertThat(response.namedQueries()).extracting(NamedQuery::namedQueryId).containsExactly(known);
        assertThat(response.unprocessedNamedQueryIds()).containsExactly(UnprocessedNamedQueryId.builder()
                .namedQueryId(unknown)
                .errorCode("INVALID_INPUT")
                .errorMessage("NamedQuery " + unknown + " does not exist")
                .build());
    }

    @Test
    void batchGetTakesOneToFiftyIds()
    {
        List<String> tooMany = new ArrayList<>();
        for (int index = 0; index < 51; index++) {
            tooMany.add("id-" + index);
        }
        assertInvalidRequest(() -> API.athena().batchGetNamedQuery(request -> request.namedQueryIds(tooMany)),
                "1 validation error detected: Value at 'namedQueryIds' failed to satisfy constraint: Member must have length less than or equal to 50");
    }

    @Test
    void listNamedQueriesPagesThroughOneWorkGroupsQueries()
    {
        API.athena().createWorkGroup(request -> request.name("listed"));
        API.athena().createWorkGroup(request -> request.name("elsewhere"));
        List<String> created = new ArrayList<>();
        for (int index = 0; index < 5; index++) {
            int number = index;
            created.add(API.athena().createNamedQuery(request -> request.name("q" + number).database("sales").queryString("SELECT " + number).workGroup("listed")).namedQueryId());
        }
        API.athena().createNamedQuery(request -> request.name("other").database("sales").queryString("SELECT 0").workGroup("elsewhere"));

        List<ListNamedQueriesResponse> pages = API.athena().listNamedQueriesPaginator(request -> request.workGroup("listed").maxResults(2)).stream().toList();

        assertThat(pages).hasSize(3);
        assertThat(pages.stream().flatMap(page -> page.namedQueryIds().stream()).toList())
                .as("every query of the work group once, in id order, and none of another's")
                .isEqualTo(created.stream().sorted().toList());
    }

    @Test
    void listingInAWorkGroupThatIsNotThereIsNotFound()
    {
        assertInvalidRequest(() -> API.athena().listNamedQueries(request -> request.workGroup("nowhere")), "WorkGroup is not found.");
        assertInvalidRequest(() -> API.athena().createNamedQuery(request -> request.name("n").database("d").queryString("SELECT 1").workGroup("nowhere")), "WorkGroup is not found.");
    }

    @Test
    void updateReplacesNameDescriptionAndQuery()
    {
        String id = API.athena().createNamedQuery(request -> request.name("old").description("old text").database("sales").queryString("SELECT 1")).namedQueryId();
        API.athena().updateNamedQuery(request -> request.namedQueryId(id).name("new").description("new text").queryString("SELECT 2"));

        assertThat(API.athena().getNamedQuery(request -> request.namedQueryId(id)).namedQuery()).isEqualTo(NamedQuery.builder()
                .namedQueryId(id)
                .name("new")
                .description("new text")
                .database("sales")
                .queryString("SELECT 2")
                .workGroup("primary")
                .build());
    }

    @Test
    void deletedQueryIsGoneEverywhere()
    {
        String id = API.athena().createNamedQuery(request -> request.name("doomed").database("sales").queryString("SELECT 1")).namedQueryId();
        API.athena().deleteNamedQuery(request -> request.namedQueryId(id));

        assertInvalidRequest(() -> API.athena().getNamedQuery(request -> request.namedQueryId(id)), "NamedQuery " + id + " does not exist");
        assertThat(API.athena().listNamedQueries(request -> {}).namedQueryIds()).doesNotContain(id);
        assertInvalidRequest(() -> API.athena().deleteNamedQuery(request -> request.namedQueryId(id)), "NamedQuery " + id + " does not exist");
        assertInvalidRequest(() -> API.athena().updateNamedQuery(request -> request.namedQueryId(id).name("x").queryString("SELECT 1")), "NamedQuery " + id + " does not exist");
    }

    @Test
    void missingRequiredMembersAreReportedTogether()
    {
        assertInvalidRequest(() -> API.athena().createNamedQuery(request -> request.name("incomplete")),
                "2 validation errors detected: Value null at 'database' failed to satisfy constraint: Member must not be null; "
                        + "Value null at 'queryString' failed to satisfy constraint: Member must not be null");
        assertInvalidRequest(() -> API.athena().createNamedQuery(request -> request.name("short token").database("d").queryString("SELECT 1").clientRequestToken("short")),
                "1 validation error detected: Value 'short' at 'clientRequestToken' failed to satisfy constraint: Member must have length greater than or equal to 32");
    }
}
