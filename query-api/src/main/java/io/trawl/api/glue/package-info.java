/**
 * AWS Glue's Data Catalog API over Trawl's catalog.
 * <pre>
 * POST / X-Amz-Target: AWSGlue.&lt;Op&gt; ──AwsJsonController──▶ GlueService ──GlueMapping──▶ CatalogStore
 *                                                            │                              (lake-native or Glue)
 *   GetPartitions Expression ──PartitionExpression (parse)──▶ PartitionFilter ──domain()──▶ listPartitions
 *                                                                             └─matches()─▶ exact remainder
 * </pre>
 * Wire shapes live in {@code wire}; catalog errors become Glue's in {@link io.trawl.api.glue.GlueErrors}.
 */
package io.trawl.api.glue;
