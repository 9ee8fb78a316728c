package io.trawl.engine.scan;

import java.util.OptionalLong;

/** Free statistics about a table: its stored size and, when the files tell, its row count. */
public record TableEstimate(long totalBytes, OptionalLong rowCount)
{
}
