package io.trawl.billing;

import java.math.BigDecimal;

import static java.util.Objects.requireNonNull;

/**
 * What one statement is charged: the bytes it read, the bytes it is billed for (0 when it is free) and their
 * cost under {@code policy}, whose currency and version the charge carries into the usage ledger.
 *
 * @param bytesScanned what the statement read from storage, billed or not
 * @param billedBytes 0 for a free statement, else whole megabytes of at least the 10 MB minimum
 * @param cost {@code billedBytes} priced by {@code policy}, with {@link PricingPolicy#COST_SCALE} decimals; 0 when free
 */
public record Charge(long bytesScanned, long billedBytes, BigDecimal cost, PricingPolicy policy)
{
    public Charge
    {
        requireNonNull(cost, "cost is null");
        requireNonNull(policy, "policy is null");
        if (bytesScanned < 0 || billedBytes < 0) {
            throw new IllegalArgumentException("negative bytes: scanned %s, billed %s".formatted(bytesScanned, billedBytes));
        }
        if (cost.scale() != PricingPolicy.COST_SCALE || cost.signum() < 0) {
            throw new IllegalArgumentException("cost must be non-negative with %s decimals: %s".formatted(PricingPolicy.COST_SCALE, cost));
        }
        if (billedBytes == 0 && cost.signum() != 0) {
            throw new IllegalArgumentException("a free charge costs nothing, not " + cost);
        }
    }

    /** Nothing billed for a statement that read {@code bytesScanned}. */
    public static Charge free(long bytesScanned, PricingPolicy policy)
    {
        return new Charge(bytesScanned, 0, BigDecimal.ZERO.setScale(PricingPolicy.COST_SCALE), policy);
    }

    /** Whether anything is billed; billable statements go to the usage ledger. */
    public boolean billable()
    {
        return billedBytes > 0;
    }

    /** The cost for people to read, e.g. {@code $0.000048}. */
    public String displayCost()
    {
        return policy.display(cost);
    }
}
