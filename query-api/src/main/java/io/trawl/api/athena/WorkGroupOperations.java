package io.trawl.api.athena;

import com.fasterxml.jackson.databind.JsonNode;
import io.trawl.api.athena.wire.WorkGroupShapes.CreateWorkGroupRequest;
import io.trawl.api.athena.wire.WorkGroupShapes.DeleteWorkGroupRequest;
import io.trawl.api.athena.wire.WorkGroupShapes.EngineVersion;
import io.trawl.api.athena.wire.WorkGroupShapes.GetWorkGroupRequest;
import io.trawl.api.athena.wire.WorkGroupShapes.GetWorkGroupResponse;
import io.trawl.api.athena.wire.WorkGroupShapes.ListWorkGroupsRequest;
import io.trawl.api.athena.wire.WorkGroupShapes.ListWorkGroupsResponse;
import io.trawl.api.athena.wire.WorkGroupShapes.ResultConfiguration;
import io.trawl.api.athena.wire.WorkGroupShapes.ResultConfigurationUpdates;
import io.trawl.api.athena.wire.WorkGroupShapes.Tag;
import io.trawl.api.athena.wire.WorkGroupShapes.UpdateWorkGroupRequest;
import io.trawl.api.athena.wire.WorkGroupShapes.WorkGroupConfiguration;
import io.trawl.api.athena.wire.WorkGroupShapes.WorkGroupConfigurationUpdates;
import io.trawl.api.athena.wire.WorkGroupShapes.WorkGroupSummary;
import io.trawl.api.auth.Caller;
import io.trawl.api.namedquery.NamedQueryStore;
import io.trawl.api.prepared.PreparedStatementStore;
import io.trawl.api.protocol.AwsJson;
import io.trawl.api.protocol.AwsServiceException;
import io.trawl.api.protocol.AwsJsonService.Operation;
import io.trawl.api.workgroup.WorkGroup;
import io.trawl.api.workgroup.WorkGroupStore;

import java.net.URI;
import java.time.Clock;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Athena's work-group operations over the {@link WorkGroupStore}: CreateWorkGroup, GetWorkGroup, ListWorkGroups,
 * UpdateWorkGroup, DeleteWorkGroup. Inputs are checked against the constraints of Athena's API reference (names
 * {@code [a-zA-Z0-9._-]{1,128}}, descriptions up to 1024 characters, a cutoff of at least 10,000,000 bytes, at most
 * 50 tags) before anything is stored. Messages for a missing or existing work group are Athena's own
 * ({@code WorkGroup is not found.}, {@code WorkGroup is already created}), as are the shapes it answers with:
 * GetWorkGroup leaves out an empty description where ListWorkGroups gives {@code ""}, and the configuration always
 * has a ResultConfiguration, empty when no output location is set.
 */
