package io.trawl.error;

import static java.util.Objects.requireNonNull;

/**
 * The one exception type users see. The message is written for the user: it names the thing that is
 * wrong (the table, the column, the file and offset, the line and column of the SQL).
 */
public class TrawlException
        extends RuntimeException
{
    private final ErrorCode errorCode;

    public TrawlException(ErrorCode errorCode, String message)
    {
        super(requireNonNull(message, "message is null"));
        this.errorCode = requireNonNull(errorCode, "errorCode is null");
    }

    public TrawlException(ErrorCode errorCode, String message, Throwable cause)
    {
        super(requireNonNull(message, "message is null"), cause);
        this.errorCode = requireNonNull(errorCode, "errorCode is null");
    }

    public ErrorCode errorCode()
    {
        return errorCode;
    }

    public ErrorType errorType()
    {
        return errorCode.type();
    }
}
