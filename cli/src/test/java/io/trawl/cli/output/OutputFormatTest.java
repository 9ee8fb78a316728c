package io.trawl.cli.output;

import io.trawl.engine.QueryResult;
import io.trawl.engine.ResultColumn;
import io.trawl.engine.Session;
import io.trawl.engine.StatementKind;
import io.trino.spi.Page;
import io.trino.spi.block.BlockBuilder;
import io.trino.spi.type.DecimalType;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.LocalDate;
import java.util.List;

import static io.airlift.slice.Slices.utf8Slice;
import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.BooleanType.BOOLEAN;
import static io.trino.spi.type.DateType.DATE;
import static io.trino.spi.type.DoubleType.DOUBLE;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static org.assertj.core.api.Assertions.assertThat;

class OutputFormatTest
{
    private static final DecimalType MONEY = DecimalType.createDecimalType(15, 2);

    /**
     * name varchar | orders bigint | revenue decimal(15,2) | ratio double | active boolean | since date,
     * with a comma, a quote, a tab and a newline in the names, a NULL and an empty string.
     */
    private static QueryResult sample()
    {
        BlockBuilder names = VARCHAR.createBlockBuilder(null, 4);
        VARCHAR.writeSlice(names, utf8Slice("alpha"));
        VARCHAR.writeSlice(names, utf8Slice("Smith, \"Jr\""));
        VARCHAR.writeSlice(names, utf8Slice("tab\there\nnewline"));
        VARCHAR.writeSlice(names, utf8Slice(""));
        BlockBuilder orders = BIGINT.createBlockBuilder(null, 4);
        BIGINT.writeLong(orders, 7);
        BIGINT.writeLong(orders, 12345);
        orders.appendNull();
        BIGINT.writeLong(orders, -1);
        BlockBuilder revenue = MONEY.createBlockBuilder(null, 4);
        MONEY.writeLong(revenue, 1050);
        MONEY.writeLong(revenue, 123456789);
        MONEY.writeLong(revenue, 0);
        revenue.appendNull();
        BlockBuilder ratio = DOUBLE.createBlockBuilder(null, 4);
        DOUBLE.writeDouble(ratio, 0.5);
        DOUBLE.writeDouble(ratio, 1.0E10);
        DOUBLE.writeDouble(ratio, Double.NaN);
        ratio.appendNull();
        BlockBuilder active = BOOLEAN.createBlockBuilder(null, 4);
        BOOLEAN.writeBoolean(active, true);
        BOOLEAN.writeBoolean(active, false);
        active.appendNull();
        BOOLEAN.writeBoolean(active, true);
        BlockBuilder since = DATE.createBlockBuilder(null, 4);
        DATE.writeLong(since, LocalDate.of(1995, 3, 15).toEpochDay());
        since.appendNull();
        DATE.writeLong(since, LocalDate.of(2024, 1, 1).toEpochDay());
        DATE.writeLong(since, LocalDate.of(1970, 1, 1).toEpochDay());
        // two pages, to check that rows of every page are printed in order
        Page page = new Page(names.build(), orders.build(), revenue.build(), ratio.build(), active.build(), since.build());
        return new QueryResult(
                StatementKind.QUERY,
                List.of(new ResultColumn("name", VARCHAR), new ResultColumn("orders", BIGINT), new ResultColumn("revenue", MONEY),
                        new ResultColumn("ratio", DOUBLE), new ResultColumn("active", BOOLEAN), new ResultColumn("since", DATE)),
                List.of(page.getRegion(0, 1), page.getRegion(1, 3)),
                0,
                Session.defaults());
    }

    private static String print(OutputFormat format, QueryResult result)
    {
        StringWriter text = new StringWriter();
        format.print(result, new PrintWriter(text));
        return text.toString().replace(System.lineSeparator(), "\n");
    }

    @Test
    void tableAlignsNumbersRightTextLeftAndCentresHeaders()
    {
        assertThat(print(OutputFormat.TABLE, sample())).as("aligned table").isEqualTo("""
                        name        | orders |  revenue   | ratio  | active |   since
                --------------------+--------+------------+--------+--------+------------
                 alpha              |      7 |      10.50 |    0.5 | true   | 1995-03-15
                 Smith, "Jr"        |  12345 | 1234567.89 | 1.0E10 | false  | NULL
                 tab\\there\\nnewline |   NULL |       0.00 |    NaN | NULL   | 2024-01-01
                                    |     -1 |       NULL |   NULL | true   | 1970-01-01
                (4 rows)
                """);
    }

    @Test
    void tableOfOneRowSaysRowInTheSingular()
    {
        QueryResult one = new QueryResult(StatementKind.QUERY, List.of(new ResultColumn("n", BIGINT)), List.of(sample().pages().get(0).getColumns(1)), 0, Session.defaults());
        assertThat(print(OutputFormat.TABLE, one)).isEqualTo("""
                 n
                ---
                 7
                (1 row)
                """);
    }

    @Test
    void tableOfNoRowsPrintsTheHeaderAndZeroRows()
    {
        QueryResult empty = new QueryResult(StatementKind.QUERY, List.of(new ResultColumn("table_name", VARCHAR)), List.of(), 0, Session.defaults());
        assertThat(print(OutputFormat.TABLE, empty)).isEqualTo("""
                 table_name
                ------------
                (0 rows)
                """);
    }

    @Test
    void csvQuotesOnlyWhenNeededAndTellsNullFromEmpty()
    {
        assertThat(print(OutputFormat.CSV, sample())).as("RFC 4180 CSV").isEqualTo("""
                name,orders,revenue,ratio,active,since
                alpha,7,10.50,0.5,true,1995-03-15
                "Smith, ""Jr""\",12345,1234567.89,1.0E10,false,
                "tab\there
                newline",,0.00,NaN,,2024-01-01
                "",-1,,,true,1970-01-01
                """);
    }

    @Test
    void tsvEscapesTabsNewlinesAndBackslashes()
    {
        assertThat(print(OutputFormat.TSV, sample())).as("TSV").isEqualTo("""
                name\torders\trevenue\tratio\tactive\tsince
                alpha\t7\t10.50\t0.5\ttrue\t1995-03-15
                Smith, "Jr"\t12345\t1234567.89\t1.0E10\tfalse\t
                tab\\there\\nnewline\t\t0.00\tNaN\t\t2024-01-01
                \t-1\t\t\ttrue\t1970-01-01
                """);
    }

    @Test
    void jsonWritesOneObjectPerRowWithTypedValues()
    {
        assertThat(print(OutputFormat.JSON, sample())).as("JSON Lines").isEqualTo("""
                {"name":"alpha","orders":7,"revenue":"10.50","ratio":0.5,"active":true,"since":"1995-03-15"}
                {"name":"Smith, \\"Jr\\"","orders":12345,"revenue":"1234567.89","ratio":1.0E10,"active":false,"since":null}
                {"name":"tab\\there\\nnewline","orders":null,"revenue":"0.00","ratio":"NaN","active":null,"since":"2024-01-01"}
                {"name":"","orders":-1,"revenue":null,"ratio":null,"active":true,"since":"1970-01-01"}
                """);
    }

    @Test
    void jsonEscapesControlCharacters()
    {
        assertThat(JsonFormatter.quote("a\u0001b\\")).isEqualTo("\"a\\u0001b\\\\\"");
    }

    @Test
    void formatNamesAreLowerCase()
    {
        assertThat(OutputFormat.CSV).hasToString("csv");
    }
}
