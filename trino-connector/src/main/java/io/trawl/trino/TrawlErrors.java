package io.trawl.trino;

import io.trawl.error.TrawlException;
import io.trino.spi.ErrorCode;
import io.trino.spi.ErrorCodeSupplier;
import io.trino.spi.TrinoException;

import static io.trino.spi.StandardErrorCode.GENERIC_INTERNAL_ERROR;
import static io.trino.spi.StandardErrorCode.GENERIC_USER_ERROR;

/**
 * Trawl's typed errors as Trino's: the message is Trawl's (it names the file, table or location), the type
 * decides whether Trino reports a user error or an external one. Codes live in the connector range Trino
 * reserves for plugins (0x0700_0000 and up; Trawl's block).
 */
public enum TrawlErrors
        implements ErrorCodeSupplier
{
    TRAWL_STORAGE_ERROR(0x0712_0000, io.trino.spi.ErrorType.EXTERNAL);

    private final ErrorCode errorCode;

    TrawlErrors(int code, io.trino.spi.ErrorType type)
    {
        errorCode = new ErrorCode(code, name(), type);
    }

    @Override
    public ErrorCode toErrorCode()
    {
        return errorCode;
    }

    public static TrinoException toTrino(TrawlException e)
    {
        ErrorCodeSupplier code = switch (e.errorType()) {
            case USER_ERROR -> GENERIC_USER_ERROR;
            case EXTERNAL -> TRAWL_STORAGE_ERROR;
            case INTERNAL -> GENERIC_INTERNAL_ERROR;
        };
        return new TrinoException(code, e.getMessage(), e);
    }
}
