package io.trawl.api.protocol;

import java.util.LinkedHashMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * An error answered in AWS JSON 1.1's shape: the exception's short name as {@code __type} and in the
 * {@code x-amzn-ErrorType} header, its HTTP status, the {@code Message}, and any members the operation's error shape
 * adds (Athena's {@code AthenaErrorCode}, {@code ErrorCode}, {@code Reason}). The AWS SDKs build their typed exceptions
 * from exactly these, and retry the ones whose type they know as throttling ({@code TooManyRequestsException},
 * {@code ThrottlingException}) or whose status is 5xx.
 */
public final class AwsServiceException
        extends RuntimeException
{
    private final String errorType;
    private final int httpStatus;
    private final Map<String, String> members;

    public AwsServiceException(String errorType, int httpStatus, String message)
    {
        this(errorType, httpStatus, message, Map.of());
    }

    public AwsServiceException(String errorType, int httpStatus, String message, Map<String, String> members)
    {
        super(requireNonNull(message, "message is null"));
        this.errorType = requireNonNull(errorType, "errorType is null");
        this.httpStatus = httpStatus;
        this.members = Map.copyOf(new LinkedHashMap<>(requireNonNull(members, "members is null")));
    }

    /** Athena's and Glue's 400 for a request that names something wrong or breaks a constraint. */
    public static AwsServiceException invalidRequest(String message)
    {
        return new AwsServiceException("InvalidRequestException", 400, message);
    }

    /** Glue's and Athena's 400 when the named entity does not exist. */
    public static AwsServiceException entityNotFound(String message)
    {
        return new AwsServiceException("EntityNotFoundException", 400, message);
    }

    /** Glue's 400 when the entity to create exists already. */
    public static AwsServiceException alreadyExists(String message)
    {
        return new AwsServiceException("AlreadyExistsException", 400, message);
    }

    /** Glue's and Athena's 400 for a request whose members are missing or malformed. */
    public static AwsServiceException invalidInput(String message)
    {
        return new AwsServiceException("InvalidInputException", 400, message);
    }

    /** Both services' 500: the request may succeed when retried. */
    public static AwsServiceException internal(String message)
    {
        return new AwsServiceException("InternalServerException", 500, message);
    }

    public String errorType()
    {
        return errorType;
    }

    public int httpStatus()
    {
        return httpStatus;
    }

    /** Members of the error shape beyond {@code __type} and {@code Message}. */
    public Map<String, String> members()
    {
        return members;
    }
}
