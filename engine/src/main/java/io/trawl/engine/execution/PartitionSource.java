package io.trawl.engine.execution;

import io.trawl.catalog.CatalogStore;
import io.trawl.catalog.Partition;
import io.trawl.catalog.Table;
import io.trawl.engine.scan.ByteMeter;
import io.trawl.engine.scan.PartitionFolder;
import io.trawl.engine.scan.ScanProvider;
import io.trawl.engine.scan.ScanSplit;
import io.trino.spi.predicate.TupleDomain;

import java.util.List;
import java.util.Optional;

/**
 * Which partitions of a partitioned table a scan reads. Athena reads the partitions registered in the catalog
 * (ALTER TABLE ADD PARTITION, MSCK REPAIR TABLE) and, with partition projection, the projected ones. Trawl
 * does the same, and for a partitioned table with no registered partitions at all it lets storage discover
 * the {@code key=value/} folders instead, so a freshly created table is queryable without MSCK REPAIR.
 */
@FunctionalInterface
public interface PartitionSource
{
    PartitionSource DISCOVER = (table, predicate) -> Optional.empty();

    /** The registered partitions matching the predicate, or empty when storage should find the partitions. */
    Optional<List<PartitionFolder>> partitions(Table table, TupleDomain<String> predicate);

    /**
     * The splits a scan of {@code table} reads: the files of its registered partitions that match, or, when
     * storage finds the partitions, of whatever {@code storage} lists and prunes. Planning reads (Parquet
     * footers) go to {@code meter}.
     */
    default List<ScanSplit> planSplits(ScanProvider storage, Table table, TupleDomain<String> predicate, ByteMeter meter)
    {
        Optional<List<PartitionFolder>> registered = partitions(table, predicate);
        return registered.isPresent()
                ? storage.planSplits(table, registered.get(), predicate, meter)
                : storage.planSplits(table, predicate, meter);
    }

    static PartitionSource catalog(CatalogStore catalog)
    {
        return (table, predicate) -> {
            if (table.partitionKeys().isEmpty() || "true".equalsIgnoreCase(table.parameters().get("projection.enabled"))) {
                return Optional.empty();
            }
            List<Partition> matching = catalog.listPartitions(table.databaseName(), table.name(), predicate);
            if (matching.isEmpty() && catalog.listPartitions(table.databaseName(), table.name(), TupleDomain.all()).isEmpty()) {
                return Optional.empty();
            }
            matching.forEach(partition -> PartitionSchemas.check(table, partition));
            return Optional.of(matching.stream().map(partition -> new PartitionFolder(partition.values(), partition.storageDescriptor().location())).toList());
        };
    }
}
