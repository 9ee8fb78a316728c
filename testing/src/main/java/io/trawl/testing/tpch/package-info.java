/**
 * TPC-H for tests and benchmarks: the 22 query texts ({@link io.trawl.testing.tpch.TpchQueries}), data
 * generated once into the build directory and registered in Trawl and in DuckDB from the same DDL
 * ({@link io.trawl.testing.tpch.TpchTables}), and the per-JVM fixture {@link io.trawl.testing.tpch.TpchLake}.
 */
package io.trawl.testing.tpch;
