package io.trawl.api.glue.wire;

import java.util.List;
import java.util.Map;

/**
 * The data shapes of AWS Glue's Data Catalog API (https://docs.aws.amazon.com/glue/latest/dg/aws-glue-api-catalog.html),
 * with Glue's member names once spelled in PascalCase by {@link io.trawl.api.protocol.AwsJson}. A member the caller
 * left out is null, and a null member is left out of an answer. Only the members Trawl's catalog keeps are listed;
 * the others are ignored on input (AwsJson ignores unknown members) and absent from output.
 */
public final class GlueShapes
{
    private GlueShapes() {}

    public record Column(String name, String type, String comment, Map<String, String> parameters) {}

    public record SerDeInfo(String name, String serializationLibrary, Map<String, String> parameters) {}

    /** Trawl keeps Columns, Location, the formats, Compressed and the SerDe; the bucketing and skew members are not stored. */
    public record StorageDescriptor(
            List<Column> columns,
            String location,
            String inputFormat,
            String outputFormat,
            Boolean compressed,
            Integer numberOfBuckets,
            SerDeInfo serdeInfo,
            List<String> bucketColumns,
            Map<String, String> parameters,
            Boolean storedAsSubDirectories) {}

    public record DatabaseInput(String name, String description, String locationUri, Map<String, String> parameters) {}

    /** CreateTime is epoch seconds; the catalog keeps no times, so it is absent (see GlueMapping). */
    public record Database(String name, String description, String locationUri, Map<String, String> parameters, Double createTime, String catalogId) {}

    public record TableInput(
            String name,
            String description,
            String owner,
            StorageDescriptor storageDescriptor,
            List<Column> partitionKeys,
            String viewOriginalText,
            String viewExpandedText,
            String tableType,
            Map<String, String> parameters) {}

    public record Table(
            String name,
            String databaseName,
            String owner,
            Double createTime,
            Double updateTime,
            StorageDescriptor storageDescriptor,
            List<Column> partitionKeys,
            String viewOriginalText,
            String viewExpandedText,
            String tableType,
            Map<String, String> parameters,
            Boolean isRegisteredWithLakeFormation,
            String versionId) {}

    public record PartitionInput(List<String> values, StorageDescriptor storageDescriptor, Map<String, String> parameters) {}

    public record Partition(
            List<String> values,
            String databaseName,
            String tableName,
            Double creationTime,
            StorageDescriptor storageDescriptor,
            Map<String, String> parameters) {}

    public record PartitionValueList(List<String> values) {}

    public record ErrorDetail(String errorCode, String errorMessage) {}

    /** One entry of a batch that failed: BatchCreatePartition's and BatchDeletePartition's Errors. */
    public record PartitionError(List<String> partitionValues, ErrorDetail errorDetail) {}

    /** GetPartitions' Segment: SegmentNumber is zero-based, TotalSegments 1 to 10. */
    public record Segment(Integer segmentNumber, Integer totalSegments) {}
}
