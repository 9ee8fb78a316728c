/**
 * Scheduled reports: saved queries run on a schedule, their results written to dated destinations.
 * <pre>
 *  POST /v1/reports, trawl reports create ─► ReportService ─► reports/&lt;name&gt;.json   (meta store)
 *
 *  tick (trawl serve every 30 s; on AWS the coordinator function, invoked by EventBridge Scheduler every minute)
 *    ReportScheduler: one listing of reports/ ─► due occurrences per report (Schedule, CatchUp)
 *      ─► claim: create reports/&lt;name&gt;/runs/&lt;epoch&gt;.json if absent (one instance wins)
 *      ─► ReportRunner: QueryService.start(sql | UNLOAD (sql) TO ..., as the owner) ─► wait
 *           SUCCEEDED: result CSV copied to the destination / UNLOAD's files recorded ─► retention
 *           FAILED:    ALERT log line + webhook POST, once; never retried
 *      ─► pending runs another instance left: finished once their query has ended
 * </pre>
 */
package io.trawl.api.report;
