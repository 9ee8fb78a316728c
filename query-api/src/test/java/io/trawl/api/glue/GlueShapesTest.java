package io.trawl.api.glue;

import io.trawl.api.glue.wire.GlueOperations.GetPartitionsRequest;
import io.trawl.api.glue.wire.GlueShapes;
import io.trawl.api.protocol.AwsJson;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class GlueShapesTest
{
    @Test
    void shapesUseGlueMemberNamesAndLeaveAbsentMembersOut()
            throws Exception
    {
        GlueShapes.Table table = new GlueShapes.Table("t", "db", null, null, null,
                new GlueShapes.StorageDescriptor(List.of(new GlueShapes.Column("id", "bigint", null, null)), "s3://b/t/", "in", "out", false, null,
                        new GlueShapes.SerDeInfo(null, "serde", Map.of("k", "v")), null, null, null),
                List.of(), "SELECT 1", "SELECT 1", "VIRTUAL_VIEW", Map.of(), false, "3");

        String json = AwsJson.mapper().writeValueAsString(table);

        assertThat(json).isEqualTo("{\"Name\":\"t\",\"DatabaseName\":\"db\",\"StorageDescriptor\":{\"Columns\":[{\"Name\":\"id\",\"Type\":\"bigint\"}],"
                + "\"Location\":\"s3://b/t/\",\"InputFormat\":\"in\",\"OutputFormat\":\"out\",\"Compressed\":false,"
                + "\"SerdeInfo\":{\"SerializationLibrary\":\"serde\",\"Parameters\":{\"k\":\"v\"}}},\"PartitionKeys\":[],"
                + "\"ViewOriginalText\":\"SELECT 1\",\"ViewExpandedText\":\"SELECT 1\",\"TableType\":\"VIRTUAL_VIEW\",\"Parameters\":{},"
                + "\"IsRegisteredWithLakeFormation\":false,\"VersionId\":\"3\"}");
        assertThat(AwsJson.mapper().readValue(json, GlueShapes.Table.class)).as("round trip").isEqualTo(table);
    }

    @Test
    void requestsReadGlueMemberNamesAndIgnoreUnknownOnes()
    {
        GetPartitionsRequest request = AwsJson.readInput(AwsJson.parse((
                "{\"DatabaseName\":\"db\",\"TableName\":\"t\",\"Expression\":\"year > 1\",\"Segment\":{\"SegmentNumber\":1,\"TotalSegments\":3},"
                        + "\"MaxResults\":10,\"ExcludeColumnSchema\":true,\"QueryAsOfTime\":1700000000}").getBytes()), GetPartitionsRequest.class);

        assertThat(request).isEqualTo(new GetPartitionsRequest(null, "db", "t", "year > 1", null, new GlueShapes.Segment(1, 3), 10, true));
    }
}
