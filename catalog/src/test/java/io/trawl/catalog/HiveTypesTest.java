package io.trawl.catalog;

import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trino.spi.type.ArrayType;
import io.trino.spi.type.CharType;
import io.trino.spi.type.DecimalType;
import io.trino.spi.type.MapType;
import io.trino.spi.type.RowType;
import io.trino.spi.type.TimestampType;
import io.trino.spi.type.Type;
import io.trino.spi.type.TypeOperators;
import io.trino.spi.type.VarcharType;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.BooleanType.BOOLEAN;
import static io.trino.spi.type.DateType.DATE;
import static io.trino.spi.type.DoubleType.DOUBLE;
import static io.trino.spi.type.IntegerType.INTEGER;
import static io.trino.spi.type.RealType.REAL;
import static io.trino.spi.type.SmallintType.SMALLINT;
import static io.trino.spi.type.TinyintType.TINYINT;
import static io.trino.spi.type.VarbinaryType.VARBINARY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HiveTypesTest
{
    @Test
    void mapsEveryAthenaDdlSpellingToItsTrinoType()
    {
        Map<String, Type> expected = new LinkedHashMap<>();
        expected.put("boolean", BOOLEAN);
        expected.put("tinyint", TINYINT);
        expected.put("smallint", SMALLINT);
        expected.put("int", INTEGER);
        expected.put("INTEGER", INTEGER);
        expected.put("bigint", BIGINT);
        expected.put("float", REAL);
        expected.put("real", REAL);
        expected.put("double", DOUBLE);
        expected.put("decimal(15,2)", DecimalType.createDecimalType(15, 2));
        expected.put("decimal( 38 , 10 )", DecimalType.createDecimalType(38, 10));
        expected.put("decimal", DecimalType.createDecimalType(10, 0));
        expected.put("char(3)", CharType.createCharType(3));
        expected.put("varchar(25)", VarcharType.createVarcharType(25));
        expected.put("string", VarcharType.VARCHAR);
        expected.put("date", DATE);
        expected.put("timestamp", TimestampType.TIMESTAMP_MILLIS);
        expected.put("binary", VARBINARY);
        expected.put("array<int>", new ArrayType(INTEGER));
        expected.put("map<string,array<bigint>>", new MapType(VarcharType.VARCHAR, new ArrayType(BIGINT), new TypeOperators()));
        expected.put("struct<a:int, B:struct<c:string>>", RowType.rowType(
                RowType.field("a", INTEGER),
                RowType.field("b", RowType.rowType(RowType.field("c", VarcharType.VARCHAR)))));

        expected.forEach((spelling, type) -> assertThat(HiveTypes.toTrinoType(spelling)).as(spelling).isEqualTo(type));
    }

    @Test
    void printsTheCanonicalHiveSpellingBack()
    {
        assertThat(HiveTypes.canonicalize("INTEGER")).as("integer").isEqualTo("int");
        assertThat(HiveTypes.canonicalize("real")).as("real").isEqualTo("float");
        assertThat(HiveTypes.canonicalize("decimal")).as("decimal").isEqualTo("decimal(10,0)");
        assertThat(HiveTypes.canonicalize("String")).as("string").isEqualTo("string");
        assertThat(HiveTypes.canonicalize("varchar(10)")).as("varchar").isEqualTo("varchar(10)");
        assertThat(HiveTypes.canonicalize("timestamp")).as("timestamp").isEqualTo("timestamp");
        assertThat(HiveTypes.canonicalize("array< map<string, decimal(15,2)> >"))
                .as("nested").isEqualTo("array<map<string,decimal(15,2)>>");
        assertThat(HiveTypes.canonicalize("struct<Name:string,tags:array<string>>"))
                .as("struct").isEqualTo("struct<name:string,tags:array<string>>");
    }

    @Test
    void rejectsUnknownTypesNamingThem()
    {
        assertThatThrownBy(() -> HiveTypes.toTrinoType("strin"))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.TYPE_MISMATCH))
                .hasMessage("Unknown type 'strin'");
        assertThatThrownBy(() -> HiveTypes.toTrinoType("array<int"))
                .as("unclosed array").hasMessage("Unknown type 'array<int'");
        assertThatThrownBy(() -> HiveTypes.toTrinoType("int extra"))
                .as("trailing text").hasMessage("Unknown type 'int extra'");
        assertThatThrownBy(() -> HiveTypes.toTrinoType("decimal(39,2)"))
                .as("precision").hasMessage("Invalid type 'decimal(39,2)': decimal precision must be between 1 and 38");
        assertThatThrownBy(() -> HiveTypes.toTrinoType("decimal(5,6)"))
                .as("scale").hasMessage("Invalid type 'decimal(5,6)': decimal scale must not exceed precision");
    }
}
