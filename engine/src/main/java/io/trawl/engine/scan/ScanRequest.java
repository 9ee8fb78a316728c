package io.trawl.engine.scan;

import io.trawl.catalog.Table;
import io.trino.spi.predicate.TupleDomain;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One table scan of a query as the scan would run it: the table, the catalog partitions it reads (empty when
 * storage finds the partitions itself: unpartitioned tables, partition projection, folder discovery), the
 * columns it produces and the pushed-down predicate.
 */
public record ScanRequest(Table table, Optional<List<PartitionFolder>> partitions, List<ScanColumn> columns, TupleDomain<String> predicate)
{
    public ScanRequest
    {
        requireNonNull(table, "table is null");
        partitions = requireNonNull(partitions, "partitions is null").map(List::copyOf);
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        requireNonNull(predicate, "predicate is null");
    }
}
