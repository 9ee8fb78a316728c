package io.trawl.testing.lambda;

import static java.util.Objects.requireNonNull;

/**
 * An invocation as a fault predicate sees it, before anything runs.
 *
 * @param sequence 1 for the function's first invocation request, then 2, 3, ... (DryRun requests not counted)
 * @param payload the request body as UTF-8 text (Lambda payloads are JSON)
 */
public record InvocationRequest(String functionName, String requestId, long sequence, String payload)
{
    public InvocationRequest
    {
        requireNonNull(functionName, "functionName is null");
        requireNonNull(requestId, "requestId is null");
        requireNonNull(payload, "payload is null");
    }
}
