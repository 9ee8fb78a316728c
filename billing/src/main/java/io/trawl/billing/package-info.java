/**
 * What a query costs, as Athena prices it.
 * <pre>
 * bytes scanned ──BilledBytes──▶ whole MB, at least 10 MB ──PricingPolicy──▶ cost (BigDecimal, 10 decimals)
 * </pre>
 * Pure Java, no dependencies: the engine reports bytes, the API and CLI decide which statements are billed
 * (queries and writes; DDL and failed queries are free) and call here for the price.
 */
package io.trawl.billing;
