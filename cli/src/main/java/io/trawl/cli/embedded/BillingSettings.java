package io.trawl.cli.embedded;

import io.trawl.billing.BillingConfig;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * How the embedded engine bills: the prices, the work group its statements run in, and the clock that stamps
 * their start and end. The defaults need nothing set: $5 per binary terabyte, work group {@code primary} (Athena's
 * default work group), the system clock.
 */
public record BillingSettings(BillingConfig prices, String workGroup, Clock clock)
{
    public static final String DEFAULT_WORK_GROUP = "primary";

    /** Environment variables and the {@link BillingConfig} property each one sets. */
    private static final Map<String, String> ENVIRONMENT = Map.of(
            "TRAWL_PRICE_PER_TB", "billing.price-per-tb",
            "TRAWL_PRICE_CURRENCY", "billing.currency",
            "TRAWL_PRICE_UNIT", "billing.unit",
            "TRAWL_PRICE_VERSION", "billing.price-version");

    public BillingSettings
    {
        requireNonNull(prices, "prices is null");
        requireNonNull(workGroup, "workGroup is null");
        requireNonNull(clock, "clock is null");
    }

    public static BillingSettings defaults()
    {
        return new BillingSettings(BillingConfig.defaults(), DEFAULT_WORK_GROUP, Clock.systemUTC());
    }

    /**
     * The defaults with the deployment's price from {@code TRAWL_PRICE_PER_TB}, {@code TRAWL_PRICE_CURRENCY},
     * {@code TRAWL_PRICE_UNIT} ({@code binary} or {@code decimal}) and {@code TRAWL_PRICE_VERSION}, where set.
     *
     * @throws IllegalArgumentException naming the setting whose value is invalid
     */
    public static BillingSettings fromEnvironment(Map<String, String> environment)
    {
        Map<String, String> properties = new HashMap<>();
        ENVIRONMENT.forEach((variable, property) -> {
            String value = environment.get(variable);
            if (value != null && !value.isBlank()) {
                properties.put(property, value);
            }
        });
        try {
            return new BillingSettings(BillingConfig.fromProperties(properties), DEFAULT_WORK_GROUP, Clock.systemUTC());
        }
        catch (IllegalArgumentException e) {
            String message = e.getMessage();
            for (Map.Entry<String, String> entry : ENVIRONMENT.entrySet()) {
                message = message.replace(entry.getValue(), entry.getKey());
            }
            throw new IllegalArgumentException(message.replace("billing.*", "TRAWL_PRICE_*"), e);
        }
    }
}
