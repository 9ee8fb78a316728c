package io.trawl.api.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import io.trawl.api.auth.Caller;

import java.util.Map;
import java.util.Optional;

/**
 * One AWS service spoken over AWS JSON 1.1: the prefix of its {@code X-Amz-Target} ({@code AmazonAthena},
 * {@code AWSGlue}) and its operations by name. The HTTP layer authenticates the caller, finds the operation, and
 * writes what it returns or the {@link AwsServiceException} it throws.
 */
public interface AwsJsonService
{
    String targetPrefix();

    /** Every operation this service answers, by its name in {@code X-Amz-Target}. */
    Map<String, Operation> operations();

    default Optional<Operation> operation(String name)
    {
        return Optional.ofNullable(operations().get(name));
    }

    /** One operation: its JSON input in, its JSON output out, for the authenticated caller. */
    @FunctionalInterface
    interface Operation
    {
        JsonNode invoke(JsonNode input, Caller caller);
    }
}
