package io.trawl.engine.parser;

import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trino.sql.SqlFormatter;
import io.trino.sql.tree.Array;
import io.trino.sql.tree.CreateTableAsSelect;
import io.trino.sql.tree.Insert;
import io.trino.sql.tree.LongLiteral;
import io.trino.sql.tree.NodeLocation;
import io.trino.sql.tree.Property;
import io.trino.sql.tree.SaveMode;
import io.trino.sql.tree.StringLiteral;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** UNLOAD through the Hive grammar with its query through Trino's; CTAS and INSERT through Trino's. */
class UnloadParsingTest
{
    @Test
    void unloadKeepsItsQueryLocationAndPropertiesWithTheirPositions()
    {
        ParsedStatement statement = StatementParser.parse("""
                UNLOAD (SELECT ')' AS p, (1 + (2)) AS n FROM t WHERE s = 'it''s')
                TO 's3://bucket/out/'
                WITH (format = 'PARQUET', compression = 'SNAPPY', field_delimiter = '\\t', partitioned_by = ARRAY['dt', 'region'], compression_level = 3)""");

        HiveStatement.Unload unload = (HiveStatement.Unload) statement;
        assertThat(SqlFormatter.formatSql(unload.query())).isEqualTo(SqlFormatter.formatSql(
                ((TrinoStatement) StatementParser.parse("SELECT ')' AS p, (1 + (2)) AS n FROM t WHERE s = 'it''s'")).statement()));
        assertThat(unload.location()).isEqualTo("s3://bucket/out/");
        assertThat(unload.position()).isEqualTo(new NodeLocation(1, 1));
        assertThat(unload.locationPosition()).isEqualTo(new NodeLocation(2, 4));
        assertThat(unload.query().getLocation()).as("the query's positions are the statement's").contains(new NodeLocation(1, 9));
        assertThat(unload.properties()).extracting(property -> property.getName().getValue()).containsExactly("format", "compression", "field_delimiter", "partitioned_by", "compression_level");
        assertThat(unload.properties()).extracting(Property::getNonDefaultValue).satisfiesExactly(
                format -> assertThat(((StringLiteral) format).getValue()).isEqualTo("PARQUET"),
                compression -> assertThat(((StringLiteral) compression).getValue()).isEqualTo("SNAPPY"),
                delimiter -> assertThat(((StringLiteral) delimiter).getValue()).as("Hive's escape is kept for the writer to decode").isEqualTo("\\t"),
                partitions -> assertThat(((Array) partitions).getValues()).extracting(value -> ((StringLiteral) value).getValue()).containsExactly("dt", "region"),
                level -> assertThat(((LongLiteral) level).getParsedValue()).isEqualTo(3));
        assertThat(unload.properties().get(3).getLocation()).contains(new NodeLocation(3, 75));
    }

    @Test
    void unloadErrorsNameTheirLineAndColumn()
    {
        assertThatThrownBy(() -> StatementParser.parse("UNLOAD (SELECT FROM t) TO 'x'"))
                .isInstanceOfSatisfying(TrawlException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.SYNTAX_ERROR);
                    assertThat(e.getMessage()).startsWith("line 1:16: mismatched input 'FROM'");
                });
        assertThatThrownBy(() -> StatementParser.parse("UNLOAD (SELECT 1)\n  INTO 'x'"))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.getMessage()).isEqualTo("line 2:3: mismatched input 'INTO'. Expecting: 'TO'"));
        assertThatThrownBy(() -> StatementParser.parse("UNLOAD (SELECT (1) TO 'x'"))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.getMessage()).startsWith("line 1:26: mismatched input '<EOF>'"));
        assertThatThrownBy(() -> StatementParser.parse("UNLOAD (DROP TABLE t) TO 'x'"))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.getMessage()).isEqualTo("line 1:8: UNLOAD takes a query (SELECT, WITH, VALUES or TABLE), not DropTable"));
        assertThatThrownBy(() -> StatementParser.parse("UNLOAD (SELECT 1) TO 'x' WITH (format = PARQUET)"))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.getMessage()).startsWith("line 1:41: mismatched input 'PARQUET'"));
    }

    @Test
    void unloadAndToStayUsableAsNames()
    {
        assertThat(StatementParser.parse("CREATE EXTERNAL TABLE t (`unload` int, to string) LOCATION 's3://b/t/'")).isInstanceOf(HiveStatement.CreateTable.class);
    }

    @Test
    void ctasAndInsertAreTrinos()
    {
        ParsedStatement ctas = StatementParser.parse("CREATE TABLE IF NOT EXISTS db.t (a, b) WITH (format = 'TEXTFILE', partitioned_by = ARRAY['b']) AS SELECT 1, 2 WITH NO DATA");
        CreateTableAsSelect create = (CreateTableAsSelect) ((TrinoStatement) ctas).statement();
        assertThat(create.getSaveMode()).isEqualTo(SaveMode.IGNORE);
        assertThat(create.isWithData()).isFalse();
        assertThat(create.getColumnAliases().orElseThrow()).extracting(alias -> alias.getValue()).containsExactly("a", "b");
        assertThat(create.getProperties()).extracting(property -> property.getName().getValue()).containsExactly("format", "partitioned_by");

        ParsedStatement insert = StatementParser.parse("INSERT INTO db.t (a, b) SELECT 1, 2");
        assertThat(((Insert) ((TrinoStatement) insert).statement()).getColumns().orElseThrow()).hasSize(2);
        assertThat(List.of(ctas, insert)).allSatisfy(statement -> assertThat(statement).isInstanceOf(TrinoStatement.class));
    }
}
