package io.trawl.api.athena;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.trawl.api.TrawlApiExtension;
import software.amazon.awssdk.services.athena.model.EngineVersion;
import software.amazon.awssdk.services.athena.model.InvalidRequestException;
import software.amazon.awssdk.services.athena.model.ListWorkGroupsResponse;
import software.amazon.awssdk.services.athena.model.ResultConfiguration;
import software.amazon.awssdk.services.athena.model.Tag;
import software.amazon.awssdk.services.athena.model.WorkGroup;
import software.amazon.awssdk.services.athena.model.WorkGroupConfiguration;
import software.amazon.awssdk.services.athena.model.WorkGroupState;
import software.amazon.awssdk.services.athena.model.WorkGroupSummary;

import java.util.List;

import static io.trawl.api.athena.FixedClockSettings.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkGroupOperationsTest
{
    private static final EngineVersion ENGINE = EngineVersion.builder().selectedEngineVersion("AUTO").effectiveEngineVersion("Athena engine version 3").build();

    @RegisterExtension
    static final TrawlApiExtension API = TrawlApiExtension.with(FixedClockSettings::at);

    @Test
    void createdWorkGroupReadsBackWithItsWholeConfiguration()
    {
        API.athena().createWorkGroup(request -> request
                .name("analysts")
                .description("the analysts' queries")
                .configuration(configuration -> configuration
                        .resultConfiguration(results -> results.outputLocation("s3://results/analysts/"))
                        .enforceWorkGroupConfiguration(true)
                        .publishCloudWatchMetricsEnabled(true)
                        .bytesScannedCutoffPerQuery(10_000_000L)
                        .requesterPaysEnabled(true))
                .tags(Tag.builder().key("team").value("data").build()));

        WorkGroup expected = WorkGroup.builder()
                .name("analysts")
                .state(WorkGroupState.ENABLED)
                .description("the analysts' queries")
                .creationTime(NOW)
                .configuration(WorkGroupConfiguration.builder()
                        .resultConfiguration(ResultConfiguration.builder().outputLocation("s3://results/analysts/").build())
                        .enforceWorkGroupConfiguration(true)
                        .publishCloudWatchMetricsEnabled(true)
                        .bytesScannedCutoffPerQuery(10_000_000L)
                        .requesterPaysEnabled(true)
                        .engineVersion(ENGINE)
                        .enableMinimumEncryptionConfiguration(false)
                        .build())
                .build();
        assertThat(API.athena().getWorkGroup(request -> request.workGroup("analysts")).workGroup()).isEqualTo(expected);
        assertThat(API.server().service().workGroups().find("analysts").orElseThrow().tags()).containsExactlyEntriesOf(java.util.Map.of("team", "data"));
    }

    @Test
    void primaryExistsWithAnEmptyResultConfigurationAndNoDescription()
    {
        WorkGroup primary = API.athena().getWorkGroup(request -> request.workGroup("primary")).workGroup();
        assertThat(primary).isEqualTo(WorkGroup.builder()
                .name("primary")
                .state(WorkGroupState.ENABLED)
                .creationTime(primary.creationTime())
                .configuration(WorkGroupConfiguration.builder()
                        .resultConfiguration(ResultConfiguration.builder().build())
                        .enforceWorkGroupConfiguration(false)
                        .publishCloudWatchMetricsEnabled(false)
                        .requesterPaysEnabled(false)
                        .engineVersion(ENGINE)
                        .enableMinimumEncryptionConfiguration(false)
                        .build())
                .build());
    }

    @Test
    void creatingAWorkGroupTwiceIsAthenasAlreadyCreated()
    {
        API.athena().createWorkGroup(request -> request.name("twice"));
        assertInvalidRequest(() -> API.athena().createWorkGroup(request -> request.name("twice")), "WorkGroup is already created");
    }

    @Test
    void aWorkGroupThatIsNotThereIsNotFound()
    {
        assertInvalidRequest(() -> API.athena().getWorkGroup(request -> request.workGroup("nowhere")), "WorkGroup is not found.");
        assertInvalidRequest(() -> API.athena().updateWorkGroup(request -> request.workGroup("nowhere").description("x")), "WorkGroup is not found.");
        assertInvalidRequest(() -> API.athena().deleteWorkGroup(request -> request.workGroup("nowhere")), "WorkGroup is not found.");
    }

    @Test
    void nameOutsideTheDocumentedPatternIsAValidationError()
    {
        assertInvalidRequest(() -> API.athena().createWorkGroup(request -> request.name("bad name")),
                "1 validation error detected: Value 'bad name' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9._-]{1,128}");
        assertInvalidRequest(() -> API.athena().createWorkGroup(request -> request.description("no name")),
                "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null");
    }

    @Test
    void cutoffBelowAthenasMinimumIsRefusedOnCreateAndUpdate()
    {
        assertInvalidRequest(() -> API.athena().createWorkGroup(request -> request.name("small-cutoff").configuration(configuration -> configuration.bytesScannedCutoffPerQuery(9_999_999L))),
                "1 validation error detected: Value at 'configuration.bytesScannedCutoffPerQuery' failed to satisfy constraint: Member must have value greater than or equal to 10000000");
        API.athena().createWorkGroup(request -> request.name("cutoff-later"));
        assertInvalidRequest(() -> API.athena().updateWorkGroup(request -> request.workGroup("cutoff-later").configurationUpdates(updates -> updates.bytesScannedCutoffPerQuery(1L))),
                "1 validation error detected: Value at 'configurationUpdates.bytesScannedCutoffPerQuery' failed to satisfy constraint: Member must have value greater than or equal to 10000000");
        assertThat(API.server().service().workGroups().find("small-cutoff")).as("nothing is stored when validation fails").isEmpty();
    }

    @Test
    void emptyTagListIsRefused()
    {
        assertInvalidRequest(() -> API.athena().createWorkGroup(request -> request.name("no-tags").tags(List.of())),
                "Tags provided upon WorkGroup creation must not be empty");
    }

    @Test
    void listWorkGroupsPagesThroughEveryWorkGroupInNameOrder()
    {
        for (String name : List.of("list-e", "list-b", "list-d", "list-a", "list-c")) {
            API.athena().createWorkGroup(request -> request.name(name));
        }

        List<ListWorkGroupsResponse> pages = API.athena().listWorkGroupsPaginator(request -> request.maxResults(2)).stream().toList();
        List<String> paged = pages.stream().flatMap(page -> page.workGroups().stream()).map(WorkGroupSummary::name).toList();
        List<String> unpaged = API.athena().listWorkGroups(request -> {}).workGroups().stream().map(WorkGroupSummary::name).toList();

        assertThat(paged).as("the pages together are the whole listing, nothing twice").isEqualTo(unpaged);
        assertThat(paged).isSorted().contains("primary", "list-a", "list-b", "list-c", "list-d", "list-e");
        assertThat(pages).allSatisfy(page -> assertThat(page.workGroups()).hasSizeLessThanOrEqualTo(2));
        assertThat(pages.getLast().nextToken()).isNull();
        assertThat(API.athena().listWorkGroups(request -> {}).workGroups())
                .filteredOn(summary -> summary.name().equals("list-a"))
                .containsExactly(WorkGroupSummary.builder().name("list-a").state(WorkGroupState.ENABLED).description("").creationTime(NOW).engineVersion(ENGINE).build());
    }

    @Test
    void listingLimitsAndTokensAreCheckedAsAthenaChecksThem()
    {
        assertInvalidRequest(() -> API.athena().listWorkGroups(request -> request.maxResults(51)),
                "1 validation error detected: Value at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 50");
        assertInvalidRequest(() -> API.athena().listWorkGroups(request -> request.maxResults(0)),
                "1 validation error detected: Value at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1");
        assertInvalidRequest(() -> API.athena().listWorkGroups(request -> request.nextToken("not-a-token")),
                "The nextPageToken is malformed: not-a-token");
    }

    @Test
    void updateChangesWhatItNamesAndKeepsTheRest()
    {
        API.athena().createWorkGroup(request -> request
                .name("to-update")
                .description("before")
                .configuration(configuration -> configuration
                        .resultConfiguration(results -> results.outputLocation("s3://results/before/"))
                        .bytesScannedCutoffPerQuery(20_000_000L)
                        .publishCloudWatchMetricsEnabled(true)));

        API.athena().updateWorkGroup(request -> request
                .workGroup("to-update")
                .state(WorkGroupState.DISABLED)
                .configurationUpdates(updates -> updates
                        .removeBytesScannedCutoffPerQuery(true)
                        .resultConfigurationUpdates(results -> results.removeOutputLocation(true))
                        .enforceWorkGroupConfiguration(true)));

        WorkGroup updated = API.athena().getWorkGroup(request -> request.workGroup("to-update")).workGroup();
        assertThat(updated).isEqualTo(WorkGroup.builder()
                .name("to-update")
                .state(WorkGroupState.DISABLED)
                .description("before")
                .creationTime(NOW)
                .configuration(WorkGroupConfiguration.builder()
                        .resultConfiguration(ResultConfiguration.builder().build())
                        .enforceWorkGroupConfiguration(true)
                        .publishCloudWatchMetricsEnabled(true)
                        .requesterPaysEnabled(false)
                        .engineVersion(ENGINE)
                        .enableMinimumEncryptionConfiguration(false)
                        .build())
                .build());

        API.athena().updateWorkGroup(request -> request
                .workGroup("to-update")
                .description("after")
                .state(WorkGroupState.ENABLED)
                .configurationUpdates(updates -> updates
                        .bytesScannedCutoffPerQuery(30_000_000L)
                        .resultConfigurationUpdates(results -> results.outputLocation("s3://results/after/"))));
        WorkGroup again = API.athena().getWorkGroup(request -> request.workGroup("to-update")).workGroup();
        assertThat(again.description()).isEqualTo("after");
        assertThat(again.state()).isEqualTo(WorkGroupState.ENABLED);
        assertThat(again.configuration().bytesScannedCutoffPerQuery()).isEqualTo(30_000_000L);
        assertThat(again.configuration().resultConfiguration().outputLocation()).isEqualTo("s3://results/after/");
        assertThat(again.configuration().enforceWorkGroupConfiguration()).as("kept from the first update").isTrue();
    }

    @Test
    void updateWithAnUnknownStateIsAValidationError()
    {
        API.athena().createWorkGroup(request -> request.name("state-check"));
        assertInvalidRequest(() -> API.athena().updateWorkGroup(request -> request.workGroup("state-check").state("PAUSED")),
                "1 validation error detected: Value 'PAUSED' at 'state' failed to satisfy constraint: Member must satisfy enum value set: [ENABLED, DISABLED]");
    }

    @Test
    void deletedWorkGroupIsGone()
    {
        API.athena().createWorkGroup(request -> request.name("short-lived"));
        API.athena().deleteWorkGroup(request -> request.workGroup("short-lived"));
        assertInvalidRequest(() -> API.athena().getWorkGroup(request -> request.workGroup("short-lived")), "WorkGroup is not found.");
        API.athena().createWorkGroup(request -> request.name("short-lived"));
        assertThat(API.athena().getWorkGroup(request -> request.workGroup("short-lived")).workGroup().name()).as("the name is free again").isEqualTo("short-lived");
    }

    @Test
    void primaryCannotBeDeleted()
    {
        assertInvalidRequest(() -> API.athena().deleteWorkGroup(request -> request.workGroup("primary")), "The primary workgroup cannot be deleted.");
    }

    @Test
    void workGroupWithNamedQueriesIsDeletedOnlyRecursivelyAndTakesItsContentsAlong()
    {
        API.athena().createWorkGroup(request -> request.name("with-contents"));
        String queryId = API.athena().createNamedQuery(request -> request.workGroup("with-contents").name("q").database("sales").queryString("SELECT 1")).namedQueryId();
        API.athena().createPreparedStatement(request -> request.workGroup("with-contents").statementName("stmt").queryStatement("SELECT ?"));

        assertInvalidRequest(() -> API.athena().deleteWorkGroup(request -> request.workGroup("with-contents")),
                "WorkGroup with-contents is not empty: it has named queries. Delete them first, or set RecursiveDeleteOption.");
        assertThat(API.athena().getNamedQuery(request -> request.namedQueryId(queryId)).namedQuery().name()).as("nothing was deleted").isEqualTo("q");

        API.athena().deleteWorkGroup(request -> request.workGroup("with-contents").recursiveDeleteOption(true));

        assertInvalidRequest(() -> API.athena().getWorkGroup(request -> request.workGroup("with-contents")), "WorkGroup is not found.");
        assertInvalidRequest(() -> API.athena().getNamedQuery(request -> request.namedQueryId(queryId)), "NamedQuery " + queryId + " does not exist");
        API.athena().createWorkGroup(request -> request.name("with-contents"));
        assertThat(API.athena().listPreparedStatements(request -> request.workGroup("with-contents")).preparedStatements())
                .as("a new work group of the same name starts empty")
                .isEmpty();
        assertThat(API.athena().listNamedQueries(request -> request.workGroup("with-contents")).namedQueryIds()).isEmpty();
    }

    static void assertInvalidRequest(Runnable call, String message)
    {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(InvalidRequestException.class, error -> {
                    assertThat(error.statusCode()).isEqualTo(400);
                    assertThat(error.awsErrorDetails().errorMessage()).isEqualTo(message);
                    assertThat(error.athenaErrorCode()).isEqualTo("INVALID_INPUT");
                });
    }
}
