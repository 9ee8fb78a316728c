package io.trawl.billing;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PricingPolicyTest
{
    private static final long MB = 1L << 20;
    private static final long TB = 1L << 40;

    @Test
    void defaultsToFiveDollarsPerBinaryTerabyte()
    {
        PricingPolicy policy = PricingPolicy.defaults();
        assertThat(policy.pricePerTerabyte()).as("price").isEqualByComparingTo("5");
        assertThat(policy.unit()).as("unit").isEqualTo(ByteUnit.BINARY);
        assertThat(policy.currency()).isEqualTo("USD");
    }

    @Test
    void oneTerabyteCostsThePricePerTerabyte()
    {
        assertThat(PricingPolicy.defaults().cost(TB)).as("cost of 1 TB").isEqualByComparingTo("5.00");
        assertThat(PricingPolicy.defaults().cost(2 * TB)).as("cost of 2 TB").isEqualByComparingTo("10.00");
    }

    @Test
    void costsKeepTenDecimalsRoundedHalfUp()
    {
        // 10 MB * $5 / 2^40 = 0.00004768371582031... -> 0.0000476837
        BigDecimal minimum = PricingPolicy.defaults().cost(0);
        assertThat(minimum).as("cost of the 10 MB minimum").isEqualTo(new BigDecimal("0.0000476837"));
        assertThat(minimum.scale()).isEqualTo(PricingPolicy.COST_SCALE);
        // 11 MB * $5 / 2^40 = 0.00005245208740234... -> 0.0000524521 (the 6th digit 0.8 rounds up)
        assertThat(PricingPolicy.defaults().cost(10 * MB + 1)).as("cost of 11 MB").isEqualTo(new BigDecimal("0.0000524521"));
    }

    @Test
    void decimalUnitsPriceMillionByteMegabytesAgainstTrillionByteTerabytes()
    {
        PricingPolicy decimal = new PricingPolicy(new BigDecimal("5.00"), "USD", ByteUnit.DECIMAL);
        assertThat(decimal.cost(1_000_000_000_000L)).as("1 decimal TB").isEqualByComparingTo("5");
        // 10 MB * 5 / 10^6 MB = 0.00005 exactly
        assertThat(decimal.cost(0)).as("decimal minimum").isEqualByComparingTo("0.00005");
        assertThat(decimal.cost(TB)).as("a binary TB in decimal units is 1,099,512 MB").isEqualByComparingTo("5.49756");
    }

    @Test
    void priceIsConfigurable()
    {
        PricingPolicy policy = new PricingPolicy(new BigDecimal("6.25"), "USD", ByteUnit.BINARY);
        assertThat(policy.cost(4 * TB)).as("4 TB at $6.25").isEqualByComparingTo("25");
    }

    @Test
    void displaysAtLeastCentsAndEnoughDigitsForSmallCosts()
    {
        PricingPolicy policy = PricingPolicy.defaults();
        assertThat(policy.display(policy.cost(TB))).as("1 TB").isEqualTo("$5.00");
        assertThat(policy.display(policy.cost(0))).as("10 MB minimum").isEqualTo("$0.000048");
        assertThat(policy.display(new BigDecimal("0.0123"))).as("over a cent").isEqualTo("$0.01");
        assertThat(policy.display(BigDecimal.ZERO)).as("free").isEqualTo("$0.00");
        assertThat(new PricingPolicy(BigDecimal.ONE, "EUR", ByteUnit.BINARY).display(new BigDecimal("2"))).isEqualTo("2.00 EUR");
    }

    @Test
    void rejectsNegativePrices()
    {
        assertThatThrownBy(() -> new PricingPolicy(new BigDecimal("-1"), "USD", ByteUnit.BINARY))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
