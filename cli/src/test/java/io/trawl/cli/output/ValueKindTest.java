package io.trawl.cli.output;

import io.trawl.api.query.ColumnInfo;
import io.trino.spi.type.ArrayType;
import io.trino.spi.type.CharType;
import io.trino.spi.type.DecimalType;
import io.trino.spi.type.MapType;
import io.trino.spi.type.RowType;
import io.trino.spi.type.TimestampType;
import io.trino.spi.type.Type;
import io.trino.spi.type.TypeOperators;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.BooleanType.BOOLEAN;
import static io.trino.spi.type.DateType.DATE;
import static io.trino.spi.type.DoubleType.DOUBLE;
import static io.trino.spi.type.IntegerType.INTEGER;
import static io.trino.spi.type.RealType.REAL;
import static io.trino.spi.type.SmallintType.SMALLINT;
import static io.trino.spi.type.TinyintType.TINYINT;
import static io.trino.spi.type.VarbinaryType.VARBINARY;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static io.trino.spi.type.VarcharType.createVarcharType;
import static org.assertj.core.api.Assertions.assertThat;

class ValueKindTest
{
    @Test
    void athenaTypeNamesGiveTheKindOfTheEngineType()
    {
        List<Type> types = List.of(BIGINT, INTEGER, SMALLINT, TINYINT, DOUBLE, REAL, DecimalType.createDecimalType(10, 2), DecimalType.createDecimalType(38, 0),
                BOOLEAN, VARCHAR, createVarcharType(5), CharType.createCharType(3), DATE, TimestampType.createTimestampType(3), VARBINARY,
                new ArrayType(BIGINT), new MapType(VARCHAR, BIGINT, new TypeOperators()), RowType.anonymous(List.of(BIGINT, VARCHAR)));
        for (Type type : types) {
            String athenaType = ColumnInfo.of("c", type).type();
            assertThat(ValueKind.ofAthenaType(athenaType)).as("%s, reported by the API as %s", type, athenaType).isEqualTo(ValueKind.of(type));
        }
    }

    @Test
    void numbersAreRightAlignedAndOnlyExactDecimalsAreQuotedInJson()
    {
        assertThat(List.of(ValueKind.values())).extracting(ValueKind::isNumeric).containsExactly(true, true, false, false);
        assertThat(List.of(ValueKind.values())).extracting(ValueKind::isBareJson).containsExactly(true, false, true, false);
    }
}
