package io.trawl.billing.limits;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * Tells people an alert fired: a log line ({@code ALERT ...}) always, and a JSON POST to the alert's webhook when it
 * has one (Slack, PagerDuty, an SNS HTTPS subscription...). A webhook that fails is logged, never fatal: the query
 * that crossed the threshold already ran and was billed.
 */
public final class AlertNotifier
{
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final Consumer<String> log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    public AlertNotifier(Consumer<String> log)
    {
        this.log = requireNonNull(log, "log is null");
    }

    public void notify(FiredAlert fired)
    {
        log.accept("ALERT " + fired.message());
        fired.alert().webhook().ifPresent(webhook -> {
            HttpRequest request = HttpRequest.newBuilder(webhook)
                    .timeout(TIMEOUT)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(fired.toJson()))
                    .build();
            try {
                HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() / 100 != 2) {
                    log.accept("ALERT webhook %s answered HTTP %d for alert '%s'".formatted(webhook, response.statusCode(), fired.alert().name()));
                }
            }
            catch (java.io.IOException e) {
                log.accept("ALERT webhook %s failed for alert '%s': %s".formatted(webhook, fired.alert().name(), e.getMessage()));
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
