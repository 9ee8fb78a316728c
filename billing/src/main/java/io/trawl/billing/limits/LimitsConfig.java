package io.trawl.billing.limits;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * The limits of a deployment's work groups. As properties ({@link #fromProperties}), every key optional:
 * <pre>
 *   limits.bytes-scanned-cutoff-per-query                       bytes; every work group without its own
 *   limits.workgroup.&lt;wg&gt;.bytes-scanned-cutoff-per-query       bytes
 *   limits.workgroup.&lt;wg&gt;.alert.&lt;name&gt;.threshold-bytes        bytes scanned per window (required for an alert)
 *   limits.workgroup.&lt;wg&gt;.alert.&lt;name&gt;.period                 hour | day (UTC calendar windows; default day)
 *   limits.workgroup.&lt;wg&gt;.alert.&lt;name&gt;.disable-workgroup      true | false (default false)
 *   limits.workgroup.&lt;wg&gt;.alert.&lt;name&gt;.webhook                URL that gets a JSON POST when the alert fires
 * </pre>
 */
public record LimitsConfig(OptionalLong defaultCutoff, Map<String, WorkGroupLimits> workGroups)
{
    public static final String PREFIX = "limits.";
    private static final String CUTOFF = "bytes-scanned-cutoff-per-query";
    private static final String WORK_GROUP_PREFIX = PREFIX + "workgroup.";

    public LimitsConfig
    {
        requireNonNull(defaultCutoff, "defaultCutoff is null");
        workGroups = Map.copyOf(requireNonNull(workGroups, "workGroups is null"));
    }

    public static LimitsConfig none()
    {
        return new LimitsConfig(OptionalLong.empty(), Map.of());
    }

    /** A work group's limits: its own cutoff, else the deployment's; its own alerts. */
    public WorkGroupLimits limitsFor(String workGroup)
    {
        WorkGroupLimits own = workGroups.get(requireNonNull(workGroup, "workGroup is null"));
        if (own == null) {
            return new WorkGroupLimits(defaultCutoff, List.of());
        }
        return own.bytesScannedCutoffPerQuery().isPresent() ? own : new WorkGroupLimits(defaultCutoff, own.alerts());
    }

    /**
     * Reads the keys described on this class; keys outside {@code limits.} are ignored.
     *
     * @throws IllegalArgumentException naming the key whose value is not valid, or an unknown {@code limits.} key
     */
    public static LimitsConfig fromProperties(Map<String, String> properties)
    {
        OptionalLong defaultCutoff = OptionalLong.empty();
        Map<String, OptionalLong> cutoffs = new TreeMap<>();
        Map<String, Map<String, Map<String, String>>> alertSettings = new TreeMap<>();
        for (Map.Entry<String, String> entry : new TreeMap<>(properties).entrySet()) {
            String key = entry.getKey();
            String value = entry.getValue().trim();
            if (!key.startsWith(PREFIX)) {
                continue;
            }
            if (key.equals(PREFIX + CUTOFF)) {
                defaultCutoff = OptionalLong.of(positive(key, value));
                continue;
            }
            String[] parts = key.startsWith(WORK_GROUP_PREFIX) ? key.substring(WORK_GROUP_PREFIX.length()).split("\\.") : new String[0];
            if (parts.length == 2 && parts[1].equals(CUTOFF)) {
                cutoffs.put(parts[0], OptionalLong.of(positive(key, value)));
            }
            else if (parts.length == 4 && parts[1].equals("alert")) {
                alertSettings.computeIfAbsent(parts[0], _ -> new TreeMap<>()).computeIfAbsent(parts[2], _ -> new HashMap<>()).put(parts[3], value);
            }
            else {
                throw new IllegalArgumentException("%s: unknown setting (%s, %s<work group>.%s or %s<work group>.alert.<name>.<setting>)".formatted(key, PREFIX + CUTOFF, WORK_GROUP_PREFIX, CUTOFF, WORK_GROUP_PREFIX));
            }
        }
        Map<String, WorkGroupLimits> workGroups = new HashMap<>();
        for (String workGroup : union(cutoffs.keySet(), alertSettings.keySet())) {
            List<UsageAlert> alerts = new ArrayList<>();
            alertSettings.getOrDefault(workGroup, Map.of()).forEach((name, settings) -> alerts.add(alert(WORK_GROUP_PREFIX + workGroup + ".alert." + name + ".", name, settings)));
            workGroups.put(workGroup, new WorkGroupLimits(cutoffs.getOrDefault(workGroup, OptionalLong.empty()), alerts));
        }
        return new LimitsConfig(defaultCutoff, workGroups);
    }

    private static UsageAlert alert(String prefix, String name, Map<String, String> settings)
    {
        for (String setting : settings.keySet()) {
            if (!List.of("threshold-bytes", "period", "disable-workgroup", "webhook").contains(setting)) {
                throw new IllegalArgumentException("%s%s: unknown setting (threshold-bytes, period, disable-workgroup or webhook)".formatted(prefix, setting));
            }
        }
        String threshold = settings.get("threshold-bytes");
        if (threshold == null) {
            throw new IllegalArgumentException(prefix + "threshold-bytes is required");
        }
        AlertPeriod period;
        try {
            period = AlertPeriod.valueOf(settings.getOrDefault("period", "day").toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("%speriod: invalid value '%s' (hour or day)".formatted(prefix, settings.get("period")), e);
        }
        String disable = settings.getOrDefault("disable-workgroup", "false").toLowerCase(Locale.ROOT);
        if (!disable.equals("true") && !disable.equals("false")) {
            throw new IllegalArgumentException("%sdisable-workgroup: invalid value '%s' (true or false)".formatted(prefix, disable));
        }
        Optional<URI> webhook = Optional.ofNullable(settings.get("webhook")).map(text -> {
            try {
                URI uri = URI.create(text);
                if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                    throw new IllegalArgumentException("not http(s)");
                }
                return uri;
            }
            catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("%swebhook: invalid URL '%s'".formatted(prefix, text), e);
            }
        });
        return new UsageAlert(name, period, positive(prefix + "threshold-bytes", threshold), disable.equals("true"), webhook);
    }

    private static long positive(String key, String value)
    {
        try {
            long number = Long.parseLong(value);
            if (number > 0) {
                return number;
            }
        }
        catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("%s: invalid value '%s' (a positive number of bytes)".formatted(key, value));
    }

    private static List<String> union(java.util.Set<String> first, java.util.Set<String> second)
    {
        java.util.TreeSet<String> all = new java.util.TreeSet<>(first);
        all.addAll(second);
        return List.copyOf(all);
    }
}
