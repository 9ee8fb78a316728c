package io.trawl.billing.ledger;

import io.trawl.billing.Charge;
import io.trawl.billing.PricingPolicy;
import io.trawl.billing.QueryOutcome;
import io.trawl.billing.StatementType;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * One billed statement, as the usage ledger keeps it: immutable, one per query id.
 *
 * <p>Times keep milliseconds (what the Avro file stores, {@code timestamp-millis}), so a record read back equals
 * the record written. The cost keeps {@link PricingPolicy#COST_SCALE} decimals exactly. The record's day
 * ({@link #usageDate}) is the UTC date the query started: fixed when the query is submitted, so a retried
 * or repeated write of the same query always lands on the same ledger key, even one made days later.
 */
public record UsageRecord(
        String queryId,
        String workGroup,
        String principal,
        StatementType statementType,
        QueryOutcome outcome,
        long bytesScanned,
        long billedBytes,
        BigDecimal cost,
        String currency,
        String priceVersion,
        Instant startTime,
        Instant endTime)
{
    /** Query ids become file names: no separators, nothing Hive would treat as a hidden file ({@code _x}, {@code .x}). */
    private static final Pattern QUERY_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,127}");
    private static final int MAX_PRECISION = 38;

    public UsageRecord
    {
        requireNonNull(queryId, "queryId is null");
        requireNonNull(workGroup, "workGroup is null");
        requireNonNull(principal, "principal is null");
        requireNonNull(statementType, "statementType is null");
        requireNonNull(outcome, "outcome is null");
        requireNonNull(cost, "cost is null");
        requireNonNull(currency, "currency is null");
        requireNonNull(priceVersion, "priceVersion is null");
        requireNonNull(startTime, "startTime is null");
        requireNonNull(endTime, "endTime is null");
        if (!QUERY_ID.matcher(queryId).matches()) {
            throw new IllegalArgumentException("query id must be 1-128 letters, digits, '-' or '_', starting with a letter or digit: " + queryId);
        }
        if (bytesScanned < 0 || billedBytes < 0) {
            throw new IllegalArgumentException("negative bytes: scanned %s, billed %s".formatted(bytesScanned, billedBytes));
        }
        try {
            cost = cost.setScale(PricingPolicy.COST_SCALE, RoundingMode.UNNECESSARY);
        }
        catch (ArithmeticException e) {
            throw new IllegalArgumentException("cost has more than %s decimals: %s".formatted(PricingPolicy.COST_SCALE, cost), e);
        }
        if (cost.signum() < 0 || cost.precision() > MAX_PRECISION) {
            throw new IllegalArgumentException("cost must be non-negative and fit decimal(%s,%s): %s".formatted(MAX_PRECISION, PricingPolicy.COST_SCALE, cost));
        }
        startTime = startTime.truncatedTo(ChronoUnit.MILLIS);
        endTime = endTime.truncatedTo(ChronoUnit.MILLIS);
        if (endTime.isBefore(startTime)) {
            throw new IllegalArgumentException("query %s ends (%s) before it starts (%s)".formatted(queryId, endTime, startTime));
        }
    }

    /** The record of a statement that ran from {@code startTime} to {@code endTime} and was charged {@code charge}. */
    public static UsageRecord of(String queryId, String workGroup, String principal, StatementType statementType, QueryOutcome outcome, Charge charge, Instant startTime, Instant endTime)
    {
        requireNonNull(charge, "charge is null");
        return new UsageRecord(queryId, workGroup, principal, statementType, outcome, charge.bytesScanned(), charge.billedBytes(), charge.cost(),
                charge.policy().currency(), charge.policy().version(), startTime, endTime);
    }

    /** The UTC day the query started: the ledger folder {@code yyyy/mm/dd/} the record is in. */
    public LocalDate usageDate()
    {
        return LocalDate.ofInstant(startTime, ZoneOffset.UTC);
    }
}
