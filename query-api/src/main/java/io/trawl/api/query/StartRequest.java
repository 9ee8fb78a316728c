package io.trawl.api.query;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** What a client asks to run: StartQueryExecution's members, whatever protocol carried them. */
public record StartRequest(
        String query,
        Optional<String> database,
        Optional<String> catalog,
        Optional<String> workGroup,
        Optional<URI> outputLocation,
        List<String> executionParameters,
        Optional<String> clientRequestToken,
        QueryExecution.ResultReuse resultReuse)
{
    public StartRequest
    {
        requireNonNull(query, "query is null");
        requireNonNull(database, "database is null");
        requireNonNull(catalog, "catalog is null");
        requireNonNull(workGroup, "workGroup is null");
        requireNonNull(outputLocation, "outputLocation is null");
        executionParameters = List.copyOf(requireNonNull(executionParameters, "executionParameters is null"));
        requireNonNull(clientRequestToken, "clientRequestToken is null");
        requireNonNull(resultReuse, "resultReuse is null");
    }

    public static StartRequest of(String query)
    {
        return new StartRequest(query, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of(), Optional.empty(), QueryExecution.ResultReuse.DISABLED);
    }
}
