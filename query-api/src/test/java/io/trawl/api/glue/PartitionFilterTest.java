package io.trawl.api.glue;

import io.airlift.slice.Slices;
import io.trawl.api.glue.PartitionExpression.And;
import io.trawl.api.glue.PartitionExpression.Between;
import io.trawl.api.glue.PartitionExpression.Comparison;
import io.trawl.api.glue.PartitionExpression.In;
import io.trawl.api.glue.PartitionExpression.IsNull;
import io.trawl.api.glue.PartitionExpression.Key;
import io.trawl.api.glue.PartitionExpression.Like;
import io.trawl.api.glue.PartitionExpression.Literal;
import io.trawl.api.glue.PartitionExpression.Not;
import io.trawl.api.glue.PartitionExpression.Operator;
import io.trawl.api.glue.PartitionExpression.Or;
import io.trawl.catalog.Column;
import io.trawl.catalog.Partition;
import io.trawl.catalog.SerDeInfo;
import io.trawl.catalog.StorageDescriptor;
import io.trawl.catalog.Table;
import io.trino.spi.predicate.Domain;
import io.trino.spi.predicate.Range;
import io.trino.spi.predicate.TupleDomain;
import io.trino.spi.predicate.ValueSet;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.trino.spi.type.DateType.DATE;
import static io.trino.spi.type.IntegerType.INTEGER;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PartitionFilterTest
{
    private static final String NULL = Partition.HIVE_DEFAULT_PARTITION;

    /** Partition keys of three kinds: an integer, a date and a string. */
    private static final Table SALES = new Table("db", "sales", "owner", Table.EXTERNAL_TABLE, Map.of(),
            new StorageDescriptor(List.of(new Column("amount", "bigint")), "file:///lake/sales/", StorageDescriptor.PARQUET_INPUT_FORMAT,
                    StorageDescriptor.PARQUET_OUTPUT_FORMAT, new SerDeInfo(SerDeInfo.PARQUET_SERDE, Map.of()), false),
            List.of(new Column("year", "int"), new Column("day", "date"), new Column("region", "string")), Optional.empty(), 1);

    private static final List<List<String>> PARTITIONS = List.of(
            List.of("9", "2024-01-09", "eu"),
            List.of("10", "2024-01-10", "us"),
            List.of("2023", "2023-12-31", "eu-west"),
            List.of("2024", "2024-02-01", "apac"),
            List.of(NULL, "2024-03-01", NULL));

    @Test
    void parsesPrecedenceNotOverAndOverOrWithParenthesesAndTurnsValueFirstComparisonsAround()
    {
        assertThat(PartitionExpression.parse("a = 1 OR b = 'x' AND NOT c > 2"))
                .isEqualTo(new Or(
                        new Comparison(new Key("a", 1), Operator.EQUAL, new Literal("1", false, 5)),
                        new And(
                                new Comparison(new Key("b", 10), Operator.EQUAL, new Literal("x", true, 14)),
                                new Not(new Comparison(new Key("c", 26), Operator.GREATER, new Literal("2", false, 30))))));
        assertThat(PartitionExpression.parse("(a = 1 or b = 2) and c = 3")).isInstanceOf(And.class);
        assertThat(PartitionExpression.parse("2020 < year"))
                .isEqualTo(new Comparison(new Key("year", 8), Operator.GREATER, new Literal("2020", false, 1)));
        assertThat(PartitionExpression.parse("a != -5")).isEqualTo(new Comparison(new Key("a", 1), Operator.NOT_EQUAL, new Literal("-5", false, 6)));
        assertThat(PartitionExpression.parse("`select` = 'it''s'")).isEqualTo(new Comparison(new Key("select", 1), Operator.EQUAL, new Literal("it's", true, 12)));
    }

    @Test
    void parsesBetweenInLikeAndIsNullWithTheirNegations()
    {
        assertThat(PartitionExpression.parse("d between '2024-01-01' AND '2024-01-31'"))
                .isEqualTo(new Between(new Key("d", 1), new Literal("2024-01-01", true, 11), new Literal("2024-01-31", true, 28)));
        assertThat(PartitionExpression.parse("r NOT IN ('eu', 'us')"))
                .isEqualTo(new Not(new In(new Key("r", 1), List.of(new Literal("eu", true, 11), new Literal("us", true, 17)))));
        assertThat(PartitionExpression.parse("r not like 'eu%'")).isEqualTo(new Not(new Like(new Key("r", 1), new Literal("eu%", true, 12))));
        assertThat(PartitionExpression.parse("r IS NOT NULL")).isEqualTo(new Not(new IsNull(new Key("r", 1))));
        assertThat(PartitionExpression.parse("d not between 1 and 2 and r is null")).isInstanceOf(And.class);
    }

    @Test
    void malformedExpressionsNameThePositionOfTheProblem()
    {
        assertRejected("year >", "Invalid Expression at position 7: expected a value after '>' but found the end of the expression");
        assertRejected("year = 2024 AND", "Invalid Expression at position 16: expected a partition key, a value, NOT or '(' but found the end of the expression");
        assertRejected("year == 2024", "Invalid Expression at position 7: expected a value after '=' but found '='");
        assertRejected("region = 'eu", "Invalid Expression at position 10: unterminated string (a string starting here has no closing quote)");
        assertRejected("(year = 1", "Invalid Expression at position 10: expected ')' but found the end of the expression");
        assertRejected("year = 1 year = 2", "Invalid Expression at position 10: expected AND, OR or the end of the expression but found 'year'");
        assertRejected("year IN 1, 2", "Invalid Expression at position 9: expected '(' after IN but found '1'");
        assertRejected("year BETWEEN 1 OR 2", "Invalid Expression at position 16: expected AND of BETWEEN ... AND ... but found 'OR'");
        assertRejected("year ~ 1", "Invalid Expression at position 6: unexpected character '~'");
        assertRejected("region = eu", "Invalid Expression at position 1: a partition key can only be compared with a value, not with another key ('eu')");
        assertRejected("region LIKE 5", "Invalid Expression at position 13: the pattern of LIKE must be a string in single quotes");
        assertRejected("region", "Invalid Expression at position 7: expected a comparison operator, BETWEEN, IN, LIKE or IS but found the end of the expression");
        assertRejected("x".repeat(2049), "Invalid Expression at position 2049: the expression is longer than 2048 characters");
    }

    @Test
    void namesAndValuesAreCheckedAgainstTheTable()
    {
        assertThatThrownBy(() -> PartitionFilter.of(SALES, "yaer = 2024"))
                .hasMessage("Invalid Expression at position 1: 'yaer' is not a partition key of table sales (its partition keys: year, day, region)");
        assertThatThrownBy(() -> PartitionFilter.of(SALES, "region = 'eu' AND year = 'twenty'"))
                .hasMessage("Invalid Expression at position 26: 'twenty' is not a valid value for partition key 'year' of type int: expected a number");
        assertThatThrownBy(() -> PartitionFilter.of(SALES, "day > '2024-13-01'"))
                .hasMessage("Invalid Expression at position 7: '2024-13-01' is not a valid value for partition key 'day' of type date: expected a date in single quotes ('yyyy-mm-dd')");
        assertThatThrownBy(() -> PartitionFilter.of(SALES, "day IN (20240101)"))
                .hasMessageContaining("position 9: 20240101 is not a valid value for partition key 'day'");
        assertThatThrownBy(() -> PartitionFilter.of(SALES, "year > '" + NULL + "'"))
                .hasMessage("Invalid Expression at position 8: __HIVE_DEFAULT_PARTITION__ is NULL; compare it with = or <> only");
    }

    @Test
    void integerAndDateKeysCompareByValueAndStringKeysAsStrings()
    {
        assertSelects("year > 9", List.of("10", "2023", "2024"));
        assertSelects("year >= '2023'", List.of("2023", "2024"));
        assertSelects("year < 10.5", List.of("9", "10"));
        assertSelects("year = 10", List.of("10"));
        assertSelects("year <> 10", List.of("9", "2023", "2024"));
        assertSelects("day < '2024-01-10'", List.of("9", "2023"));
        assertSelects("day BETWEEN '2024-01-10' AND '2024-02-01'", List.of("10", "2024"));
        assertSelects("region > 'eu'", List.of("10", "2023"));
        assertSelects("region BETWEEN 'a' AND 'f'", List.of("9", "2023", "2024"));
    }

    @Test
    void logicalOperatorsInLikeAndNullsFollowSqlThreeValuedLogic()
    {
        assertSelects("year = 9 OR region = 'apac'", List.of("9", "2024"));
        assertSelects("(year = 9 OR year = 10) AND region = 'us'", List.of("10"));
        assertSelects("year IN (9, 2024, 3)", List.of("9", "2024"));
        assertSelects("year NOT IN (9, 2024)", List.of("10", "2023"));
        assertSelects("region LIKE 'eu%'", List.of("9", "2023"));
        assertSelects("region LIKE '_s'", List.of("10"));
        assertSelects("NOT region LIKE 'eu%'", List.of("10", "2024", NULL));
        assertSelects("year IS NULL", List.of(NULL));
        assertSelects("year = '" + NULL + "'", List.of(NULL));
        assertSelects("year IS NOT NULL AND NOT year > 10", List.of("9", "10"));
        assertSelects("NOT year > 10", List.of("9", "10"));
        assertSelects("region = '" + NULL + "'", List.of(NULL));
        assertSelects("NOT (year = 9 OR region <> 'us')", List.of("10"));
        assertSelects("", List.of("9", "10", "2023", "2024", NULL));
    }

    @Test
    void theDomainNarrowsWhatItCanAndLeavesTheRestToTheFilter()
    {
        assertThat(PartitionFilter.of(SALES, "year > 9 AND day = '2024-01-10'").domain())
                .isEqualTo(TupleDomain.withColumnDomains(Map.of(
                        "year", Domain.create(ValueSet.ofRanges(Range.greaterThan(INTEGER, 9L)), false),
                        "day", Domain.singleValue(DATE, LocalDate.of(2024, 1, 10).toEpochDay()))));
        assertThat(PartitionFilter.of(SALES, "year = 9 OR year = 10").domain())
                .isEqualTo(TupleDomain.withColumnDomains(Map.of("year", Domain.multipleValues(INTEGER, List.of(9L, 10L)))));
        assertThat(PartitionFilter.of(SALES, "year = 9 OR region = 'eu'").domain()).as("different keys: nothing to narrow").isEqualTo(TupleDomain.all());
        assertThat(PartitionFilter.of(SALES, "region LIKE 'eu%'").domain()).as("LIKE is left to the filter").isEqualTo(TupleDomain.all());
        assertThat(PartitionFilter.of(SALES, "year IS NULL").domain()).isEqualTo(TupleDomain.withColumnDomains(Map.of("year", Domain.onlyNull(INTEGER))));
        // Hive's NULL of a string key is the string __HIVE_DEFAULT_PARTITION__, and '_' sorts after 'A'
        assertThat(PartitionFilter.of(SALES, "region > 'A'").domain())
                .isEqualTo(TupleDomain.withColumnDomains(Map.of("region", Domain.create(ValueSet.ofRanges(Range.greaterThan(VARCHAR, Slices.utf8Slice("A"))), true))));
        assertThat(PartitionFilter.of(SALES, "region > 'z'").domain())
                .isEqualTo(TupleDomain.withColumnDomains(Map.of("region", Domain.create(ValueSet.ofRanges(Range.greaterThan(VARCHAR, Slices.utf8Slice("z"))), false))));
        assertThat(PartitionFilter.of(SALES, "year = 1 AND year = 2").domain()).isEqualTo(TupleDomain.none());
    }

    @Test
    void theDomainAdmitsEveryPartitionTheFilterSelects()
    {
        List<String> expressions = List.of("year > 9", "NOT year > 9", "year NOT IN (9, 10)", "NOT (year BETWEEN 10 AND 2023)", "region <> 'eu'",
                "NOT region < 'f'", "region IS NOT NULL", "NOT (year < 2000 AND region = 'us')", "year <> '" + NULL + "'", "day NOT BETWEEN '2024-01-01' AND '2024-01-31'");
        for (String expression : expressions) {
            PartitionFilter filter = PartitionFilter.of(SALES, expression);
            TupleDomain<String> domain = filter.domain();
            for (List<String> values : PARTITIONS) {
                if (filter.matches(values)) {
                    assertThat(admits(domain, values)).as("domain of [%s] admits %s", expression, values).isTrue();
                }
            }
        }
    }

    private static boolean admits(TupleDomain<String> domain, List<String> values)
    {
        if (domain.isNone()) {
            return false;
        }
        Map<String, Domain> domains = domain.getDomains().orElseThrow();
        for (int i = 0; i < SALES.partitionKeys().size(); i++) {
            Column key = SALES.partitionKeys().get(i);
            Domain keyDomain = domains.get(key.name());
            if (keyDomain != null && !keyDomain.includesNullableValue(io.trawl.catalog.PartitionKeyValues.typedValue(SALES, key, values.get(i)))) {
                return false;
            }
        }
        return true;
    }

    private static void assertSelects(String expression, List<String> years)
    {
        PartitionFilter filter = PartitionFilter.of(SALES, expression);
        List<String> selected = new ArrayList<>();
        for (List<String> values : PARTITIONS) {
            if (filter.matches(values)) {
                selected.add(values.getFirst());
            }
        }
        assertThat(selected).as(expression).isEqualTo(years);
    }

    private static void assertRejected(String expression, String message)
    {
        assertThatThrownBy(() -> PartitionExpression.parse(expression))
                .as(expression)
                .isInstanceOf(PartitionExpressionException.class)
                .hasMessage(message);
    }
}
