/**
 * Athena partition projection: partitions computed from table properties and the query's predicates, never
 * listed from the catalog or the storage tree.
 *
 * <pre>
 *  Table.parameters (projection.enabled, projection.&lt;col&gt;.*, storage.location.template)
 *        ──PartitionProjection.parse──▶ one ColumnProjection per partition key (enum | integer | date | injected)
 *  TupleDomain of the query ──partitions──▶ per key: the projected values the key's domain admits
 *        ──cartesian product (capped)──▶ ProjectedPartition(values, location) ──listFiles──▶ data files
 * </pre>
 *
 * Semantics follow Athena's documentation of partition projection ("Supported types for partition
 * projection", "Setting up partition projection", "Use dynamic ID partitioning").
 */
package io.trawl.scan.partition.projection;
