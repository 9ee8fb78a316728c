package io.trawl.engine.parser;

import io.trawl.catalog.access.Principal;
import io.trawl.engine.parser.HiveStatement.TableName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** CREATE/DROP ROW FILTER and GRANT/REVOKE SELECT ON ROW FILTER through the Hive grammar; the predicate is kept as written. */
class RowFilterParsingTest
{
    @Test
    void createRowFilterKeepsItsColumnsAndPredicateText()
    {
        assertThat(StatementParser.parse("CREATE ROW FILTER eu ON TABLE sales.orders COLUMNS (id, amount) WHERE region = 'EU' AND (amount > 10 OR note LIKE '%(x)%')"))
                .isEqualTo(new HiveStatement.CreateRowFilter("eu", new TableName(Optional.of("sales"), "orders"), Optional.of(List.of("id", "amount")),
                        "region = 'EU' AND (amount > 10 OR note LIKE '%(x)%')"));
        assertThat(StatementParser.parse("create row filter everything on orders where true"))
                .isEqualTo(new HiveStatement.CreateRowFilter("everything", new TableName(Optional.empty(), "orders"), Optional.empty(), "true"));
    }

    @Test
    void dropShowGrantAndRevokeNameTheFilterAndItsTable()
    {
        TableName orders = new TableName(Optional.of("sales"), "orders");
        assertThat(StatementParser.parse("DROP ROW FILTER IF EXISTS eu ON TABLE sales.orders")).isEqualTo(new HiveStatement.DropRowFilter("eu", orders, true));
        assertThat(StatementParser.parse("GRANT SELECT ON ROW FILTER eu ON TABLE sales.orders TO GROUP eu_analysts, ROLE auditor, bob"))
                .isEqualTo(new HiveStatement.GrantRowFilter(true, "eu", orders, List.of(Principal.group("eu_analysts"), Principal.role("auditor"), Principal.user("bob"))));
        assertThat(StatementParser.parse("SHOW ROW FILTERS ON TABLE sales.orders")).isEqualTo(new HiveStatement.ShowRowFilters(Optional.of(orders)));
        assertThat(StatementParser.parse("SHOW ROW FILTERS")).isEqualTo(new HiveStatement.ShowRowFilters(Optional.empty()));
        assertThat(StatementParser.parse("REVOKE SELECT ON ROW FILTER eu ON TABLE sales.orders FROM USER bob"))
                .isEqualTo(new HiveStatement.GrantRowFilter(false, "eu", orders, List.of(Principal.user("bob"))));
    }

    @Test
    void ordinaryGrantsStillParse()
    {
        assertThat(StatementParser.parse("GRANT SELECT ON TABLE sales.orders TO USER bob")).isInstanceOf(TrinoStatement.class);
        assertThat(StatementParser.parse("GRANT SELECT (id) ON sales.orders TO GROUP g")).isInstanceOf(HiveStatement.GrantPrivileges.class);
    }
}
