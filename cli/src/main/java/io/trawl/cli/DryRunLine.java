package io.trawl.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trawl.billing.PricingPolicy;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;

import java.math.BigDecimal;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * What {@code trawl query --dry-run} prints for one query, read from the query's {@code EXPLAIN (TYPE IO)} plan,
 * so it works with any Trawl that answers that statement:
 * {@code Estimated: 52.98 MB scanned (billed 53 MB), cost $0.00025; metadata read: 0.21 MB (not billed)}.
 * Megabytes are the pricing unit's (binary by default, as Athena bills).
 */
record DryRunLine(long bytesScanned, long billedBytes, BigDecimal cost, long metadataBytesRead)
{
    private static final ObjectMapper JSON = new ObjectMapper();

    DryRunLine
    {
        requireNonNull(cost, "cost is null");
    }

    static DryRunLine fromIoPlan(String ioPlan)
    {
        try {
            JsonNode plan = JSON.readTree(ioPlan);
            return new DryRunLine(
                    required(plan, "bytesScanned").asLong(),
                    required(plan, "billedBytes").asLong(),
                    required(plan, "cost").decimalValue(),
                    required(plan, "metadataBytesRead").asLong());
        }
        catch (JsonProcessingException e) {
            throw new TrawlException(ErrorCode.INTERNAL_ERROR, "EXPLAIN (TYPE IO) did not answer JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static JsonNode required(JsonNode plan, String field)
    {
        JsonNode value = plan.get(field);
        if (value == null || !value.isNumber()) {
            throw new TrawlException(ErrorCode.INTERNAL_ERROR, "EXPLAIN (TYPE IO) did not report '%s'".formatted(field));
        }
        return value;
    }

    String describe(PricingPolicy pricing)
    {
        double megabyte = pricing.unit().bytesPerMegabyte();
        return String.format(Locale.ROOT, "Estimated: %.2f MB scanned (billed %d MB), cost %s; metadata read: %.2f MB (not billed)",
                bytesScanned / megabyte, billedBytes / pricing.unit().bytesPerMegabyte(), pricing.display(cost), metadataBytesRead / megabyte);
    }
}
