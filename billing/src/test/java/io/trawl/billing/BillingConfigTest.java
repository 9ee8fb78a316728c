package io.trawl.billing;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BillingConfigTest
{
    @Test
    void nothingSetIsAthenasPriceWithADerivedVersion()
    {
        BillingConfig config = BillingConfig.fromProperties(Map.of());
        assertThat(config).isEqualTo(BillingConfig.defaults());
        assertThat(config.policyFor("primary")).isEqualTo(PricingPolicy.defaults());
        assertThat(config.policyFor("primary").version()).as("derived version").isEqualTo("USD-5-binary");
    }

    @Test
    void deploymentPriceCurrencyUnitAndVersionAreSettings()
    {
        BillingConfig config = BillingConfig.fromProperties(Map.of(
                "billing.price-per-tb", "6.75",
                "billing.currency", "eur",
                "billing.unit", "decimal",
                "billing.price-version", "2027-01",
                "unrelated.key", "ignored"));
        assertThat(config.policyFor("any")).isEqualTo(new PricingPolicy(new BigDecimal("6.75"), "EUR", ByteUnit.DECIMAL, "2027-01"));
    }

    @Test
    void aWorkGroupOverridesSomeSettingsAndInheritsTheRest()
    {
        BillingConfig config = BillingConfig.fromProperties(Map.of(
                "billing.price-per-tb", "5",
                "billing.price-version", "base-2026",
                "billing.workgroup.analysts.price-per-tb", "4.50",
                "billing.workgroup.etl.team.unit", "decimal",
                "billing.workgroup.audit.price-version", "audit-v2"));
        assertThat(config.policyFor("primary")).as("no override").isEqualTo(new PricingPolicy(new BigDecimal("5"), "USD", ByteUnit.BINARY, "base-2026"));
        assertThat(config.policyFor("analysts")).as("own price, derived version")
                .isEqualTo(new PricingPolicy(new BigDecimal("4.50"), "USD", ByteUnit.BINARY, "USD-4.5-binary"));
        assertThat(config.policyFor("etl.team")).as("work group names may hold dots; own unit")
                .isEqualTo(new PricingPolicy(new BigDecimal("5"), "USD", ByteUnit.DECIMAL, "USD-5-decimal"));
        assertThat(config.policyFor("audit")).as("same price, own version")
                .isEqualTo(new PricingPolicy(new BigDecimal("5"), "USD", ByteUnit.BINARY, "audit-v2"));
    }

    @Test
    void derivedVersionsOfDifferentPricesDiffer()
    {
        assertThat(new PricingPolicy(new BigDecimal("5.00"), "USD", ByteUnit.BINARY).version()).isEqualTo("USD-5-binary");
        assertThat(new PricingPolicy(new BigDecimal("10"), "USD", ByteUnit.BINARY).version()).as("no exponent notation").isEqualTo("USD-10-binary");
        assertThat(new PricingPolicy(new BigDecimal("5"), "USD", ByteUnit.DECIMAL).version()).isEqualTo("USD-5-decimal");
        assertThat(new PricingPolicy(new BigDecimal("0.125"), "GBP", ByteUnit.BINARY).version()).isEqualTo("GBP-0.125-binary");
    }

    @Test
    void invalidValuesNameTheKey()
    {
        assertThatThrownBy(() -> BillingConfig.fromProperties(Map.of("billing.price-per-tb", "five")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("billing.price-per-tb: invalid value 'five'");
        assertThatThrownBy(() -> BillingConfig.fromProperties(Map.of("billing.price-per-tb", "-1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("billing.price-per-tb: invalid value '-1'");
        assertThatThrownBy(() -> BillingConfig.fromProperties(Map.of("billing.unit", "octal")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("billing.unit: invalid value 'octal'");
        assertThatThrownBy(() -> BillingConfig.fromProperties(Map.of("billing.currency", "dollars")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("billing.*: currency is not an ISO 4217 code");
        assertThatThrownBy(() -> BillingConfig.fromProperties(Map.of("billing.workgroup.x.price", "1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("billing.workgroup.x.price: unknown setting");
        assertThatThrownBy(() -> BillingConfig.fromProperties(Map.of("billing.price-version", "has space")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("price version");
    }
}
