package io.trawl.testing.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * The JSON documents Lambda answers with. Function errors are 200 responses whose payload is the error document
 * ({@code errorMessage}, {@code errorType}, and for Java exceptions {@code stackTrace} and {@code cause}, as the
 * Java runtime formats them). Service errors carry the exception name in {@code x-amzn-ErrorType} and a body
 * with {@code Type} and {@code message}, from which the SDK builds its modeled exceptions.
 */
final class LambdaErrors
{
    /** The response limit Lambda applies: its error message names 6,291,556 bytes, 100 more than 6 MiB. */
    static final long MAX_RESPONSE_BYTES = 6_291_556;
    static final long MAX_REQUEST_BYTES = 6_291_456;

    private static final ObjectMapper JSON = new ObjectMapper();

    private LambdaErrors() {}

    static byte[] exception(Throwable failure)
    {
        return toBytes(exceptionNode(failure, 0));
    }

    static byte[] timedOut(String requestId, Duration timeout)
    {
        String message = "RequestId: %s Error: Task timed out after %s seconds".formatted(requestId, String.format(Locale.ROOT, "%.2f", timeout.toMillis() / 1000.0));
        return functionError("Sandbox.Timedout", message);
    }

    static byte[] runtimeExited(String requestId)
    {
        return functionError("Runtime.ExitError", "RequestId: %s Error: Runtime exited with error: exit status 1".formatted(requestId));
    }

    static byte[] responseTooLarge()
    {
        return functionError("Function.ResponseSizeTooLarge", "Response payload size exceeded maximum allowed payload size (%d bytes).".formatted(MAX_RESPONSE_BYTES));
    }

    static byte[] functionError(String errorType, String errorMessage)
    {
        ObjectNode error = JSON.createObjectNode();
        error.put("errorType", errorType);
        error.put("errorMessage", errorMessage);
        return toBytes(error);
    }

    /** A service error body; {@code messageField} is {@code message} or {@code Message}, as Lambda spells it per exception. */
    static byte[] serviceError(String messageField, String message)
    {
        ObjectNode error = JSON.createObjectNode();
        error.put("Type", "User");
        error.put(messageField, message);
        return toBytes(error);
    }

    static byte[] throttled(String reason)
    {
        ObjectNode error = JSON.createObjectNode();
        error.put("Reason", reason);
        error.put("Type", "User");
        error.put("message", "Rate Exceeded.");
        return toBytes(error);
    }

    private static ObjectNode exceptionNode(Throwable failure, int depth)
    {
        ObjectNode error = JSON.createObjectNode();
        error.put("errorMessage", failure.getMessage() == null ? failure.getClass().getName() : failure.getMessage());
        error.put("errorType", failure.getClass().getName());
        ArrayNode stackTrace = error.putArray("stackTrace");
        for (StackTraceElement frame : failure.getStackTrace()) {
            if (frame.getClassName().startsWith(Container.class.getName())) {
                break;
            }
            stackTrace.add("%s.%s(%s:%d)".formatted(frame.getClassName(), frame.getMethodName(), frame.getFileName(), frame.getLineNumber()));
        }
        Throwable cause = failure.getCause();
        if (cause != null && cause != failure && depth < 8) {
            error.set("cause", exceptionNode(cause, depth + 1));
        }
        return error;
    }

    private static byte[] toBytes(ObjectNode node)
    {
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }
}
