package io.trawl.engine.write;

import java.net.URI;
import java.util.List;

import static java.util.Objects.requireNonNull;

/** A finished data file in staging, and where publishing moves it: its partition's folder. */
record StagedFile(URI stagingLocation, URI finalLocation, List<String> partitionValues, long bytes, long rows)
{
    StagedFile
    {
        requireNonNull(stagingLocation, "stagingLocation is null");
        requireNonNull(finalLocation, "finalLocation is null");
        partitionValues = List.copyOf(partitionValues);
    }

    WrittenFile published()
    {
        return new WrittenFile(finalLocation, bytes, rows);
    }
}
