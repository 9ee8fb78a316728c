/**
 * Writes: CREATE TABLE AS, INSERT INTO and UNLOAD.
 * <pre>
 * CTAS / INSERT / UNLOAD ──WriteStatements──▶ SelectExecutor.plan (the SELECT) ──▶ + casts to the target's types
 *     ──SelectExecutor.execute──▶ Pages ──TableWriter──▶ one FileWriter per partition (and bucket), rolled at the target size
 *                                                          └─▶ &lt;target&gt;/.trawl-staging-&lt;query id&gt;/&lt;k=v/...&gt;/&lt;query id&gt;_&lt;n&gt;_&lt;uuid&gt;&lt;ext&gt;
 *     ──publish──▶ WriteStorage.move to &lt;target&gt;/&lt;k=v/...&gt;/ ──▶ manifest ──▶ CatalogStore (table, partitions) ──▶ QueryResult (WRITE, rows)
 *     on failure or cancel: abort the writers, undo the moves and the manifest, delete the staging folder
 * </pre>
 * The engine decides where files go and when they are visible; the formats are the {@link io.trawl.engine.write.FileWriterFactory}'s
 * (scan-workers), and storage is reached through the {@link io.trawl.engine.write.WriteStorage} port, so the engine
 * depends on neither.
 */
package io.trawl.engine.write;
