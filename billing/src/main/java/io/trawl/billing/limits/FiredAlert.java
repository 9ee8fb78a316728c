package io.trawl.billing.limits;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/** An alert that fired: the work group's data scanned in the window reached the alert's threshold. */
public record FiredAlert(String workGroup, UsageAlert alert, Instant windowStart, long bytesScanned, Instant firedAt)
{
    public FiredAlert
    {
        requireNonNull(workGroup, "workGroup is null");
        requireNonNull(alert, "alert is null");
        requireNonNull(windowStart, "windowStart is null");
        requireNonNull(firedAt, "firedAt is null");
    }

    /** One line for logs and the disabled work group's refusal. */
    public String message()
    {
        return "Work group %s scanned %d bytes in the %s from %s, reaching alert '%s' (threshold %d bytes)%s".formatted(
                workGroup, bytesScanned, alert.period().name().toLowerCase(java.util.Locale.ROOT), windowStart, alert.name(), alert.thresholdBytes(),
                alert.disableWorkGroup() ? "; the work group is disabled" : "");
    }

    /** The webhook's body. */
    public String toJson()
    {
        return "{\"workGroup\":%s,\"alert\":%s,\"period\":\"%s\",\"windowStart\":\"%s\",\"bytesScanned\":%d,\"thresholdBytes\":%d,\"workGroupDisabled\":%s,\"firedAt\":\"%s\",\"message\":%s}".formatted(
                quote(workGroup), quote(alert.name()), alert.period(), windowStart, bytesScanned, alert.thresholdBytes(), alert.disableWorkGroup(), firedAt, quote(message()));
    }

    private static String quote(String text)
    {
        StringBuilder json = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        json.append("\\u%04x".formatted((int) c));
                    }
                    else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"').toString();
    }
}
