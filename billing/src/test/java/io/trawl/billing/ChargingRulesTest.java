package io.trawl.billing;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The charging rules at the boundaries issue 7 names, in binary (Athena's) and decimal units. */
class ChargingRulesTest
{
    private static final long MIB = 1L << 20;
    private static final long TIB = 1L << 40;
    private static final long MB = 1_000_000L;
    private static final long TB = 1_000_000_000_000L;

    private static final PricingPolicy BINARY = PricingPolicy.defaults();
    private static final PricingPolicy DECIMAL = new PricingPolicy(new BigDecimal("5.00"), "USD", ByteUnit.DECIMAL);

    private static Charge query(long bytesScanned, PricingPolicy policy)
    {
        return ChargingRules.charge(StatementType.QUERY, QueryOutcome.SUCCEEDED, bytesScanned, policy);
    }

    private static void assertCharge(Charge charge, long bytesScanned, long billedBytes, String cost)
    {
        assertThat(charge.bytesScanned()).as("bytes scanned").isEqualTo(bytesScanned);
        assertThat(charge.billedBytes()).as("billed bytes").isEqualTo(billedBytes);
        assertThat(charge.cost()).as("cost, exactly, with 10 decimals").isEqualTo(new BigDecimal(cost));
    }

    @Test
    void binaryUnitBoundaries()
    {
        // 10 MiB * $5 / 2^40 = 0.0000476837158203125 -> 0.0000476837
        assertCharge(query(0, BINARY), 0, 10 * MIB, "0.0000476837");
        assertCharge(query(1, BINARY), 1, 10 * MIB, "0.0000476837");
        assertCharge(query(10 * MIB, BINARY), 10 * MIB, 10 * MIB, "0.0000476837");
        // 11 MiB * $5 / 2^40 = 0.00005245208740234375 -> 0.0000524521
        assertCharge(query(10 * MIB + 1, BINARY), 10 * MIB + 1, 11 * MIB, "0.0000524521");
        assertCharge(query(TIB, BINARY), TIB, TIB, "5.0000000000");
        // one byte over a terabyte is one more megabyte: 5 + 5/2^20 = 5.00000476837158203125
        assertCharge(query(TIB + 1, BINARY), TIB + 1, TIB + MIB, "5.0000047684");
    }

    @Test
    void decimalUnitBoundaries()
    {
        // 10 MB * $5 / 10^6 MB = 0.00005 exactly
        assertCharge(query(0, DECIMAL), 0, 10 * MB, "0.0000500000");
        assertCharge(query(1, DECIMAL), 1, 10 * MB, "0.0000500000");
        assertCharge(query(10 * MB, DECIMAL), 10 * MB, 10 * MB, "0.0000500000");
        assertCharge(query(10 * MB + 1, DECIMAL), 10 * MB + 1, 11 * MB, "0.0000550000");
        assertCharge(query(TB, DECIMAL), TB, TB, "5.0000000000");
        // a binary terabyte is 1,099,511.627776 decimal MB, billed as 1,099,512 MB
        assertCharge(query(TIB, DECIMAL), TIB, 1_099_512 * MB, "5.4975600000");
    }

    @Test
    void failedAndTimedOutStatementsAreFreeWhateverTheyRead()
    {
        for (PricingPolicy policy : new PricingPolicy[] {BINARY, DECIMAL}) {
            for (long bytes : new long[] {0, 1, 10 * MIB + 1, TIB}) {
                assertCharge(ChargingRules.charge(StatementType.QUERY, QueryOutcome.FAILED, bytes, policy), bytes, 0, "0.0000000000");
                assertCharge(ChargingRules.charge(StatementType.DML, QueryOutcome.TIMED_OUT, bytes, policy), bytes, 0, "0.0000000000");
            }
        }
        assertThat(ChargingRules.charge(StatementType.QUERY, QueryOutcome.FAILED, TIB, BINARY).billable()).as("failed: not billable").isFalse();
    }

    @Test
    void cancelledStatementsPayForWhatTheyReadBeforeTheCancelWithTheSameRounding()
    {
        assertCharge(ChargingRules.charge(StatementType.QUERY, QueryOutcome.CANCELLED, 0, BINARY), 0, 10 * MIB, "0.0000476837");
        assertCharge(ChargingRules.charge(StatementType.QUERY, QueryOutcome.CANCELLED, 10 * MIB + 1, BINARY), 10 * MIB + 1, 11 * MIB, "0.0000524521");
        assertCharge(ChargingRules.charge(StatementType.DML, QueryOutcome.CANCELLED, TB, DECIMAL), TB, TB, "5.0000000000");
        assertThat(ChargingRules.charge(StatementType.QUERY, QueryOutcome.CANCELLED, 1, BINARY).billable()).as("cancelled: billable").isTrue();
    }

    @Test
    void ddlPartitionExplainAndUtilityStatementsAreFree()
    {
        for (StatementType type : new StatementType[] {StatementType.DDL, StatementType.PARTITION, StatementType.EXPLAIN, StatementType.UTILITY}) {
            for (QueryOutcome outcome : QueryOutcome.values()) {
                for (long bytes : new long[] {0, 1, 10 * MIB, TIB}) {
                    Charge charge = ChargingRules.charge(type, outcome, bytes, BINARY);
                    assertThat(charge.billable()).as("%s %s reading %s bytes", type, outcome, bytes).isFalse();
                    assertCharge(charge, bytes, 0, "0.0000000000");
                }
            }
        }
    }

    @Test
    void dmlAndExplainAnalyzeAreBilledLikeQueries()
    {
        for (StatementType type : new StatementType[] {StatementType.DML, StatementType.EXPLAIN_ANALYZE}) {
            assertCharge(ChargingRules.charge(type, QueryOutcome.SUCCEEDED, 1, BINARY), 1, 10 * MIB, "0.0000476837");
            assertCharge(ChargingRules.charge(type, QueryOutcome.SUCCEEDED, TIB, BINARY), TIB, TIB, "5.0000000000");
        }
    }

    @Test
    void chargeCarriesThePriceItUsed()
    {
        PricingPolicy named = new PricingPolicy(new BigDecimal("6.25"), "EUR", ByteUnit.DECIMAL, "2027-01");
        Charge charge = ChargingRules.charge(StatementType.QUERY, QueryOutcome.SUCCEEDED, 4 * TB, named);
        assertThat(charge.policy()).as("policy").isEqualTo(named);
        assertThat(charge.cost()).as("4 TB at 6.25").isEqualTo(new BigDecimal("25.0000000000"));
        assertThat(charge.displayCost()).isEqualTo("25.00 EUR");
        assertThat(ChargingRules.charge(StatementType.DDL, QueryOutcome.SUCCEEDED, 0, named).displayCost()).as("free").isEqualTo("0.00 EUR");
    }

    @Test
    void rejectsNegativeBytes()
    {
        assertThatThrownBy(() -> query(-1, BINARY)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
    }
}
