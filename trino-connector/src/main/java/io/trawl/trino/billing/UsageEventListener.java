package io.trawl.trino.billing;

import io.trawl.billing.BillingConfig;
import io.trawl.billing.Charge;
import io.trawl.billing.ChargingRules;
import io.trawl.billing.PricingPolicy;
import io.trawl.billing.QueryOutcome;
import io.trawl.billing.StatementType;
import io.trawl.billing.ledger.LedgerWrite;
import io.trawl.billing.ledger.UsageLedger;
import io.trawl.billing.ledger.UsageRecord;
import io.trawl.trino.PlanningBytes;
import io.trawl.trino.TrawlConnectorFactory;
import io.trino.spi.StandardErrorCode;
import io.trino.spi.eventlistener.EventListener;
import io.trino.spi.eventlistener.QueryCompletedEvent;
import io.trino.spi.eventlistener.QueryInputMetadata;
import io.trino.spi.resourcegroups.QueryType;

import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Closes each Trino query's bill, as Trawl's own engine closes a statement's: the bytes it read from the lake
 * (what every worker's Trawl page sources fetched, reported as the query's physical input of Trawl's catalogs,
 * plus what the coordinator fetched while planning) are charged by Trawl's {@link ChargingRules} at the work
 * group's price, and a billed query gets exactly one {@link UsageRecord}, principal the Trino user, id the Trino
 * query id.
 *
 * <p>As in Trawl: failed queries are free and not recorded; a query the user cancelled is billed for what it read;
 * EXPLAIN, DESCRIBE and DDL are free. A query that read no Trawl table (only other catalogs, or none) is not
 * Trawl's to bill and gets no record.
 */
public final class UsageEventListener
        implements EventListener
{
    private static final Pattern EXPLAIN_ANALYZE = Pattern.compile("\\s*EXPLAIN\\s+ANALYZE\\b", Pattern.CASE_INSENSITIVE);
    private static final System.Logger LOG = System.getLogger(UsageEventListener.class.getName());

    private final UsageLedger ledger;
    private final BillingConfig prices;
    private final String workGroup;
    private final Set<String> catalogs;
    private final PlanningBytes planningBytes;

    public UsageEventListener(UsageLedger ledger, BillingConfig prices, String workGroup, Set<String> catalogs, PlanningBytes planningBytes)
    {
        this.ledger = requireNonNull(ledger, "ledger is null");
        this.prices = requireNonNull(prices, "prices is null");
        this.workGroup = requireNonNull(workGroup, "workGroup is null");
        this.catalogs = Set.copyOf(requireNonNull(catalogs, "catalogs is null"));
        this.planningBytes = requireNonNull(planningBytes, "planningBytes is null");
    }

    @Override
    public void queryCompleted(QueryCompletedEvent event)
    {
        String queryId = event.getMetadata().getQueryId();
        long planning = planningBytes.take(queryId);
        Optional<UsageRecord> usage = usageRecord(event, planning);
        if (usage.isEmpty()) {
            return;
        }
        try {
            LedgerWrite write = ledger.record(usage.get());
            if (write instanceof LedgerWrite.Conflict conflict) {
                LOG.log(System.Logger.Level.ERROR, "Usage of Trino query %s not recorded: %s".formatted(queryId, conflict.message()));
            }
        }
        catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "Usage of Trino query %s could not be recorded: %s".formatted(queryId, e.getMessage()), e);
        }
    }

    /** The record a completed query leaves in the ledger, if it is billed. */
    Optional<UsageRecord> usageRecord(QueryCompletedEvent event, long planning)
    {
        boolean readTrawl = false;
        long bytes = planning;
        for (QueryInputMetadata input : event.getIoMetadata().getInputs()) {
            if (isTrawl(input)) {
                readTrawl = true;
                bytes += input.getPhysicalInputBytes().orElse(0);
            }
        }
        if (!readTrawl && planning == 0) {
            return Optional.empty();
        }
        QueryOutcome outcome = outcome(event);
        StatementType type = statementType(event);
        PricingPolicy policy = prices.policyFor(workGroup);
        Charge charge = ChargingRules.charge(type, outcome, bytes, policy);
        if (!charge.billable()) {
            return Optional.empty();
        }
        return Optional.of(UsageRecord.of(event.getMetadata().getQueryId(), workGroup, event.getContext().getUser(), type, outcome, charge,
                event.getCreateTime(), event.getEndTime()));
    }

    private boolean isTrawl(QueryInputMetadata input)
    {
        return input.getConnectorName().map(TrawlConnectorFactory.NAME::equals).orElse(false) || catalogs.contains(input.getCatalogName());
    }

    private static QueryOutcome outcome(QueryCompletedEvent event)
    {
        return event.getFailureInfo()
                .map(failure -> failure.getErrorCode().getCode() == StandardErrorCode.USER_CANCELED.toErrorCode().getCode() ? QueryOutcome.CANCELLED : QueryOutcome.FAILED)
                .orElse(QueryOutcome.SUCCEEDED);
    }

    /**
     * Trino's query type as Trawl's billing knows it. EXPLAIN ANALYZE runs the query, so it is billed; Trino types it
     * by the statement it explains, so it is told by its text.
     */
    private static StatementType statementType(QueryCompletedEvent event)
    {
        if (EXPLAIN_ANALYZE.matcher(event.getMetadata().getQuery()).lookingAt()) {
            return StatementType.EXPLAIN_ANALYZE;
        }
        Optional<QueryType> queryType = event.getContext().getQueryType();
        if (queryType.isEmpty()) {
            return StatementType.UTILITY;
        }
        return switch (queryType.get()) {
            case SELECT -> StatementType.QUERY;
            case INSERT, UPDATE, DELETE, MERGE, ALTER_TABLE_EXECUTE -> StatementType.DML;
            case EXPLAIN -> StatementType.EXPLAIN;
            case DATA_DEFINITION -> StatementType.DDL;
            case DESCRIBE, ANALYZE -> StatementType.UTILITY;
        };
    }
}
