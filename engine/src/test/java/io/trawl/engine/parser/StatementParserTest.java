package io.trawl.engine.parser;

import io.trawl.catalog.CatalogStore.DropMode;
import io.trawl.engine.parser.HiveStatement.ColumnDefinition;
import io.trawl.engine.parser.HiveStatement.CreateDatabase;
import io.trawl.engine.parser.HiveStatement.CreateTable;
import io.trawl.engine.parser.HiveStatement.DelimitedRowFormat;
import io.trawl.engine.parser.HiveStatement.DescribeTable;
import io.trawl.engine.parser.HiveStatement.DropDatabase;
import io.trawl.engine.parser.HiveStatement.DropTable;
import io.trawl.engine.parser.HiveStatement.InputOutputStorageFormat;
import io.trawl.engine.parser.HiveStatement.NamedStorageFormat;
import io.trawl.engine.parser.HiveStatement.RepairTable;
import io.trawl.engine.parser.HiveStatement.SerdeRowFormat;
import io.trawl.engine.parser.HiveStatement.ShowCreateTable;
import io.trawl.engine.parser.HiveStatement.ShowDatabases;
import io.trawl.engine.parser.HiveStatement.ShowTables;
import io.trawl.engine.parser.HiveStatement.TableName;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trino.sql.tree.CreateSchema;
import io.trino.sql.tree.CreateTableAsSelect;
import io.trino.sql.tree.DropSchema;
import io.trino.sql.tree.Query;
import io.trino.sql.tree.ShowColumns;
import io.trino.sql.tree.Use;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StatementParserTest
{
    @Test
    void parsesAthenaParquetTableWithEveryClause()
    {
        ParsedStatement statement = StatementParser.parse("""
                create external table if not exists Sales.`Orders` (
                  o_orderkey BIGINT COMMENT 'the key',
                  o_totalprice decimal(15, 2),
                  tags array<struct<name:string,`Value`:map<string,int>>>
                )
                COMMENT 'orders table'
                PARTITIONED BY (dt date, region string)
                STORED AS parquet
                LOCATION 's3://lake/orders/'
                TBLPROPERTIES ('parquet.compression'='SNAPPY', "has_encrypted_data"='false')""");

        assertThat(statement).as("statement").isEqualTo(new CreateTable(
                new TableName(Optional.of("sales"), "orders"),
                true,
                true,
                List.of(new ColumnDefinition("o_orderkey", "BIGINT", Optional.of("the key")),
                        new ColumnDefinition("o_totalprice", "decimal(15, 2)", Optional.empty()),
                        new ColumnDefinition("tags", "array<struct<name:string,`Value`:map<string,int>>>", Optional.empty())),
                Optional.of("orders table"),
                List.of(new ColumnDefinition("dt", "date", Optional.empty()), new ColumnDefinition("region", "string", Optional.empty())),
                Optional.empty(),
                Optional.of(new NamedStorageFormat("PARQUET")),
                Optional.of("s3://lake/orders/"),
                Map.of("parquet.compression", "SNAPPY", "has_encrypted_data", "false")));
    }

    @Test
    void parsesDelimitedTextTableAndDecodesHiveEscapes()
    {
        ParsedStatement statement = StatementParser.parse("""
                CREATE EXTERNAL TABLE lineitem (l_orderkey bigint, l_comment string)
                ROW FORMAT DELIMITED FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n'
                STORED AS TEXTFILE
                LOCATION 'file:///data/lineitem/'
                TBLPROPERTIES ('skip.header.line.count'='1', 'note'='it\\'s')""");

        CreateTable createTable = (CreateTable) statement;
        assertThat(createTable.rowFormat()).as("row format").contains(new DelimitedRowFormat(
                Optional.of("\t"), Optional.of("\\"), Optional.empty(), Optional.empty(), Optional.of("\n"), Optional.empty()));
        assertThat(createTable.tableProperties()).as("properties")
                .isEqualTo(Map.of("skip.header.line.count", "1", "note", "it's"));
        assertThat(createTable.name()).as("name").isEqualTo(new TableName(Optional.empty(), "lineitem"));
        assertThat(createTable.storageFormat()).as("stored as").contains(new NamedStorageFormat("TEXTFILE"));

        CreateTable ctrlA = (CreateTable) StatementParser.parse("CREATE EXTERNAL TABLE t (a int) ROW FORMAT DELIMITED FIELDS TERMINATED BY '\\001' LOCATION 's3://b/t/'");
        assertThat(ctrlA.rowFormat()).as("octal escape").contains(new DelimitedRowFormat(
                Optional.of("\u0001"), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
    }

    @Test
    void parsesSerdeRowFormatAndExplicitInputOutputFormats()
    {
        CreateTable statement = (CreateTable) StatementParser.parse("""
                CREATE EXTERNAL TABLE csv_table (a string, b string)
                ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.OpenCSVSerde'
                WITH SERDEPROPERTIES ('separatorChar' = ',', 'quoteChar' = '"')
                STORED AS INPUTFORMAT 'org.apache.hadoop.mapred.TextInputFormat'
                OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'
                LOCATION 's3://bucket/csv/'""");

        assertThat(statement.rowFormat()).as("serde").contains(new SerdeRowFormat(
                "org.apache.hadoop.hive.serde2.OpenCSVSerde", Map.of("separatorChar", ",", "quoteChar", "\"")));
        assertThat(statement.storageFormat()).as("formats").contains(new InputOutputStorageFormat(
                "org.apache.hadoop.mapred.TextInputFormat", "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat"));
    }

    @Test
    void routesCreateTableByItsClauses()
    {
        assertThat(StatementParser.parse("CREATE TABLE t (a int) STORED AS PARQUET LOCATION 's3://b/t/'"))
                .as("Hive clauses without EXTERNAL").isInstanceOfSatisfying(CreateTable.class, table -> assertThat(table.external()).isFalse());
        assertThat(StatementParser.parse("CREATE TABLE t WITH (format = 'PARQUET') AS SELECT 1 AS x"))
                .as("CTAS").isInstanceOfSatisfying(TrinoStatement.class, trino -> assertThat(trino.statement()).isInstanceOf(CreateTableAsSelect.class));
        assertThat(StatementParser.parse("CREATE TABLE t (location varchar, stored varchar)"))
                .as("keywords only as column names").isInstanceOf(TrinoStatement.class);
    }

    @Test
    void parsesDatabaseStatements()
    {
        assertThat(StatementParser.parse("CREATE DATABASE IF NOT EXISTS Sales COMMENT 'sales data' LOCATION 's3://lake/sales/' WITH DBPROPERTIES ('creator'='me')"))
                .as("create database").isEqualTo(new CreateDatabase("sales", true, Optional.of("sales data"), Optional.of("s3://lake/sales/"), Map.of("creator", "me")));
        assertThat(StatementParser.parse("create schema `raw`"))
                .as("create schema with a backquoted name falls back to Hive").isEqualTo(new CreateDatabase("raw", false, Optional.empty(), Optional.empty(), Map.of()));
        assertThat(StatementParser.parse("CREATE SCHEMA IF NOT EXISTS raw"))
                .as("Trino's create schema").isInstanceOfSatisfying(TrinoStatement.class, trino -> assertThat(trino.statement()).isInstanceOf(CreateSchema.class));
        assertThat(StatementParser.parse("DROP DATABASE IF EXISTS sales CASCADE"))
                .as("drop database cascade").isEqualTo(new DropDatabase("sales", true, DropMode.CASCADE));
        assertThat(StatementParser.parse("drop database sales"))
                .as("drop database restricts by default").isEqualTo(new DropDatabase("sales", false, DropMode.RESTRICT));
        assertThat(StatementParser.parse("DROP SCHEMA sales CASCADE"))
                .as("Trino's drop schema").isInstanceOfSatisfying(TrinoStatement.class, trino -> assertThat(trino.statement()).isInstanceOf(DropSchema.class));
        assertThat(StatementParser.parse("SHOW DATABASES LIKE 'sal*'")).as("show databases").isEqualTo(new ShowDatabases(Optional.of("sal*")));
        assertThat(StatementParser.parse("SHOW SCHEMAS 'sal*|raw'")).as("show schemas, Hive pattern").isEqualTo(new ShowDatabases(Optional.of("sal*|raw")));
    }

    @Test
    void parsesTableMetadataStatements()
    {
        assertThat(StatementParser.parse("DROP TABLE IF EXISTS `sales`.`Orders`"))
                .as("drop table, backquoted").isEqualTo(new DropTable(new TableName(Optional.of("sales"), "orders"), true));
        assertThat(StatementParser.parse("SHOW TABLES IN sales 'ord*'"))
                .as("show tables, Hive pattern").isEqualTo(new ShowTables(Optional.of("sales"), Optional.of("ord*")));
        assertThat(StatementParser.parse("DESCRIBE FORMATTED sales.orders"))
                .as("describe formatted").isEqualTo(new DescribeTable(new TableName(Optional.of("sales"), "orders"), true));
        assertThat(StatementParser.parse("DESC `orders`"))
                .as("desc, backquoted").isEqualTo(new DescribeTable(new TableName(Optional.empty(), "orders"), false));
        assertThat(StatementParser.parse("SHOW CREATE TABLE orders"))
                .as("show create table").isEqualTo(new ShowCreateTable(new TableName(Optional.empty(), "orders")));
        assertThat(StatementParser.parse("MSCK REPAIR TABLE sales.orders"))
                .as("msck").isEqualTo(new RepairTable(new TableName(Optional.of("sales"), "orders")));
        assertThat(StatementParser.parse("DESCRIBE orders"))
                .as("Trino's describe").isInstanceOfSatisfying(TrinoStatement.class, trino -> assertThat(trino.statement()).isInstanceOf(ShowColumns.class));
        assertThat(StatementParser.parse("USE sales"))
                .as("use").isInstanceOfSatisfying(TrinoStatement.class, trino -> assertThat(trino.statement()).isInstanceOf(Use.class));
        assertThat(StatementParser.parse("SELECT 'CREATE EXTERNAL TABLE' FROM t"))
                .as("query").isInstanceOfSatisfying(TrinoStatement.class, trino -> assertThat(trino.statement()).isInstanceOf(Query.class));
    }

    @Test
    void reportsHiveSyntaxErrorsWithLineAndColumn()
    {
        assertThatThrownBy(() -> StatementParser.parse("CREATE EXTERNAL TABLE t (\n  a int,\n  b )\nLOCATION 's3://b/'"))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.SYNTAX_ERROR))
                .hasMessage("line 3:5: mismatched input ')'. Expecting: <identifier>");
        assertThatThrownBy(() -> StatementParser.parse("CREATE EXTERNAL TABLE t (a int) STORED AS PARQUET LOCATON 's3://b/'"))
                .as("misspelt keyword")
                .hasMessage("line 1:51: mismatched input 'LOCATON'. Expecting: 'LOCATION', 'TBLPROPERTIES', <EOF>");
        assertThatThrownBy(() -> StatementParser.parse("CREATE DATABASE db $"))
                .as("unknown character")
                .hasMessage("line 1:20: mismatched input '$'. Expecting: <EOF>");
    }

    @Test
    void reportsTrinoSyntaxErrorsWithLineAndColumn()
    {
        assertThatThrownBy(() -> StatementParser.parse("SELECT a\nFORM t"))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.SYNTAX_ERROR))
                .hasMessageStartingWith("line 2:6: ")
                .hasMessageContaining("'t'");
        assertThatThrownBy(() -> StatementParser.parse("DROP TABLE"))
                .as("both grammars reject it; Trino's message is reported")
                .hasMessageStartingWith("line 1:11: ");
    }

    @Test
    void splitsScriptsOnlyAtTerminatingSemicolons()
    {
        String script = """
                -- set up; nothing here ends a statement
                CREATE DATABASE sales COMMENT 'a; b';
                /* block; comment */
                CREATE EXTERNAL TABLE sales.t (a string) ROW FORMAT DELIMITED FIELDS TERMINATED BY '\\'' LOCATION 's3://b/;x/';
                SELECT 'it''s; fine', "odd;name", `back;quoted` FROM t -- trailing; comment
                ;
                ;
                -- only a comment;
                SELECT 2""";

        assertThat(StatementParser.splitStatements(script)).as("statements").containsExactly(
                "CREATE DATABASE sales COMMENT 'a; b'",
                "CREATE EXTERNAL TABLE sales.t (a string) ROW FORMAT DELIMITED FIELDS TERMINATED BY '\\'' LOCATION 's3://b/;x/'",
                "SELECT 'it''s; fine', \"odd;name\", `back;quoted` FROM t",
                "SELECT 2");
        assertThat(StatementParser.splitStatements(" ; -- nothing\n ;")).as("empty script").isEmpty();
        assertThat(StatementParser.parse(StatementParser.splitStatements(script).get(1)))
                .as("the split Hive statement parses")
                .isInstanceOfSatisfying(CreateTable.class, table -> assertThat(table.rowFormat()).contains(new DelimitedRowFormat(
                        Optional.of("'"), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty())));
    }
}
