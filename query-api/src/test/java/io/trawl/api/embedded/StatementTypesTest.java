package io.trawl.api.embedded;

import io.trawl.billing.StatementType;
import io.trawl.engine.StatementKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StatementTypesTest
{
    @Test
    void theEngineKindDecidesAndTheTextRefinesIt()
    {
        assertThat(StatementTypes.of("SELECT 1", StatementKind.QUERY)).isEqualTo(StatementType.QUERY);
        assertThat(StatementTypes.of("EXPLAIN ANALYZE SELECT 1", StatementKind.QUERY)).isEqualTo(StatementType.EXPLAIN_ANALYZE);
        assertThat(StatementTypes.of("EXPLAIN SELECT 1", StatementKind.UTILITY)).isEqualTo(StatementType.EXPLAIN);
        assertThat(StatementTypes.of("INSERT INTO t SELECT 1", StatementKind.WRITE)).isEqualTo(StatementType.DML);
        assertThat(StatementTypes.of("CREATE DATABASE d", StatementKind.DDL)).isEqualTo(StatementType.DDL);
        assertThat(StatementTypes.of("SHOW TABLES", StatementKind.DDL)).isEqualTo(StatementType.DDL);
    }

    @Test
    void partitionStatementsAreTheirOwnFreeType()
    {
        assertThat(StatementTypes.of("MSCK REPAIR TABLE t", StatementKind.DDL)).isEqualTo(StatementType.PARTITION);
        assertThat(StatementTypes.of("ALTER TABLE t ADD PARTITION (dt = '2026-12-05')", StatementKind.DDL)).isEqualTo(StatementType.PARTITION);
        assertThat(StatementTypes.of("ALTER TABLE t DROP PARTITION (dt = '2026-12-05')", StatementKind.DDL)).isEqualTo(StatementType.PARTITION);
        assertThat(StatementTypes.of("SHOW PARTITIONS t", StatementKind.DDL)).isEqualTo(StatementType.PARTITION);
        assertThat(StatementTypes.of("ALTER TABLE t PARTITION (dt = '2026-12-05') SET LOCATION 'file:///x/'", StatementKind.DDL)).isEqualTo(StatementType.PARTITION);
        assertThat(StatementTypes.of("ALTER TABLE t SET LOCATION 'file:///x/'", StatementKind.DDL)).as("the table's location: DDL").isEqualTo(StatementType.DDL);
    }

    @Test
    void textThatDoesNotParseFallsBackToTheKind()
    {
        assertThat(StatementTypes.of("SELEC oops", StatementKind.QUERY)).isEqualTo(StatementType.QUERY);
        assertThat(StatementTypes.of("SELEC oops", StatementKind.DDL)).isEqualTo(StatementType.DDL);
    }
}
