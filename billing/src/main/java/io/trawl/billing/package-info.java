/**
 * What a query costs, as Athena prices it.
 * <pre>
 * (statement type, outcome, bytes scanned) ──ChargingRules──▶ free, or billed:
 *     bytes scanned ──BilledBytes──▶ whole MB, at least 10 MB ──PricingPolicy──▶ cost (BigDecimal, 10 decimals)
 *                                                                   └─ price, currency, unit, version: BillingConfig,
 *                                                                      per deployment and per work group
 * </pre>
 * Pure Java: the engine reports bytes and the statement's kind, the caller (API, CLI) knows the outcome and asks
 * here for the {@link io.trawl.billing.Charge}; billable charges go to the usage ledger ({@link io.trawl.billing.ledger}).
 */
package io.trawl.billing;
