/**
 * The catalog kept in an AWS Glue Data Catalog, through the AWS SDK's GlueClient: the only place the catalog module
 * speaks Glue.
 * <pre>
 * CatalogStore call ──GlueCatalogStore──GlueModel──▶ GlueClient ──▶ AWS Glue / LocalStack / Trawl's Glue API
 *   listPartitions(TupleDomain) ──GlueExpressions──▶ GetPartitions Expression; the answer is filtered with the whole predicate
 *   Glue's errors ──▶ TrawlException with the lake-native store's codes and messages
 * </pre>
 * {@link io.trawl.catalog.glue.GlueConfig} says how to reach it; {@code TRAWL_CATALOG_STORE=glue} selects it.
 */
package io.trawl.catalog.glue;
