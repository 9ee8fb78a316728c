package io.trawl.engine.write;

import java.net.URI;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Where one write statement puts what Athena puts next to its query results, given by whoever runs the statement
 * (the query API, from the query's output location).
 *
 * @param tableLocation where a CTAS without {@code external_location} puts its table's data; Athena uses
 * {@code <output location>/tables/<query id>/}
 * @param manifestLocation where the data manifest goes: a text file naming every data file the statement wrote, one
 * URI a line, as Athena's {@code <output location>/<query id>-manifest.csv}
 */
public record WriteLocations(Optional<URI> tableLocation, Optional<URI> manifestLocation)
{
    public WriteLocations
    {
        requireNonNull(tableLocation, "tableLocation is null");
        requireNonNull(manifestLocation, "manifestLocation is null");
    }

    /** No locations: a CTAS needs {@code external_location} (or the engine's configured tables location), and no manifest is written. */
    public static WriteLocations none()
    {
        return new WriteLocations(Optional.empty(), Optional.empty());
    }

    /** Athena's layout under a query's output location: {@code tables/<query id>/} and {@code <query id>-manifest.csv}. */
    public static WriteLocations underOutputLocation(URI outputLocation, String queryId)
    {
        requireNonNull(outputLocation, "outputLocation is null");
        requireNonNull(queryId, "queryId is null");
        URI folder = StorageLocations.asFolder(outputLocation);
        return new WriteLocations(
                Optional.of(StorageLocations.child(folder, "tables/" + queryId + "/")),
                Optional.of(StorageLocations.child(folder, queryId + "-manifest.csv")));
    }
}
