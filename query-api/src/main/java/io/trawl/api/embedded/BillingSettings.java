package io.trawl.api.embedded;

import io.trawl.billing.BillingConfig;
import io.trawl.billing.limits.LimitsConfig;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.function.Consumer;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * How the embedded engine bills: the prices, the work group its statements run in, the clock that stamps
 * their start and end, the work groups' limits (bytes-scanned cutoff, usage alerts) and where alert lines go.
 * The defaults need nothing set: $5 per binary terabyte, work group {@code primary} (Athena's default work group),
 * the system clock, no limits, alerts on stderr.
 */
public record BillingSettings(BillingConfig prices, String workGroup, Clock clock, LimitsConfig limits, Consumer<String> alertLog)
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
        requireNonNull(limits, "limits is null");
        requireNonNull(alertLog, "alertLog is null");
    }

    /** Without limits. */
    public BillingSettings(BillingConfig prices, String workGroup, Clock clock)
    {
        this(prices, workGroup, clock, LimitsConfig.none(), System.err::println);
    }

    public BillingSettings withLimits(LimitsConfig newLimits, Consumer<String> newAlertLog)
    {
        return new BillingSettings(prices, workGroup, clock, newLimits, newAlertLog);
    }

    public static BillingSettings defaults()
    {
        return new BillingSettings(BillingConfig.defaults(), DEFAULT_WORK_GROUP, Clock.systemUTC());
    }

    /**
     * As {@link #fromEnvironment(Map)}, plus the work group from {@code TRAWL_WORKGROUP} (default {@code primary}) and
     * the limits: {@code TRAWL_BYTES_SCANNED_CUTOFF} (bytes, every work group) and {@code TRAWL_LIMITS_FILE}, a
     * properties file of {@link LimitsConfig}'s {@code limits.*} keys.
     *
     * @throws IllegalArgumentException naming the setting whose value is invalid
     */
    public static BillingSettings fromEnvironmentWithLimits(Map<String, String> environment)
    {
        BillingSettings prices = fromEnvironment(environment);
        Map<String, String> properties = new HashMap<>();
        String file = environment.get("TRAWL_LIMITS_FILE");
        if (file != null && !file.isBlank()) {
            Properties loaded = new Properties();
            try (Reader reader = Files.newBufferedReader(Path.of(file.trim()))) {
                loaded.load(reader);
            }
            catch (IOException e) {
                throw new IllegalArgumentException("TRAWL_LIMITS_FILE: cannot read %s: %s".formatted(file.trim(), e.getMessage()), e);
            }
            loaded.stringPropertyNames().forEach(name -> properties.put(name, loaded.getProperty(name)));
        }
        String cutoff = environment.get("TRAWL_BYTES_SCANNED_CUTOFF");
        if (cutoff != null && !cutoff.isBlank()) {
            properties.put(LimitsConfig.PREFIX + "bytes-scanned-cutoff-per-query", cutoff);
        }
        LimitsConfig limits;
        try {
            limits = LimitsConfig.fromProperties(properties);
        }
        catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage().replace("limits.bytes-scanned-cutoff-per-query", "TRAWL_BYTES_SCANNED_CUTOFF"), e);
        }
        String workGroup = environment.getOrDefault("TRAWL_WORKGROUP", "").isBlank() ? DEFAULT_WORK_GROUP : environment.get("TRAWL_WORKGROUP").trim();
        return new BillingSettings(prices.prices(), workGroup, prices.clock(), limits, System.err::println);
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
