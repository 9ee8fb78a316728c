package io.trawl.error;

import static java.util.Objects.requireNonNull;

/**
 * Every failure a user can see carries one of these codes. The name doubles as Athena's ErrorType text.
 */
public enum ErrorCode
{
    SYNTAX_ERROR(ErrorType.USER_ERROR),
    SCHEMA_NOT_FOUND(ErrorType.USER_ERROR),
    SCHEMA_ALREADY_EXISTS(ErrorType.USER_ERROR),
    TABLE_NOT_FOUND(ErrorType.USER_ERROR),
    TABLE_ALREADY_EXISTS(ErrorType.USER_ERROR),
    PARTITION_NOT_FOUND(ErrorType.USER_ERROR),
    PARTITION_ALREADY_EXISTS(ErrorType.USER_ERROR),
    COLUMN_NOT_FOUND(ErrorType.USER_ERROR),
    AMBIGUOUS_NAME(ErrorType.USER_ERROR),
    TYPE_MISMATCH(ErrorType.USER_ERROR),
    FUNCTION_NOT_FOUND(ErrorType.USER_ERROR),
    INVALID_ARGUMENT(ErrorType.USER_ERROR),
    DIVISION_BY_ZERO(ErrorType.USER_ERROR),
    NUMERIC_VALUE_OUT_OF_RANGE(ErrorType.USER_ERROR),
    INVALID_CAST(ErrorType.USER_ERROR),
    SUBQUERY_MULTIPLE_ROWS(ErrorType.USER_ERROR),
    NOT_SUPPORTED(ErrorType.USER_ERROR),
    INVALID_LOCATION(ErrorType.USER_ERROR),
    /** Access control is on and the session's user lacks a privilege the statement needs. */
    ACCESS_DENIED(ErrorType.USER_ERROR),
    BAD_DATA(ErrorType.USER_ERROR),
    EXCEEDED_MEMORY_LIMIT(ErrorType.USER_ERROR),
    /** The work group's bytes-scanned cutoff stopped the query (Athena: "Bytes scanned limit was exceeded"). */
    EXCEEDED_SCAN_LIMIT(ErrorType.USER_ERROR),
    /** A usage alert disabled the work group: it takes no queries until re-enabled. */
    WORKGROUP_DISABLED(ErrorType.USER_ERROR),
    /** The user (or a client) cancelled the query. */
    QUERY_CANCELLED(ErrorType.USER_ERROR),
    /** A scan worker kept failing (crashed, timed out, throttled, or answered garbage) after every retry. */
    WORKER_FAILED(ErrorType.EXTERNAL),
    STORAGE_ERROR(ErrorType.EXTERNAL),
    CONCURRENT_MODIFICATION(ErrorType.EXTERNAL),
    INTERNAL_ERROR(ErrorType.INTERNAL);

    private final ErrorType type;

    ErrorCode(ErrorType type)
    {
        this.type = requireNonNull(type, "type is null");
    }

    public ErrorType type()
    {
        return type;
    }
}
