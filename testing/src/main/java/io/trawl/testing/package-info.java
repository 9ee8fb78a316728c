/**
 * The shared test kit: hold Trawl's answers to an oracle's.
 * <pre>
 *   files on disk ──► Trawl QueryEngine ──► QueryResult (Pages) ──► TrawlRows ──┐
 *        │                                                                      ├──► ResultComparison
 *        └────────► DuckDbOracle (views over the same files) ──► rows ──────────┘
 * </pre>
 * Both sides become plain Java values (BigDecimal, Long, Double, String, LocalDate, Boolean, null);
 * {@link io.trawl.testing.ResultComparison} allows only the rounding of our declared decimal scale and
 * 1e-9 relative for doubles. {@link io.trawl.testing.QueryAssertions} wraps it for short tests.
 */
package io.trawl.testing;
