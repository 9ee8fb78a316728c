package io.trawl.engine.dryrun;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trawl.billing.PricingPolicy;
import io.trawl.engine.plan.TableScanNode;
import io.trawl.engine.result.ValueFormatter;
import io.trawl.engine.scan.ScanEstimate;
import io.trino.spi.predicate.Domain;
import io.trino.spi.predicate.Range;
import io.trino.spi.predicate.TupleDomain;
import io.trino.spi.type.Type;
import io.trino.spi.type.TypeUtils;

import java.util.Map;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * {@code EXPLAIN (TYPE IO)} output: the JSON shape of Trino's {@code IoPlanPrinter} (and so Athena's), extended
 * with what a dry run knows.
 * <pre>
 * {
 *   "inputTableColumnInfos" : [ {
 *     "table" : { "catalog" : "awsdatacatalog", "schemaTable" : { "schema" : "tpch", "table" : "lineitem" } },
 *     "columns" : [ "l_quantity", ... ],                                     (extension)
 *     "constraint" : { "none" : false, "columnConstraints" : [ { "columnName" : "l_shipdate", "type" : "date",
 *         "domain" : { "nullsAllowed" : false, "ranges" : [ { "low" : { "value" : "1994-01-01", "bound" : "EXACTLY" },
 *                                                             "high" : { "value" : "1995-01-01", "bound" : "BELOW" } } ] } } ] },
 *     "estimate" : { "outputRowCount" : 60175.0, "outputSizeInBytes" : "NaN", "cpuCost" : "NaN", "maxMemory" : "NaN", "networkCost" : "NaN" },
 *     "bytesScanned" : ..., "footerBytes" : ..., "metadataBytesRead" : ..., "files" : 2, "splits" : 2   (extension)
 *   } ],
 *   "estimate" : { ... all "NaN" ... },
 *   "bytesScanned" : ..., "billedBytes" : ..., "cost" : ..., "currency" : "USD", "metadataBytesRead" : ...   (extension)
 * }
 * </pre>
 * Differences from Trino: one entry per scan (Trino keeps a set, so a table scanned twice the same way appears
 * once; here it appears twice because it is read and billed twice), the constraint is the scan's pushed-down
 * domain, and the cost-based fields Trawl does not compute are NaN, as Trino prints them when it has no statistics.
 * {@code outputRowCount} is the row count of the row groups the scan reads, when the files record it.
 */
public final class IoPlanJson
{
    /** The catalog Athena names the Glue Data Catalog by. */
    private static final String CATALOG = "awsdatacatalog";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private IoPlanJson() {}

    public static String render(QueryEstimate estimate, PricingPolicy pricing)
    {
        requireNonNull(estimate, "estimate is null");
        requireNonNull(pricing, "pricing is null");
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode inputs = root.putArray("inputTableColumnInfos");
        for (TableScanEstimate scan : estimate.scans()) {
            inputs.add(tableColumnInfo(scan));
        }
        statsAndCost(root.putObject("estimate"), Double.NaN);
        root.put("bytesScanned", estimate.bytesScanned());
        root.put("billedBytes", estimate.billedBytes(pricing).bytes());
        root.put("cost", estimate.cost(pricing));
        root.put("currency", pricing.currency());
        root.put("metadataBytesRead", estimate.metadataBytesRead());
        try {
            return MAPPER.writeValueAsString(root);
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the IO plan as JSON", e);
        }
    }

    private static ObjectNode tableColumnInfo(TableScanEstimate scanEstimate)
    {
        TableScanNode scan = scanEstimate.scan();
        ScanEstimate estimate = scanEstimate.estimate();
        ObjectNode info = MAPPER.createObjectNode();
        ObjectNode table = info.putObject("table");
        table.put("catalog", CATALOG);
        ObjectNode schemaTable = table.putObject("schemaTable");
        schemaTable.put("schema", scan.table().databaseName());
        schemaTable.put("table", scan.table().name());
        ArrayNode columns = info.putArray("columns");
        scan.columnNames().forEach(columns::add);
        constraint(info.putObject("constraint"), scan.domain());
        statsAndCost(info.putObject("estimate"), estimate.rowCount().isPresent() ? estimate.rowCount().getAsLong() : Double.NaN);
        info.put("bytesScanned", estimate.bytesScanned());
        info.put("footerBytes", estimate.footerBytes());
        info.put("metadataBytesRead", estimate.metadataBytesRead());
        info.put("files", estimate.files());
        info.put("splits", estimate.splits());
        return info;
    }

    private static void statsAndCost(ObjectNode estimate, double outputRowCount)
    {
        estimate.put("outputRowCount", outputRowCount);
        estimate.put("outputSizeInBytes", Double.NaN);
        estimate.put("cpuCost", Double.NaN);
        estimate.put("maxMemory", Double.NaN);
        estimate.put("networkCost", Double.NaN);
    }

    private static void constraint(ObjectNode constraint, TupleDomain<String> domain)
    {
        constraint.put("none", domain.isNone());
        ArrayNode columnConstraints = constraint.putArray("columnConstraints");
        if (domain.isNone()) {
            return;
        }
        Map<String, Domain> domains = new TreeMap<>(domain.getDomains().orElseThrow());
        for (Map.Entry<String, Domain> entry : domains.entrySet()) {
            ObjectNode column = columnConstraints.addObject();
            column.put("columnName", entry.getKey());
            column.put("type", entry.getValue().getType().getDisplayName());
            domain(column.putObject("domain"), entry.getValue().simplify());
        }
    }

    /** As Trino formats a domain: ordered ranges, or each discrete value as a range from it to itself. */
    private static void domain(ObjectNode json, Domain domain)
    {
        json.put("nullsAllowed", domain.isNullAllowed());
        ArrayNode ranges = json.putArray("ranges");
        Type type = domain.getType();
        domain.getValues().getValuesProcessor().consume(
                orderedRanges -> orderedRanges.getOrderedRanges().forEach(range -> range(ranges.addObject(), range)),
                discreteValues -> discreteValues.getValues().forEach(value -> {
                    ObjectNode range = ranges.addObject();
                    marker(range.putObject("low"), format(type, value), "EXACTLY");
                    marker(range.putObject("high"), format(type, value), "EXACTLY");
                }),
                allOrNone -> {
                    if (allOrNone.isAll()) {
                        ObjectNode range = ranges.addObject();
                        marker(range.putObject("low"), null, "ABOVE");
                        marker(range.putObject("high"), null, "BELOW");
                    }
                });
    }

    private static void range(ObjectNode json, Range range)
    {
        if (range.isLowUnbounded()) {
            marker(json.putObject("low"), null, "ABOVE");
        }
        else {
            marker(json.putObject("low"), format(range.getType(), range.getLowBoundedValue()), range.isLowInclusive() ? "EXACTLY" : "ABOVE");
        }
        if (range.isHighUnbounded()) {
            marker(json.putObject("high"), null, "BELOW");
        }
        else {
            marker(json.putObject("high"), format(range.getType(), range.getHighBoundedValue()), range.isHighInclusive() ? "EXACTLY" : "BELOW");
        }
    }

    /** A bound; an unbounded end has no value, as Trino omits it. */
    private static void marker(ObjectNode json, String value, String bound)
    {
        if (value != null) {
            json.put("value", value);
        }
        json.put("bound", bound);
    }

    private static String format(Type type, Object nativeValue)
    {
        return ValueFormatter.format(type, TypeUtils.writeNativeValue(type, nativeValue), 0);
    }
}
