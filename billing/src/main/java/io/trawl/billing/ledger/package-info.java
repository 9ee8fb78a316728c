/**
 * The usage ledger: one immutable Avro file per billed query, written exactly once.
 * <pre>
 * UsageRecord ──UsageRecordFormat.encode──▶ Avro container file ──LedgerStorage.createIfAbsent──▶ &lt;meta&gt;/usage/yyyy/mm/dd/&lt;queryId&gt;.avro
 *                                                                    exists already? same record: AlreadyRecorded
 *                                                                                    different:   Conflict (refused)
 * UsageDates ──prefixes (days, months, years)──▶ LedgerStorage.list ──read + decode──▶ UsageRecords
 * </pre>
 * {@link io.trawl.billing.ledger.LedgerStorage} is the port to storage; the adapter over the lake's object store
 * (local disk, S3) is in scan-workers. SQL reads the same files as the table {@code system.billing.usage}, whose
 * columns are {@link io.trawl.billing.ledger.UsageRecordFormat#COLUMNS}.
 */
package io.trawl.billing.ledger;
