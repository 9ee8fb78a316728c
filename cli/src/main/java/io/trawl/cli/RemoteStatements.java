package io.trawl.cli;

import io.trawl.api.rest.RestShapes;
import io.trawl.billing.ByteUnit;
import io.trawl.billing.Charge;
import io.trawl.billing.PricingPolicy;
import io.trawl.cli.output.ResultText;
import io.trawl.cli.remote.TrawlApiClient;
import io.trawl.cli.remote.TrawlApiException;
import io.trawl.engine.Session;
import io.trawl.engine.parser.StatementParser;
import io.trawl.engine.parser.TrinoStatement;
import io.trino.sql.tree.Use;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Statements sent to a Trawl API through its REST API ({@code trawl query --endpoint}): each one is submitted with the
 * session's schema, polled until it finishes (the progress line rewritten at each poll), and its rows read from the
 * API as the output format prints them. The session lives here, as it does in the embedded engine: the API runs
 * {@code USE} (so a missing schema fails the same way) and the schema it names goes with the statements after it.
 * Interrupting the CLI (Ctrl-C) cancels the statement running on the server, which would otherwise run, and be
 * billed, to its end.
 */
final class RemoteStatements
        implements StatementTarget
{
    /** Short statements finish within the first polls; longer ones are not asked about more than four times a second. */
    private static final Duration FIRST_POLL_INTERVAL = Duration.ofMillis(100);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);
    private static final int FIRST_POLLS = 20;

    private final TrawlApiClient client;
    private final ProgressLine progress;

    RemoteStatements(TrawlApiClient client, ProgressLine progress)
    {
        this.client = requireNonNull(client, "client is null");
        this.progress = requireNonNull(progress, "progress is null");
    }

    @Override
    public StatementOutcome run(String sql, Session session)
    {
        RestShapes.Query finished = awaitCompletion(client.submit(sql, session.schema()));
        if (!"SUCCEEDED".equals(finished.state())) {
            // the reason is the engine's message, so the failure reads as it does in the embedded mode
            throw new TrawlApiException(Optional.ofNullable(finished.stateChangeReason()).orElse("Query %s %s".formatted(finished.id(), finished.state())));
        }
        Optional<ResultText> rows = client.results(finished);
        RestShapes.Statistics statistics = finished.statistics();
        return new StatementOutcome(sessionAfter(sql, session), rows, statistics.totalMillis(), statistics.bytesScanned(), statistics.outputRows(), charge(finished));
    }

    private RestShapes.Query awaitCompletion(RestShapes.Query submitted)
    {
        String id = submitted.id();
        Thread cancelOnExit = Thread.ofPlatform().unstarted(() -> {
            progress.clear();
            cancelQuietly(id);
        });
        Runtime.getRuntime().addShutdownHook(cancelOnExit);
        try {
            RestShapes.Query query = submitted;
            for (int poll = 0; !isTerminal(query.state()); poll++) {
                progress.show(query.state(), query.progress());
                Thread.sleep(poll < FIRST_POLLS ? FIRST_POLL_INTERVAL : POLL_INTERVAL);
                query = client.find(id);
            }
            return query;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancelQuietly(id);
            throw new TrawlApiException("Interrupted; query %s was cancelled".formatted(id), e);
        }
        finally {
            progress.clear();
            try {
                Runtime.getRuntime().removeShutdownHook(cancelOnExit);
            }
            catch (IllegalStateException _) {
                // the JVM is shutting down: the hook cancels the query
            }
        }
    }

    private void cancelQuietly(String id)
    {
        try {
            client.cancel(id);
        }
        catch (RuntimeException _) {
            // best effort: the server's query timeout ends it otherwise
        }
    }

    private static boolean isTerminal(String state)
    {
        return "SUCCEEDED".equals(state) || "FAILED".equals(state) || "CANCELLED".equals(state);
    }

    /** After a USE that succeeded, the schema it names; any other statement leaves the session as it was. */
    private static Session sessionAfter(String sql, Session session)
    {
        try {
            if (StatementParser.parse(sql) instanceof TrinoStatement(Use use)) {
                return session.withSchema(use.getSchema().getValue());
            }
        }
        catch (RuntimeException _) {
            // the server parsed it; a statement this client cannot parse is not a USE
        }
        return session;
    }

    /**
     * What the API says the statement was billed. It reports billed bytes, cost and currency but not the price or
     * its unit: billed bytes are whole megabytes of the unit, so a multiple of 2^20 is read as binary (Athena's) and
     * anything else as decimal; the price is the one the cost implies.
     */
    static Charge charge(RestShapes.Query query)
    {
        long bytesScanned = query.statistics().bytesScanned();
        RestShapes.Billing billing = query.billing();
        if (billing == null || billing.billedBytes() == 0) {
            return Charge.free(bytesScanned, PricingPolicy.defaults());
        }
        ByteUnit unit = billing.billedBytes() % ByteUnit.BINARY.bytesPerMegabyte() == 0 ? ByteUnit.BINARY : ByteUnit.DECIMAL;
        BigDecimal pricePerTerabyte = billing.cost().multiply(BigDecimal.valueOf(unit.bytesPerTerabyte()))
                .divide(BigDecimal.valueOf(billing.billedBytes()), 4, RoundingMode.HALF_UP);
        PricingPolicy policy = new PricingPolicy(pricePerTerabyte, billing.currency(), unit);
        return new Charge(bytesScanned, billing.billedBytes(), billing.cost().setScale(PricingPolicy.COST_SCALE, RoundingMode.HALF_UP), policy);
    }

    /** A cost as the embedded mode shows one ({@code $0.000048}, {@code 0.12 EUR}). */
    static String displayCost(BigDecimal cost, String currency)
    {
        return new PricingPolicy(PricingPolicy.DEFAULT_PRICE_PER_TERABYTE, currency, ByteUnit.BINARY).display(cost);
    }
}
