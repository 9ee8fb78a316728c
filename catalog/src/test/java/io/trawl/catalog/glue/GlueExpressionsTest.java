package io.trawl.catalog.glue;

import io.airlift.slice.Slices;
import io.trawl.catalog.Column;
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

import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.DateType.DATE;
import static io.trino.spi.type.DoubleType.DOUBLE;
import static io.trino.spi.type.IntegerType.INTEGER;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static org.assertj.core.api.Assertions.assertThat;

class GlueExpressionsTest
{
    private static final List<Column> KEYS = List.of(new Column("year", "int"), new Column("day", "date"), new Column("region", "string"),
            new Column("ratio", "double"), new Column("order", "bigint"));

    @Test
    void integerDateAndStringKeysBecomeGlueComparisons()
    {
        TupleDomain<String> predicate = TupleDomain.withColumnDomains(Map.of(
                "year", Domain.create(ValueSet.ofRanges(Range.range(INTEGER, 2020L, true, 2022L, false), Range.greaterThan(INTEGER, 2030L)), false),
                "DAY", Domain.singleValue(DATE, LocalDate.of(2024, 1, 31).toEpochDay()),
                "region", Domain.multipleValues(VARCHAR, List.of(Slices.utf8Slice("eu"), Slices.utf8Slice("it's")))));

        assertThat(GlueExpressions.build(KEYS, predicate)).contains(
                "((year >= 2020 AND year < 2022) OR (year > 2030)) AND ((day = '2024-01-31')) AND ((region IN ('eu', 'it''s')))");
    }

    @Test
    void nullIsHivesDefaultPartitionForStringKeysOnlyAndOtherKeysAreLeftToTheCaller()
    {
        assertThat(GlueExpressions.build(KEYS, TupleDomain.withColumnDomains(Map.of("region", Domain.onlyNull(VARCHAR)))))
                .contains("((region = '__HIVE_DEFAULT_PARTITION__'))");
        assertThat(GlueExpressions.build(KEYS, TupleDomain.withColumnDomains(Map.of("year", Domain.create(ValueSet.of(INTEGER, 1L), true)))))
                .as("NULL of an int key: Glue would reject the string").isEmpty();
        assertThat(GlueExpressions.build(KEYS, TupleDomain.withColumnDomains(Map.of("region", Domain.notNull(VARCHAR))))).as("IS NOT NULL").isEmpty();
        assertThat(GlueExpressions.build(KEYS, TupleDomain.withColumnDomains(Map.of("ratio", Domain.singleValue(DOUBLE, 0.5))))).as("double key").isEmpty();
        assertThat(GlueExpressions.build(KEYS, TupleDomain.withColumnDomains(Map.of("order", Domain.singleValue(BIGINT, 5L))))).as("reserved word").isEmpty();
        assertThat(GlueExpressions.build(KEYS, TupleDomain.all())).as("all").isEmpty();
    }

    @Test
    void keysThatWouldPassGluesLengthLimitAreLeftOut()
    {
        List<Long> years = new ArrayList<>();
        for (long year = 1000; year < 1500; year++) {
            years.add(year);
        }
        TupleDomain<String> predicate = TupleDomain.withColumnDomains(Map.of(
                "year", Domain.multipleValues(INTEGER, years),
                "region", Domain.singleValue(VARCHAR, Slices.utf8Slice("eu"))));

        Optional<String> expression = GlueExpressions.build(KEYS, predicate);

        assertThat(expression).as("only the key that fits").contains("((region = 'eu'))");
    }
}
