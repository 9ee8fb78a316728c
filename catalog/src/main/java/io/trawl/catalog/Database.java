package io.trawl.catalog;

import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** Glue's Database: name, description, default location for its tables, parameters. */
public record Database(String name, Optional<String> description, Optional<String> locationUri, Map<String, String> parameters)
{
    public Database
    {
        requireNonNull(name, "name is null");
        requireNonNull(description, "description is null");
        requireNonNull(locationUri, "locationUri is null");
        parameters = Map.copyOf(requireNonNull(parameters, "parameters is null"));
    }
}
