package io.trawl.api.athena.wire;

import java.util.List;

/**
 * Athena's work-group shapes as they travel (AWS JSON 1.1, members PascalCase through {@code AwsJson}'s naming):
 * CreateWorkGroup, GetWorkGroup, ListWorkGroups, UpdateWorkGroup, DeleteWorkGroup. Members a request leaves out are
 * null; members this service does not keep (encryption, ACLs, Spark settings) are accepted and ignored.
 */
public final class WorkGroupShapes
{
    private WorkGroupShapes() {}

    public record Tag(String key, String value) {}

    public record EngineVersion(String selectedEngineVersion, String effectiveEngineVersion) {}

    public record ResultConfiguration(String outputLocation) {}

    public record ResultConfigurationUpdates(String outputLocation, Boolean removeOutputLocation) {}

    public record WorkGroupConfiguration(
            ResultConfiguration resultConfiguration,
            Boolean enforceWorkGroupConfiguration,
            Boolean publishCloudWatchMetricsEnabled,
            Long bytesScannedCutoffPerQuery,
            Boolean requesterPaysEnabled,
            EngineVersion engineVersion,
            Boolean enableMinimumEncryptionConfiguration) {}

    public record WorkGroupConfigurationUpdates(
            Boolean enforceWorkGroupConfiguration,
            ResultConfigurationUpdates resultConfigurationUpdates,
            Boolean publishCloudWatchMetricsEnabled,
            Long bytesScannedCutoffPerQuery,
            Boolean removeBytesScannedCutoffPerQuery,
            Boolean requesterPaysEnabled,
            EngineVersion engineVersion) {}

    public record WorkGroup(
            String name,
            String state,
            WorkGroupConfiguration configuration,
            String description,
            Double creationTime) {}

    public record WorkGroupSummary(
            String name,
            String state,
            String description,
            Double creationTime,
            EngineVersion engineVersion) {}

    public record CreateWorkGroupRequest(String name, WorkGroupConfiguration configuration, String description, List<Tag> tags) {}

    public record GetWorkGroupRequest(String workGroup) {}

    public record GetWorkGroupResponse(WorkGroup workGroup) {}

    public record ListWorkGroupsRequest(String nextToken, Integer maxResults) {}

    public record ListWorkGroupsResponse(List<WorkGroupSummary> workGroups, String nextToken) {}

    public record UpdateWorkGroupRequest(String workGroup, String description, WorkGroupConfigurationUpdates configurationUpdates, String state) {}

    public record DeleteWorkGroupRequest(String workGroup, Boolean recursiveDeleteOption) {}
}
