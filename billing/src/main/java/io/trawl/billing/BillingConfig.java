package io.trawl.billing;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * The prices of one deployment: a default {@link PricingPolicy} and, for some work groups, their own.
 *
 * <p>As properties ({@link #fromProperties}), every key optional:
 * <pre>
 *   billing.price-per-tb      price of one terabyte scanned         default 5.00
 *   billing.currency          ISO 4217 code                         default USD
 *   billing.unit              binary (2^20 / 2^40) or decimal       default binary
 *   billing.price-version     names the price in usage records      default derived, e.g. USD-5-binary
 *   billing.workgroup.&lt;name&gt;.price-per-tb | currency | unit | price-version
 *                             a work group's own price; unset keys are the deployment's, and its version is
 *                             derived from its own price unless set
 * </pre>
 */
public record BillingConfig(PricingPolicy deploymentPolicy, Map<String, PricingPolicy> workGroupPolicies)
{
    public static final String PREFIX = "billing.";
    private static final String WORK_GROUP_PREFIX = PREFIX + "workgroup.";
    private static final String PRICE = "price-per-tb";
    private static final String CURRENCY = "currency";
    private static final String UNIT = "unit";
    private static final String VERSION = "price-version";

    public BillingConfig
    {
        requireNonNull(deploymentPolicy, "deploymentPolicy is null");
        workGroupPolicies = Map.copyOf(requireNonNull(workGroupPolicies, "workGroupPolicies is null"));
    }

    /** $5 per binary terabyte for every work group. */
    public static BillingConfig defaults()
    {
        return new BillingConfig(PricingPolicy.defaults(), Map.of());
    }

    /** The price a work group's queries pay: its own, else the deployment's. */
    public PricingPolicy policyFor(String workGroup)
    {
        requireNonNull(workGroup, "workGroup is null");
        return workGroupPolicies.getOrDefault(workGroup, deploymentPolicy);
    }

    /**
     * Reads the keys described on this class; other keys are ignored.
     *
     * @throws IllegalArgumentException naming the key whose value is not valid
     */
    public static BillingConfig fromProperties(Map<String, String> properties)
    {
        requireNonNull(properties, "properties is null");
        PricingPolicy deployment = policy(PREFIX, properties, PricingPolicy.defaults(), true);
        Map<String, Map<String, String>> byWorkGroup = new TreeMap<>();
        for (Map.Entry<String, String> entry : properties.entrySet()) {
            String key = entry.getKey();
            if (!key.startsWith(WORK_GROUP_PREFIX)) {
                continue;
            }
            String rest = key.substring(WORK_GROUP_PREFIX.length());
            int dot = rest.lastIndexOf('.');
            if (dot <= 0) {
                throw new IllegalArgumentException("%s: expected %s<work group>.<setting>".formatted(key, WORK_GROUP_PREFIX));
            }
            byWorkGroup.computeIfAbsent(rest.substring(0, dot), _ -> new HashMap<>()).put(PREFIX + rest.substring(dot + 1), entry.getValue());
        }
        Map<String, PricingPolicy> workGroups = new HashMap<>();
        byWorkGroup.forEach((workGroup, settings) -> workGroups.put(workGroup, policy(WORK_GROUP_PREFIX + workGroup + ".", settings, deployment, false)));
        return new BillingConfig(deployment, workGroups);
    }

    private static PricingPolicy policy(String displayPrefix, Map<String, String> properties, PricingPolicy inherited, boolean deployment)
    {
        for (String key : properties.keySet()) {
            if (!deployment && !key.equals(PREFIX + PRICE) && !key.equals(PREFIX + CURRENCY) && !key.equals(PREFIX + UNIT) && !key.equals(PREFIX + VERSION)) {
                throw new IllegalArgumentException("%s%s: unknown setting (%s, %s, %s or %s)".formatted(displayPrefix, key.substring(PREFIX.length()), PRICE, CURRENCY, UNIT, VERSION));
            }
        }
        BigDecimal price = value(properties, displayPrefix, PRICE, text -> {
            BigDecimal parsed = new BigDecimal(text);
            if (parsed.signum() < 0) {
                throw new IllegalArgumentException("negative");
            }
            return parsed;
        }).orElse(inherited.pricePerTerabyte());
        String currency = value(properties, displayPrefix, CURRENCY, text -> text.toUpperCase(Locale.ROOT)).orElse(inherited.currency());
        ByteUnit unit = value(properties, displayPrefix, UNIT, text -> ByteUnit.valueOf(text.toUpperCase(Locale.ROOT))).orElse(inherited.unit());
        Optional<String> version = value(properties, displayPrefix, VERSION, text -> text);
        try {
            return version.map(named -> new PricingPolicy(price, currency, unit, named)).orElseGet(() -> new PricingPolicy(price, currency, unit));
        }
        catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("%s*: %s".formatted(displayPrefix, e.getMessage()), e);
        }
    }

    private static <T> Optional<T> value(Map<String, String> properties, String displayPrefix, String name, java.util.function.Function<String, T> parser)
    {
        String text = properties.get(PREFIX + name);
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(parser.apply(text.trim()));
        }
        catch (RuntimeException e) {
            throw new IllegalArgumentException("%s%s: invalid value '%s'".formatted(displayPrefix, name, text.trim()), e);
        }
    }
}