public final class WorkGroupOperations
        implements AthenaService.OperationGroup
{
    static final Pattern WORK_GROUP_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,128}");
    static final String NOT_FOUND = "WorkGroup is not found.";
    private static final List<String> STATES = List.of("ENABLED", "DISABLED");
    private static final List<String> ENGINE_VERSIONS = List.of(WorkGroup.AUTO_ENGINE_VERSION, WorkGroup.EFFECTIVE_ENGINE_VERSION);
    private static final int MAXIMUM_PAGE = 50;

    private final WorkGroupStore workGroups;
    private final NamedQueryStore namedQueries;
    private final PreparedStatementStore preparedStatements;
    private final Clock clock;
    private final java.util.function.Predicate<String> administers;

    /**
     * @param administers whether a principal may create, change and delete work groups: with access control on, the
     * administrators only, since a work group's cutoff and output location bound what its users spend and where their
     * results go
     */
    public WorkGroupOperations(WorkGroupStore workGroups, NamedQueryStore namedQueries, PreparedStatementStore preparedStatements, Clock clock,
            java.util.function.Predicate<String> administers)
    {
        this.administers = requireNonNull(administers, "administers is null");
        this.workGroups = requireNonNull(workGroups, "workGroups is null");
        this.namedQueries = requireNonNull(namedQueries, "namedQueries is null");
        this.preparedStatements = requireNonNull(preparedStatements, "preparedStatements is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public Map<String, Operation> operations()
    {
        Map<String, Operation> operations = new LinkedHashMap<>();
        operations.put("CreateWorkGroup", administered(this::createWorkGroup, "create"));
        operations.put("GetWorkGroup", this::getWorkGroup);
        operations.put("ListWorkGroups", this::listWorkGroups);
        operations.put("UpdateWorkGroup", administered(this::updateWorkGroup, "update"));
        operations.put("DeleteWorkGroup", administered(this::deleteWorkGroup, "delete"));
        return operations;
    }

    private Operation administered(Operation operation, String action)
    {
        return (input, caller) -> {
            if (!administers.test(caller.principal())) {
                throw new AwsServiceException("AccessDeniedException", 400, "Access Denied: %s cannot %s work groups: only an administrator can".formatted(caller.principal(), action));
            }
            return operation.invoke(input, caller);
        };
    }

    private JsonNode createWorkGroup(JsonNode input, Caller caller)
    {
        CreateWorkGroupRequest request = AwsJson.readInput(input, CreateWorkGroupRequest.class);
        Optional<WorkGroupConfiguration> configuration = Optional.ofNullable(request.configuration());
        MemberChecks checks = MemberChecks.check()
                .required("name", request.name())
                .pattern("name", request.name(), WORK_GROUP_NAME)
                .length("description", request.description(), 0, 1024)
                .size("tags", request.tags(), 0, 50)
                .range("configuration.bytesScannedCutoffPerQuery", configuration.map(WorkGroupConfiguration::bytesScannedCutoffPerQuery).orElse(null), WorkGroup.MINIMUM_CUTOFF_BYTES, Long.MAX_VALUE)
                .oneOf("configuration.engineVersion.selectedEngineVersion", configuration.map(WorkGroupConfiguration::engineVersion).map(EngineVersion::selectedEngineVersion).orElse(null), ENGINE_VERSIONS);
        checkTags(checks, request.tags());
        checks.verify();
        if (request.tags() != null && request.tags().isEmpty()) {
            throw MemberChecks.invalidInput("Tags provided upon WorkGroup creation must not be empty");
        }

        WorkGroup workGroup = new WorkGroup(
                request.name(),
                WorkGroup.State.ENABLED,
                request.description(),
                clock.instant(),
                configuration.map(WorkGroupConfiguration::resultConfiguration).map(ResultConfiguration::outputLocation).map(WorkGroupOperations::outputLocation),
                configuration.map(WorkGroupConfiguration::enforceWorkGroupConfiguration).orElse(false),
                configuration.map(WorkGroupConfiguration::bytesScannedCutoffPerQuery).map(OptionalLong::of).orElse(OptionalLong.empty()),
                tags(request.tags()),
                configuration.map(WorkGroupConfiguration::publishCloudWatchMetricsEnabled).orElse(false),
                configuration.map(WorkGroupConfiguration::requesterPaysEnabled).orElse(false),
                configuration.map(WorkGroupConfiguration::engineVersion).map(EngineVersion::selectedEngineVersion).orElse(WorkGroup.AUTO_ENGINE_VERSION));
        if (!workGroups.create(workGroup)) {
            throw MemberChecks.invalidInput("WorkGroup is already created");
        }
        return AwsJson.mapper().createObjectNode();
    }

    private JsonNode getWorkGroup(JsonNode input, Caller caller)
    {
        GetWorkGroupRequest request = AwsJson.readInput(input, GetWorkGroupRequest.class);
        checkWorkGroupName(request.workGroup());
        WorkGroup workGroup = workGroups.find(request.workGroup()).orElseThrow(() -> MemberChecks.invalidInput(NOT_FOUND));
        return AwsJson.toTree(new GetWorkGroupResponse(toWire(workGroup)));
    }

    private JsonNode listWorkGroups(JsonNode input, Caller caller)
    {
        ListWorkGroupsRequest request = AwsJson.readInput(input, ListWorkGroupsRequest.class);
        MemberChecks.check()
                .range("maxResults", request.maxResults(), 1, MAXIMUM_PAGE)
                .length("nextToken", request.nextToken(), 1, 1024)
                .verify();
        List<WorkGroup> all = workGroups.list().stream().sorted(Comparator.comparing(WorkGroup::name)).toList();
        ListPage<WorkGroup> page = ListPage.of(all, WorkGroup::name, request.nextToken(), Optional.ofNullable(request.maxResults()).orElse(MAXIMUM_PAGE));
        List<WorkGroupSummary> summaries = page.items().stream()
                .map(workGroup -> new WorkGroupSummary(
                        workGroup.name(),
                        workGroup.state().name(),
                        workGroup.description(),
                        epochSeconds(workGroup),
                        engineVersion(workGroup)))
                .toList();
        return AwsJson.toTree(new ListWorkGroupsResponse(summaries, page.nextToken().orElse(null)));
    }

    private JsonNode updateWorkGroup(JsonNode input, Caller caller)
    {
        UpdateWorkGroupRequest request = AwsJson.readInput(input, UpdateWorkGroupRequest.class);
        Optional<WorkGroupConfigurationUpdates> updates = Optional.ofNullable(request.configurationUpdates());
        MemberChecks.check()
                .required("workGroup", request.workGroup())
                .pattern("workGroup", request.workGroup(), WORK_GROUP_NAME)
                .length("description", request.description(), 0, 1024)
                .oneOf("state", request.state(), STATES)
                .range("configurationUpdates.bytesScannedCutoffPerQuery", updates.map(WorkGroupConfigurationUpdates::bytesScannedCutoffPerQuery).orElse(null), WorkGroup.MINIMUM_CUTOFF_BYTES, Long.MAX_VALUE)
                .oneOf("configurationUpdates.engineVersion.selectedEngineVersion", updates.map(WorkGroupConfigurationUpdates::engineVersion).map(EngineVersion::selectedEngineVersion).orElse(null), ENGINE_VERSIONS)
                .verify();
        updates.ifPresent(WorkGroupOperations::checkNoContradiction);
        Optional<URI> newOutputLocation = updates.map(WorkGroupConfigurationUpdates::resultConfigurationUpdates)
                .map(ResultConfigurationUpdates::outputLocation)
                .map(WorkGroupOperations::outputLocation);

        workGroups.update(request.workGroup(), workGroup -> {
            WorkGroup changed = workGroup;
            if (request.description() != null) {
                changed = changed.withDescription(request.description());
            }
            if (request.state() != null) {
                changed = changed.withState(WorkGroup.State.valueOf(request.state()));
            }
            if (updates.isPresent()) {
                changed = applyConfigurationUpdates(changed, updates.get(), newOutputLocation);
            }
            return changed;
        }).orElseThrow(() -> MemberChecks.invalidInput(NOT_FOUND));
        return AwsJson.mapper().createObjectNode();
    }

    private JsonNode deleteWorkGroup(JsonNode input, Caller caller)
    {
        DeleteWorkGroupRequest request = AwsJson.readInput(input, DeleteWorkGroupRequest.class);
        checkWorkGroupName(request.workGroup());
        String name = request.workGroup();
        if (name.equals(WorkGroup.PRIMARY)) {
            throw MemberChecks.invalidInput("The primary workgroup cannot be deleted.");
        }
        if (workGroups.find(name).isEmpty()) {
            throw MemberChecks.invalidInput(NOT_FOUND);
        }
        boolean recursive = Boolean.TRUE.equals(request.recursiveDeleteOption());
        // Athena keeps a work group that still has named queries unless asked to delete them along with it
        if (!recursive && !namedQueries.ids(name).isEmpty()) {
            throw MemberChecks.invalidInput("WorkGroup %s is not empty: it has named queries. Delete them first, or set RecursiveDeleteOption.".formatted(name));
        }
        namedQueries.deleteAll(name);
        preparedStatements.deleteAll(name);
        workGroups.delete(name);
        return AwsJson.mapper().createObjectNode();
    }

    private static WorkGroup applyConfigurationUpdates(WorkGroup workGroup, WorkGroupConfigurationUpdates updates, Optional<URI> newOutputLocation)
    {
        WorkGroup changed = workGroup;
        if (updates.enforceWorkGroupConfiguration() != null) {
            changed = changed.withEnforceWorkGroupConfiguration(updates.enforceWorkGroupConfiguration());
        }
        if (updates.publishCloudWatchMetricsEnabled() != null) {
            changed = changed.withPublishCloudWatchMetricsEnabled(updates.publishCloudWatchMetricsEnabled());
        }
        if (updates.requesterPaysEnabled() != null) {
            changed = changed.withRequesterPaysEnabled(updates.requesterPaysEnabled());
        }
        if (updates.engineVersion() != null && updates.engineVersion().selectedEngineVersion() != null) {
            changed = changed.withSelectedEngineVersion(updates.engineVersion().selectedEngineVersion());
        }
        if (Boolean.TRUE.equals(updates.removeBytesScannedCutoffPerQuery())) {
            changed = changed.withBytesScannedCutoffPerQuery(OptionalLong.empty());
        }
        else if (updates.bytesScannedCutoffPerQuery() != null) {
            changed = changed.withBytesScannedCutoffPerQuery(OptionalLong.of(updates.bytesScannedCutoffPerQuery()));
        }
        ResultConfigurationUpdates results = updates.resultConfigurationUpdates();
        if (results != null && Boolean.TRUE.equals(results.removeOutputLocation())) {
            changed = changed.withOutputLocation(Optional.empty());
        }
        else if (newOutputLocation.isPresent()) {
            changed = changed.withOutputLocation(newOutputLocation);
        }
        return changed;
    }

    /** A value and the request to remove it, both at once, is a request that means nothing. */
    private static void checkNoContradiction(WorkGroupConfigurationUpdates updates)
    {
        if (Boolean.TRUE.equals(updates.removeBytesScannedCutoffPerQuery()) && updates.bytesScannedCutoffPerQuery() != null) {
            throw MemberChecks.invalidInput("BytesScannedCutoffPerQuery and RemoveBytesScannedCutoffPerQuery cannot both be given");
        }
        ResultConfigurationUpdates results = updates.resultConfigurationUpdates();
        if (results != null && Boolean.TRUE.equals(results.removeOutputLocation()) && results.outputLocation() != null) {
            throw MemberChecks.invalidInput("OutputLocation and RemoveOutputLocation cannot both be given");
        }
    }

    private static void checkWorkGroupName(String name)
    {
        MemberChecks.check()
                .required("workGroup", name)
                .pattern("workGroup", name, WORK_GROUP_NAME)
                .verify();
    }

    private static void checkTags(MemberChecks checks, List<Tag> tags)
    {
        if (tags == null) {
            return;
        }
        for (int index = 0; index < tags.size(); index++) {
            Tag tag = tags.get(index);
            String member = "tags.%d.member".formatted(index + 1);
            checks.required(member + ".key", tag.key())
                    .length(member + ".key", tag.key(), 1, 128)
                    .length(member + ".value", tag.value(), 0, 256);
        }
    }

    private static Map<String, String> tags(List<Tag> tags)
    {
        Map<String, String> map = new LinkedHashMap<>();
        if (tags != null) {
            for (Tag tag : tags) {
                map.put(tag.key(), tag.value() == null ? "" : tag.value());
            }
        }
        return map;
    }

    /** Where results go: an {@code s3://} or {@code file://} location, the two the result writer knows. */
    private static URI outputLocation(String location)
    {
        try {
            URI uri = URI.create(location);
            if ("s3".equals(uri.getScheme()) || "file".equals(uri.getScheme())) {
                return uri;
            }
        }
        catch (IllegalArgumentException _) {
            // reported below
        }
        throw MemberChecks.invalidInput("OutputLocation %s is not an s3:// or file:// location".formatted(location));
    }

    static io.trawl.api.athena.wire.WorkGroupShapes.WorkGroup toWire(WorkGroup workGroup)
    {
        WorkGroupConfiguration configuration = new WorkGroupConfiguration(
                new ResultConfiguration(workGroup.outputLocation().map(URI::toString).orElse(null)),
                workGroup.enforceWorkGroupConfiguration(),
                workGroup.publishCloudWatchMetricsEnabled(),
                workGroup.bytesScannedCutoffPerQuery().isPresent() ? workGroup.bytesScannedCutoffPerQuery().getAsLong() : null,
                workGroup.requesterPaysEnabled(),
                engineVersion(workGroup),
                false);
        return new io.trawl.api.athena.wire.WorkGroupShapes.WorkGroup(
                workGroup.name(),
                workGroup.state().name(),
                configuration,
                workGroup.description().isEmpty() ? null : workGroup.description(),
                epochSeconds(workGroup));
    }

    private static EngineVersion engineVersion(WorkGroup workGroup)
    {
        return new EngineVersion(workGroup.selectedEngineVersion(), WorkGroup.EFFECTIVE_ENGINE_VERSION);
    }

    private static double epochSeconds(WorkGroup workGroup)
    {
        return workGroup.creationTime().toEpochMilli() / 1000.0;
    }
}
