package io.trawl.api.athena;

import io.trawl.api.protocol.AwsJsonService;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Amazon Athena's API ({@code X-Amz-Target: AmazonAthena.<Operation>}), composed of groups of operations that each
 * own one kind of resource: query executions, work groups, named queries, prepared statements, catalog metadata.
 */
public final class AthenaService
        implements AwsJsonService
{
    private final Map<String, Operation> operations;

    public AthenaService(List<OperationGroup> groups)
    {
        Map<String, Operation> all = new HashMap<>();
        for (OperationGroup group : requireNonNull(groups, "groups is null")) {
            group.operations().forEach((name, operation) -> {
                if (all.putIfAbsent(name, operation) != null) {
                    throw new IllegalArgumentException("Operation %s is defined twice".formatted(name));
                }
            });
        }
        this.operations = Map.copyOf(all);
    }

    @Override
    public String targetPrefix()
    {
        return "AmazonAthena";
    }

    @Override
    public Map<String, Operation> operations()
    {
        return operations;
    }

    /** The operations on one kind of Athena resource, by name. */
    public interface OperationGroup
    {
        Map<String, Operation> operations();
    }
}
