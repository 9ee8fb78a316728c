/**
 * Vectorized, pull-based operators over Trino SPI Pages.
 * <pre>
 *   scan / ValuesOperator ──Page──▶ HashJoin / HashAggregation / Window / OrderBy / TopN / Limit / ... ──Page──▶ result
 * </pre>
 * Each {@link io.trawl.engine.operator.Operator} returns batches of at most about 8192 rows from
 * {@code next()} and null when done. Operators that hold rows (hash tables, sort buffers, heaps) reserve
 * what they retain in the query's {@link io.trawl.engine.operator.MemoryBudget} and free it on close, so a
 * query that does not fit fails with EXCEEDED_MEMORY_LIMIT rather than an OutOfMemoryError.
 * Keys are hashed, compared and ordered by {@link io.trawl.engine.operator.ValueOperations}: NULLs group
 * together, never join, and sort first or last as the SortOrder says.
 */
package io.trawl.engine.operator;
