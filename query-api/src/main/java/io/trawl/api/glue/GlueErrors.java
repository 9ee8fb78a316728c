package io.trawl.api.glue;

import io.trawl.api.protocol.AwsServiceException;
import io.trawl.error.TrawlException;

import java.util.Locale;

/**
 * The catalog's errors as Glue answers them (all 400 but the last): EntityNotFoundException ("Database x not found.",
 * "Table x not found.", "Cannot find partition."), AlreadyExistsException ("Database already exists.", ...),
 * ConcurrentModificationException, InvalidInputException for any other mistake of the caller's, and
 * InternalServiceException (500) for failures of storage or of Trawl. Glue's messages name the database or table
 * as the request did, so the request's names are passed in.
 */
final class GlueErrors
{
    private GlueErrors() {}

    static AwsServiceException translate(TrawlException error, String databaseName, String tableName)
    {
        return switch (error.errorCode()) {
            case SCHEMA_NOT_FOUND -> databaseNotFound(databaseName);
            case TABLE_NOT_FOUND -> tableNotFound(tableName);
            case PARTITION_NOT_FOUND -> partitionNotFound();
            case SCHEMA_ALREADY_EXISTS -> AwsServiceException.alreadyExists("Database already exists.");
            case TABLE_ALREADY_EXISTS -> AwsServiceException.alreadyExists("Table already exists.");
            case PARTITION_ALREADY_EXISTS -> partitionAlreadyExists();
            case CONCURRENT_MODIFICATION -> concurrentModification(error.getMessage());
            case ACCESS_DENIED -> new AwsServiceException("AccessDeniedException", 400, error.getMessage());
            default -> switch (error.errorType()) {
                case USER_ERROR -> AwsServiceException.invalidInput(error.getMessage());
                case EXTERNAL, INTERNAL -> new AwsServiceException("InternalServiceException", 500, error.getMessage());
            };
        };
    }

    static AwsServiceException databaseNotFound(String databaseName)
    {
        return AwsServiceException.entityNotFound("Database %s not found.".formatted(normalize(databaseName)));
    }

    static AwsServiceException tableNotFound(String tableName)
    {
        return AwsServiceException.entityNotFound("Table %s not found.".formatted(normalize(tableName)));
    }

    static AwsServiceException partitionNotFound()
    {
        return AwsServiceException.entityNotFound("Cannot find partition.");
    }

    static AwsServiceException partitionAlreadyExists()
    {
        return AwsServiceException.alreadyExists("Partition already exists.");
    }

    static AwsServiceException concurrentModification(String message)
    {
        return new AwsServiceException("ConcurrentModificationException", 400, message);
    }

    private static String normalize(String name)
    {
        return name == null ? "" : name.toLowerCase(Locale.ROOT);
    }
}
