/**
 * The usage ledger on the lake's object store, and the table SQL reads it as.
 * <pre>
 *  UsageLedger (billing) ──LedgerStorage──▶ ObjectStoreLedgerStorage ──▶ ObjectStore: &lt;meta&gt;/usage/yyyy/mm/dd/&lt;id&gt;.avro
 *  SELECT ... FROM system.billing.usage ──SystemTables──▶ UsageSystemTables ──▶ external Avro table over &lt;meta&gt;/usage/
 * </pre>
 */
package io.trawl.scan.usage;
