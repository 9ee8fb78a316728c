package io.trawl.testing.tpch;

import io.trawl.catalog.Column;
import io.trawl.testing.CsvDialect;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class HiveDdlTest
{
    @Test
    void readsNamesTypesAndDelimitedFormat()
    {
        String ddl = """
                CREATE EXTERNAL TABLE IF NOT EXISTS tpch.lineitem (
                  `l_orderkey` bigint,
                  l_quantity decimal(15, 2) COMMENT 'how many',
                  l_shipdate date,
                  l_tags array<struct<a:int,b:string>>,
                  l_comment string)
                ROW FORMAT DELIMITED FIELDS TERMINATED BY ','
                STORED AS TEXTFILE
                LOCATION 'file:///tmp/lineitem/'
                TBLPROPERTIES ('skip.header.line.count'='1')
                """;

        assertThat(HiveDdl.columns(ddl)).containsExactly(
                new Column("l_orderkey", "bigint"),
                new Column("l_quantity", "decimal(15, 2)"),
                new Column("l_shipdate", "date"),
                new Column("l_tags", "array<struct<a:int,b:string>>"),
                new Column("l_comment", "string"));
        assertThat(HiveDdl.csvDialect(ddl)).isEqualTo(CsvDialect.COMMA_WITH_HEADER);
    }

    @Test
    void readsOpenCsvSerdeCharacters()
    {
        String ddl = """
                CREATE EXTERNAL TABLE t (a string, b string)
                ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.OpenCSVSerde'
                WITH SERDEPROPERTIES ('separatorChar' = '|', 'quoteChar' = '"')
                LOCATION 'file:///tmp/t/'
                TBLPROPERTIES ('skip.header.line.count' = '2')
                """;

        assertThat(HiveDdl.csvDialect(ddl)).isEqualTo(new CsvDialect('|', Optional.of('"'), Optional.of('\\'), 2));
    }

    @Test
    void readsTabDelimiterAndHivesDefaultDelimiter()
    {
        assertThat(HiveDdl.csvDialect("CREATE EXTERNAL TABLE t (a int) ROW FORMAT DELIMITED FIELDS TERMINATED BY '\\t' LOCATION 'x'"))
                .isEqualTo(new CsvDialect('\t', Optional.empty(), Optional.empty(), 0));
        assertThat(HiveDdl.csvDialect("CREATE EXTERNAL TABLE t (a int) STORED AS TEXTFILE LOCATION 'x'").delimiter())
                .as("Hive's default field delimiter is \\001")
                .isEqualTo((char) 1);
    }
}
