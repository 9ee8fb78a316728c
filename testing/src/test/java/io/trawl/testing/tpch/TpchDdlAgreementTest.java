package io.trawl.testing.tpch;

import io.trawl.catalog.Column;
import io.trawl.catalog.Table;
import io.trawl.catalog.local.LocalCatalogStore;
import io.trawl.datagen.TpchFormat;
import io.trawl.datagen.TpchGenerator;
import io.trawl.engine.Session;
import io.trawl.engine.ddl.DdlExecutor;
import io.trawl.engine.ddl.LocationValidator;
import io.trawl.engine.parser.StatementParser;
import io.trawl.testing.DuckDbOracle;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The oracle reads the TPC-H DDL text itself; Trawl reads the table its DDL executor records in the catalog.
 * Both readings must agree on every column's name and type, and DuckDB must read the same data through
 * either, or a disagreement between Trawl and the oracle could come from the kit instead of the engine.
 */
class TpchDdlAgreementTest
{
    @ParameterizedTest
    @EnumSource(TpchFormat.class)
    void catalogTablesFromTheTpchDdlAgreeWithTheOraclesReadingOfIt(TpchFormat format, @TempDir Path home)
    {
        Path data = TpchLake.dataDirectory(TpchLake.DEFAULT_SCALE_FACTOR, format);
        LocalCatalogStore catalog = new LocalCatalogStore(home.resolve("catalog"));
        DdlExecutor ddl = new DdlExecutor(catalog, LocationValidator.localFiles(), io.trawl.scan.LakeScanProvider.forLocalFiles());
        Session session = Session.defaults();
        ddl.execute(StatementParser.parse("CREATE DATABASE IF NOT EXISTS tpch"), session);

        try (DuckDbOracle fromDdlText = DuckDbOracle.open();
                DuckDbOracle fromCatalog = DuckDbOracle.open()) {
            TpchTables.createOracleViews(fromDdlText, data, format);
            for (String tableName : TpchGenerator.tableNames()) {
                String sql = TpchGenerator.createTableSql("tpch", tableName, data.resolve(tableName).toUri(), format);
                ddl.execute(StatementParser.parse(sql), session);
                Table table = catalog.findTable("tpch", tableName).orElseThrow();

                assertThat(normalized(table.allColumns())).as("%s columns in the catalog vs the DDL text", tableName)
                        .isEqualTo(normalized(HiveDdl.columns(sql)));

                fromCatalog.createView(table);
                String checksum = "SELECT count(*), sum(hash(t)) FROM %s t".formatted(tableName);
                assertThat(fromCatalog.query(checksum)).as("%s read through the catalog table vs through the DDL text", tableName)
                        .isEqualTo(fromDdlText.query(checksum));
            }
        }
    }

    private static List<Column> normalized(List<Column> columns)
    {
        return columns.stream()
                .map(column -> new Column(column.name().toLowerCase(Locale.ROOT), column.type().toLowerCase(Locale.ROOT).replace(" ", "")))
                .toList();
    }
}
