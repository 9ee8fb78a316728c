package io.trawl.billing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * What a query costs: billed bytes times a price per terabyte. Which statements are billed at all is
 * {@link ChargingRules}'; this class only prices bytes.
 *
 * @param pricePerTerabyte price of one terabyte scanned, in {@code currency}
 * @param currency ISO 4217 code the price is in
 * @param unit the size of a megabyte and a terabyte
 * @param version names this price in usage records, so a bill can say which price each query paid after the
 * price changes; set by whoever configures prices (e.g. {@code 2027-01}), else derived from the price itself
 * ({@link #derivedVersion})
 */
public record PricingPolicy(BigDecimal pricePerTerabyte, String currency, ByteUnit unit, String version)
{
    /** Athena's list price in most regions. */
    public static final BigDecimal DEFAULT_PRICE_PER_TERABYTE = new BigDecimal("5.00");

    /**
     * Costs keep 10 decimal places: the cheapest query (10 MB at $5/TB) costs about $0.0000477, so cents
     * would lose it; summing exact-enough per-query costs keeps monthly totals right to the cent.
     */
    public static final int COST_SCALE = 10;

    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/+-]{0,99}");

    public PricingPolicy
    {
        requireNonNull(pricePerTerabyte, "pricePerTerabyte is null");
        requireNonNull(currency, "currency is null");
        requireNonNull(unit, "unit is null");
        requireNonNull(version, "version is null");
        if (pricePerTerabyte.signum() < 0) {
            throw new IllegalArgumentException("pricePerTerabyte is negative: " + pricePerTerabyte);
        }
        if (!CURRENCY.matcher(currency).matches()) {
            throw new IllegalArgumentException("currency is not an ISO 4217 code such as USD: " + currency);
        }
        if (!VERSION.matcher(version).matches()) {
            throw new IllegalArgumentException("price version must be 1-100 letters, digits or ._:/+- starting with a letter or digit: " + version);
        }
    }

    /** A price whose version is {@link #derivedVersion derived} from the price, currency and unit. */
    public PricingPolicy(BigDecimal pricePerTerabyte, String currency, ByteUnit unit)
    {
        this(pricePerTerabyte, currency, unit, derivedVersion(pricePerTerabyte, currency, unit));
    }

    /**
     * The version of a price nobody named: {@code USD-5-binary} for $5 per binary terabyte. Two different prices
     * never share it, so records stay unambiguous even when prices change without a new version being set.
     */
    public static String derivedVersion(BigDecimal pricePerTerabyte, String currency, ByteUnit unit)
    {
        requireNonNull(pricePerTerabyte, "pricePerTerabyte is null");
        requireNonNull(unit, "unit is null");
        return currency + "-" + pricePerTerabyte.stripTrailingZeros().toPlainString() + "-" + unit.name().toLowerCase(Locale.ROOT);
    }

    public PricingPolicy withVersion(String newVersion)
    {
        return new PricingPolicy(pricePerTerabyte, currency, unit, newVersion);
    }

    /** $5.00 per binary terabyte, as Athena bills. */
    public static PricingPolicy defaults()
    {
        return new PricingPolicy(DEFAULT_PRICE_PER_TERABYTE, "USD", ByteUnit.BINARY);
    }

    public BilledBytes billedBytes(long bytesScanned)
    {
        return BilledBytes.of(bytesScanned, unit);
    }

    /** The cost of a query that read {@code bytesScanned} bytes, with {@link #COST_SCALE} decimals, rounded half up. */
    public BigDecimal cost(long bytesScanned)
    {
        BilledBytes billed = billedBytes(bytesScanned);
        return BigDecimal.valueOf(billed.bytes())
                .multiply(pricePerTerabyte)
                .divide(BigDecimal.valueOf(unit.bytesPerTerabyte()), COST_SCALE, RoundingMode.HALF_UP);
    }

    /**
     * A cost for people to read: at least cents, and as many more decimals (up to 6) as it takes to show
     * the first significant digit, e.g. {@code $5.00}, {@code $0.000048}.
     */
    public String display(BigDecimal cost)
    {
        requireNonNull(cost, "cost is null");
        int scale = 2;
        while (scale < 6 && cost.signum() != 0 && cost.abs().setScale(scale, RoundingMode.HALF_UP).signum() == 0) {
            scale++;
        }
        // one more digit than the first significant one, so $0.000048 rather than $0.00005
        if (scale > 2 && scale < 6) {
            scale++;
        }
        String amount = cost.setScale(scale, RoundingMode.HALF_UP).toPlainString();
        return "USD".equals(currency) ? "$" + amount : amount + " " + currency;
    }
}
