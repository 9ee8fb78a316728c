package io.trawl.engine.ddl;

import io.trawl.catalog.Column;
import io.trawl.catalog.SerDeInfo;
import io.trawl.catalog.StorageDescriptor;
import io.trawl.catalog.Table;
import io.trawl.catalog.local.LocalCatalogStore;
import io.trawl.engine.QueryResult;
import io.trawl.engine.ResultColumn;
import io.trawl.engine.Session;
import io.trawl.engine.StatementKind;
import io.trawl.engine.parser.StatementParser;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trino.spi.Page;
import io.trino.spi.block.Block;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.trino.spi.type.VarcharType.VARCHAR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DdlExecutorTest
{
    @TempDir
    Path temporary;

    private LocalCatalogStore catalog;
    private DdlExecutor executor;
    private Session session;
    private Path data;

    @BeforeEach
    void setUp()
            throws Exception
    {
        catalog = new LocalCatalogStore(temporary.resolve("catalog"));
        executor = new DdlExecutor(catalog, LocationValidator.localFiles(), new NoStorage());
        session = new Session("default", "alice");
        data = Files.createDirectories(temporary.resolve("lake"));
    }

    @Test
    void createsParquetTableAsAthenaRecordsIt()
            throws Exception
    {
        Path orders = Files.createDirectories(data.resolve("orders"));
        run("CREATE DATABASE sales COMMENT 'sales data'");

        QueryResult result = run("""
                CREATE EXTERNAL TABLE sales.orders (
                  o_orderkey bigint COMMENT 'key',
                  o_totalprice DECIMAL(15,2),
                  o_comment string)
                PARTITIONED BY (dt date)
                STORED AS PARQUET
                LOCATION '%s'
                TBLPROPERTIES ('parquet.compression'='SNAPPY')""".formatted(orders.toUri()));

        assertThat(result.kind()).as("kind").isEqualTo(StatementKind.DDL);
        assertThat(result.columns()).as("no result columns").isEmpty();
        Table expected = new Table("sales", "orders", "alice", Table.EXTERNAL_TABLE,
                Map.of("EXTERNAL", "TRUE", "classification", "parquet", "parquet.compression", "SNAPPY"),
                new StorageDescriptor(
                        List.of(new Column("o_orderkey", "bigint", Optional.of("key")), new Column("o_totalprice", "decimal(15,2)"), new Column("o_comment", "string")),
                        orders.toUri().toString(),
                        StorageDescriptor.PARQUET_INPUT_FORMAT,
                        StorageDescriptor.PARQUET_OUTPUT_FORMAT,
                        new SerDeInfo(SerDeInfo.PARQUET_SERDE, Map.of("serialization.format", "1")),
                        false),
                List.of(new Column("dt", "date")),
                Optional.empty(),
                1);
        assertThat(catalog.findTable("sales", "orders")).as("stored table").contains(expected);
    }

    @Test
    void createsDelimitedTextTableWithHeaderSkipInTheSessionSchema()
            throws Exception
    {
        Path lineitem = Files.createDirectories(data.resolve("lineitem"));

        run("""
                CREATE EXTERNAL TABLE IF NOT EXISTS lineitem (l_orderkey bigint, l_comment string)
                ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n'
                STORED AS TEXTFILE
                LOCATION '%s'
                TBLPROPERTIES ('skip.header.line.count'='1')""".formatted(lineitem.toUri()));

        Table table = catalog.findTable("default", "lineitem").orElseThrow();
        assertThat(table.storageDescriptor().serdeInfo()).as("serde").isEqualTo(new SerDeInfo(SerDeInfo.LAZY_SIMPLE_SERDE,
                Map.of("field.delim", ",", "serialization.format", ",", "escape.delim", "\\", "line.delim", "\n")));
        assertThat(table.storageDescriptor().inputFormat()).as("input format").isEqualTo(StorageDescriptor.TEXT_INPUT_FORMAT);
        assertThat(table.storageDescriptor().outputFormat()).as("output format").isEqualTo(StorageDescriptor.TEXT_OUTPUT_FORMAT);
        assertThat(table.parameters()).as("parameters")
                .isEqualTo(Map.of("EXTERNAL", "TRUE", "classification", "csv", "skip.header.line.count", "1"));

        run("CREATE EXTERNAL TABLE plain (a int) LOCATION '%s'".formatted(lineitem.toUri()));
        assertThat(catalog.findTable("default", "plain").orElseThrow().storageDescriptor().serdeInfo())
                .as("text without ROW FORMAT uses Ctrl-A")
                .isEqualTo(new SerDeInfo(SerDeInfo.LAZY_SIMPLE_SERDE, Map.of("field.delim", "\u0001", "serialization.format", "1")));
    }

    @Test
    void showTablesDescribeAndShowCreateTableDescribeWhatWasCreated()
            throws Exception
    {
        Path location = Files.createDirectories(data.resolve("events"));
        run("CREATE SCHEMA web");
        run("CREATE EXTERNAL TABLE web.events (id bigint, payload string COMMENT 'raw json') PARTITIONED BY (day string) "
                + "ROW FORMAT DELIMITED FIELDS TERMINATED BY '\\t' LOCATION '" + location.toUri() + "' TBLPROPERTIES ('skip.header.line.count'='1')");
        run("CREATE EXTERNAL TABLE web.clicks (id bigint) STORED AS PARQUET LOCATION '" + location.toUri() + "'");
        run("CREATE EXTERNAL TABLE web.sessions (id bigint) STORED AS PARQUET LOCATION 's3://bucket/sessions/'");

        assertThat(rows(run("SHOW TABLES IN web"))).as("show tables").containsExactly(List.of("clicks"), List.of("events"), List.of("sessions"));
        assertThat(rows(run("SHOW TABLES FROM web LIKE '%s%'"))).as("Trino LIKE").containsExactly(List.of("clicks"), List.of("events"), List.of("sessions"));
        assertThat(rows(run("SHOW TABLES IN web 'c*|sess*'"))).as("Hive pattern").containsExactly(List.of("clicks"), List.of("sessions"));
        assertThat(rows(run("SHOW DATABASES"))).as("show databases").containsExactly(List.of("default"), List.of("web"));
        assertThat(rows(run("SHOW SCHEMAS LIKE 'w%'"))).as("show schemas like").containsExactly(List.of("web"));

        QueryResult describe = run("DESCRIBE web.events");
        assertThat(describe.columns()).as("describe columns").containsExactly(
                new ResultColumn("Column", VARCHAR), new ResultColumn("Type", VARCHAR), new ResultColumn("Extra", VARCHAR), new ResultColumn("Comment", VARCHAR));
        assertThat(rows(describe)).as("describe rows").containsExactly(
                List.of("id", "bigint", "", ""),
                List.of("payload", "string", "", "raw json"),
                List.of("day", "string", "partition key", ""));
        assertThat(rows(run("DESCRIBE FORMATTED web.events"))).as("describe formatted")
                .contains(List.of("Location:", location.toUri().toString(), ""), List.of("SerDe Library:", SerDeInfo.LAZY_SIMPLE_SERDE, ""),
                        List.of("", "field.delim", "\\t"), List.of("", "skip.header.line.count", "1"));

        String ddl = rows(run("SHOW CREATE TABLE web.events")).getFirst().getFirst();
        assertThat(ddl).as("show create table").isEqualTo("""
                CREATE EXTERNAL TABLE `web`.`events`(
                  `id` bigint,
                  `payload` string COMMENT 'raw json')
                PARTITIONED BY (
                  `day` string)
                ROW FORMAT SERDE
                  'org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe'
                WITH SERDEPROPERTIES (
                  'field.delim'='\\t',
                  'serialization.format'='\\t')
                STORED AS INPUTFORMAT
                  'org.apache.hadoop.mapred.TextInputFormat'
                OUTPUTFORMAT
                  'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'
                LOCATION
                  '%s'
                TBLPROPERTIES (
                  'classification'='csv',
                  'skip.header.line.count'='1')""".formatted(location.toUri()));

        run("CREATE DATABASE copy");
        run(ddl.replace("`web`.", "`copy`."));
        Table original = catalog.findTable("web", "events").orElseThrow();
        Table copy = catalog.findTable("copy", "events").orElseThrow();
        assertThat(copy.storageDescriptor()).as("SHOW CREATE TABLE output recreates the storage").isEqualTo(original.storageDescriptor());
        assertThat(copy.parameters()).as("and the parameters").isEqualTo(original.parameters());
        assertThat(copy.partitionKeys()).as("and the partition keys").isEqualTo(original.partitionKeys());
    }

    @Test
    void ifExistsAndIfNotExistsMakeStatementsRepeatable()
            throws Exception
    {
        Path location = Files.createDirectories(data.resolve("t"));
        String create = "CREATE EXTERNAL TABLE IF NOT EXISTS t (a int) STORED AS PARQUET LOCATION '" + location.toUri() + "'";
        run(create);
        run(create.replace("(a int)", "(a int, b int)"));
        assertThat(catalog.findTable("default", "t").orElseThrow().storageDescriptor().columns())
                .as("second IF NOT EXISTS kept the first table").containsExactly(new Column("a", "int"));
        assertThatThrownBy(() -> run(create.replace(" IF NOT EXISTS", "")))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.TABLE_ALREADY_EXISTS))
                .hasMessage("Table 'default.t' already exists");

        run("DROP TABLE t");
        assertThat(catalog.findTable("default", "t")).as("dropped").isEmpty();
        run("DROP TABLE IF EXISTS t");
        run("DROP TABLE IF EXISTS nowhere.t");
        assertThatThrownBy(() -> run("DROP TABLE t"))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.TABLE_NOT_FOUND))
                .hasMessage("Table 'default.t' does not exist");

        run("CREATE DATABASE IF NOT EXISTS d");
        run("CREATE DATABASE IF NOT EXISTS d");
        assertThatThrownBy(() -> run("CREATE DATABASE d"))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.SCHEMA_ALREADY_EXISTS));
        run("DROP DATABASE d");
        run("DROP DATABASE IF EXISTS d");
        run("DROP SCHEMA IF EXISTS d CASCADE");
        assertThatThrownBy(() -> run("DROP DATABASE d"))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.SCHEMA_NOT_FOUND))
                .hasMessage("Schema 'd' does not exist");
    }

    @Test
    void dropDatabaseCascadeRemovesItsTables()
            throws Exception
    {
        Path location = Files.createDirectories(data.resolve("t"));
        run("CREATE DATABASE d");
        run("CREATE EXTERNAL TABLE d.t (a int) STORED AS PARQUET LOCATION '" + location.toUri() + "'");

        assertThatThrownBy(() -> run("DROP DATABASE d"))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessage("Cannot drop non-empty schema 'd'");
        run("DROP DATABASE d CASCADE");
        assertThat(catalog.findDatabase("d")).as("dropped").isEmpty();
    }

    @Test
    void badLocationFailsBeforeAnythingIsWritten()
    {
        String missing = data.resolve("missing").toUri().toString();
        assertThatThrownBy(() -> run("CREATE EXTERNAL TABLE t (a int) STORED AS PARQUET LOCATION '" + missing + "'"))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_LOCATION))
                .hasMessage("Location '" + missing + "' does not exist");
        assertThatThrownBy(() -> run("CREATE EXTERNAL TABLE t (a int) LOCATION 'hdfs://namenode/t/'"))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_LOCATION))
                .hasMessage("Location 'hdfs://namenode/t/' has unsupported scheme 'hdfs': use s3:// or file://");
        assertThatThrownBy(() -> run("CREATE EXTERNAL TABLE t (a int) LOCATION 'relative/dir'"))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_LOCATION));
        assertThatThrownBy(() -> run("CREATE EXTERNAL TABLE t (a int) STORED AS PARQUET"))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_LOCATION))
                .hasMessage("CREATE EXTERNAL TABLE 'default.t' needs a LOCATION");
        assertThat(catalog.listTables("default")).as("nothing written").isEmpty();
    }

    @Test
    void badColumnTypeNamesTheColumnAndTheType()
    {
        assertThatThrownBy(() -> run("CREATE EXTERNAL TABLE t (id bigint, price strin) LOCATION 's3://bucket/t/'"))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.TYPE_MISMATCH))
                .hasMessage("Column 'price': Unknown type 'strin'");
        assertThatThrownBy(() -> run("CREATE EXTERNAL TABLE t (id bigint, ID int) LOCATION 's3://bucket/t/'"))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessage("Column name 'id' specified more than once");
        assertThatThrownBy(() -> run("CREATE EXTERNAL TABLE t (id bigint) LOCATION 's3://bucket/t/' TBLPROPERTIES ('skip.header.line.count'='one')"))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessage("Table property 'skip.header.line.count' must be a non-negative integer: 'one'");
        assertThatThrownBy(() -> run("CREATE EXTERNAL TABLE t (id bigint) STORED AS SEQUENCEFILE LOCATION 's3://bucket/t/'"))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.NOT_SUPPORTED));
        assertThat(catalog.listTables("default")).as("nothing written").isEmpty();
    }

    @Test
    void unknownSchemaIsReportedByEveryStatementThatNeedsIt()
    {
        for (String sql : List.of(
                "CREATE EXTERNAL TABLE nowhere.t (a int) LOCATION 's3://bucket/t/'",
                "SHOW TABLES IN nowhere",
                "DESCRIBE nowhere.t",
                "DROP TABLE nowhere.t",
                "USE nowhere")) {
            assertThatThrownBy(() -> run(sql)).as(sql)
                    .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.SCHEMA_NOT_FOUND))
                    .hasMessage("Schema 'nowhere' does not exist");
        }
        assertThatThrownBy(() -> run("DESCRIBE default.missing"))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.TABLE_NOT_FOUND))
                .hasMessage("Table 'default.missing' does not exist");
    }

    @Test
    void useSwitchesTheSessionSchema()
    {
        run("CREATE SCHEMA analytics WITH (location = 's3://bucket/analytics/')");

        QueryResult result = run("USE Analytics");

        assertThat(result.session()).as("new session").isEqualTo(new Session("analytics", "alice"));
        assertThat(catalog.findDatabase("analytics").orElseThrow().locationUri()).as("schema location").contains("s3://bucket/analytics/");
        assertThat(run("USE awsdatacatalog.default").session().schema()).as("catalog-qualified").isEqualTo("default");
    }

    @Test
    void handlesOnlyDdlStatements()
    {
        assertThat(executor.handles(StatementParser.parse("CREATE EXTERNAL TABLE t (a int) LOCATION 's3://b/t/'"))).as("hive ddl").isTrue();
        assertThat(executor.handles(StatementParser.parse("DROP TABLE t"))).as("drop table").isTrue();
        assertThat(executor.handles(StatementParser.parse("USE x"))).as("use").isTrue();
        assertThat(executor.handles(StatementParser.parse("SHOW SCHEMAS"))).as("show schemas").isTrue();
        assertThat(executor.handles(StatementParser.parse("SELECT 1"))).as("query").isFalse();
        assertThat(executor.handles(StatementParser.parse("EXPLAIN SELECT 1"))).as("explain").isFalse();
        assertThat(executor.handles(StatementParser.parse("INSERT INTO t VALUES 1"))).as("insert").isFalse();
        assertThat(executor.handles(StatementParser.parse("CREATE TABLE t2 AS SELECT 1 AS x"))).as("ctas").isFalse();
    }

    private QueryResult run(String sql)
    {
        QueryResult result = executor.execute(StatementParser.parse(sql), session);
        session = result.session();
        return result;
    }

    private static List<List<String>> rows(QueryResult result)
    {
        List<List<String>> rows = new ArrayList<>();
        for (Page page : result.pages()) {
            for (int position = 0; position < page.getPositionCount(); position++) {
                List<String> row = new ArrayList<>();
                for (int channel = 0; channel < page.getChannelCount(); channel++) {
                    Block block = page.getBlock(channel);
                    row.add(VARCHAR.getSlice(block, position).toStringUtf8());
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** DDL never reads data; these tests have no storage behind the catalog. */
    private static final class NoStorage
            implements io.trawl.engine.scan.ScanProvider
    {
        @Override
        public java.util.List<io.trawl.engine.scan.ScanSplit> planSplits(io.trawl.catalog.Table table, io.trino.spi.predicate.TupleDomain<String> predicate, io.trawl.engine.scan.ByteMeter meter)
        {
            throw new UnsupportedOperationException();
        }

        @Override
        public io.trawl.engine.scan.TableEstimate estimate(io.trawl.catalog.Table table)
        {
            throw new UnsupportedOperationException();
        }

        @Override
        public io.trawl.engine.scan.PageSource createPageSource(io.trawl.catalog.Table table, io.trawl.engine.scan.ScanSplit split, java.util.List<io.trawl.engine.scan.ScanColumn> columns,
                io.trino.spi.predicate.TupleDomain<String> predicate, io.trawl.engine.scan.ByteMeter meter)
        {
            throw new UnsupportedOperationException();
        }
    }
}
