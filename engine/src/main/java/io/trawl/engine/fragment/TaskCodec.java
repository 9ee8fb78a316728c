package io.trawl.engine.fragment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import io.airlift.slice.Slice;
import io.airlift.slice.Slices;
import io.trawl.catalog.Table;
import io.trawl.engine.expression.Call;
import io.trawl.engine.expression.Constant;
import io.trawl.engine.expression.Function;
import io.trawl.engine.expression.RowExpression;
import io.trawl.engine.expression.Variable;
import io.trawl.engine.operator.aggregate.AggregateFunction;
import io.trawl.engine.plan.Aggregate;
import io.trawl.engine.plan.AggregationNode;
import io.trawl.engine.plan.Assignment;
import io.trawl.engine.plan.FilterNode;
import io.trawl.engine.plan.LimitNode;
import io.trawl.engine.plan.Ordering;
import io.trawl.engine.plan.PlanNode;
import io.trawl.engine.plan.ProjectNode;
import io.trawl.engine.plan.Symbol;
import io.trawl.engine.plan.TableScanNode;
import io.trawl.engine.plan.TopNNode;
import io.trawl.engine.scan.ScanSplit;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trino.spi.connector.SortOrder;
import io.trino.spi.predicate.DiscreteValues;
import io.trino.spi.predicate.Domain;
import io.trino.spi.predicate.Range;
import io.trino.spi.predicate.TupleDomain;
import io.trino.spi.predicate.ValueSet;
import io.trino.spi.type.Int128;
import io.trino.spi.type.Type;
import io.trino.spi.type.VarbinaryType;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The scan-task protocol's JSON: the task a coordinator sends and the envelope a worker answers with.
 * Version {@value #VERSION}; a worker refuses a task of another version with a clear error. Shapes:
 *
 * <pre>
 * task     := {"version":1, "queryId", "taskId", "attempt", "fragment":node, "splits":[split], "fileMetadata":{path: base64},
 *              "limits":{"memoryLimitBytes", "inlineResultBytes", "spillLocation"?}}
 * node     := {"node":"scan", "table":Glue-shaped table, "outputs":[symbol], "columns":[name], "domain":domain}
 *           | {"node":"filter", "source", "predicate":expr} | {"node":"project", "source", "assignments":[{"symbol","expression"}]}
 *           | {"node":"aggregation", "source", "step", "groupingKeys":[symbol], "aggregates":[{"output","function","argument"?,"distinct","mask"?}]}
 *           | {"node":"topN", "source", "count", "orderings":[{"symbol","order"}]} | {"node":"limit", "source", "offset", "count"}
 * symbol   := {"name", "type": TypeCodec signature}
 * expr     := {"variable":symbol} | {"constant":value, "type"} | {"call":Function name, "type", "arguments":[expr]}
 * value    := null | number (integers, dates, short decimals, timestamps) | number or "NaN"/"Infinity"/"-Infinity" (double)
 *           | boolean | string (varchar, char, long decimal as its unscaled integer) | {"base64"} (varbinary)
 * domain   := {"none":true} | {"columns":{name:{"type", "nullAllowed", "values":{"all":true}|{"none":true}|{"ranges":[{"low"?,"lowInclusive","high"?,"highInclusive"}]}|{"discrete":[value],"inclusive"}}}}
 * result   := {"version":1, "taskId", "attempt", "metrics":{...TaskMetrics}, "pages":base64 of a PageCodec stream | "spill":location}
 *           | {"version":1, "taskId", "attempt", "error":{"code":ErrorCode, "message"}}
 * </pre>
 */
public final class TaskCodec
{
    public static final int VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new Jdk8Module())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private TaskCodec() {}

    /** Thrown when a fragment holds something the protocol cannot carry; the scan then runs in process. */
    public static final class NotShippableException
            extends RuntimeException
    {
        NotShippableException(String message)
        {
            super(message);
        }
    }

    // ---- task ----

    public static byte[] encodeTask(ScanTask task)
    {
        ObjectNode json = JSON.objectNode();
        json.put("version", VERSION);
        json.put("queryId", task.queryId());
        json.put("taskId", task.taskId());
        json.put("attempt", task.attempt());
        json.set("fragment", node(task.fragment()));
        ArrayNode splits = json.putArray("splits");
        for (ScanSplit split : task.splits()) {
            ObjectNode splitJson = splits.addObject();
            splitJson.put("path", split.path());
            splitJson.put("start", split.start());
            splitJson.put("length", split.length());
            splitJson.put("fileSize", split.fileSize());
            splitJson.put("lastModified", split.lastModified());
            ObjectNode partitions = splitJson.putObject("partitionValues");
            new java.util.TreeMap<>(split.partitionValues()).forEach(partitions::put);
        }
        ObjectNode metadata = json.putObject("fileMetadata");
        new java.util.TreeMap<>(task.fileMetadata()).forEach((path, bytes) -> metadata.put(path, Base64.getEncoder().encodeToString(bytes)));
        ObjectNode limits = json.putObject("limits");
        limits.put("memoryLimitBytes", task.limits().memoryLimitBytes());
        limits.put("inlineResultBytes", task.limits().inlineResultBytes());
        task.limits().spillLocation().ifPresent(location -> limits.put("spillLocation", location));
        return write(json);
    }

    /**
     * @throws TrawlException INTERNAL_ERROR when the bytes are not a task of this protocol version
     */
    public static ScanTask decodeTask(byte[] bytes)
    {
        JsonNode json = read(bytes, "scan task");
        try {
            checkVersion(json, "scan task");
            List<ScanSplit> splits = new ArrayList<>();
            for (JsonNode split : json.path("splits")) {
                Map<String, String> partitions = new HashMap<>();
                split.path("partitionValues").properties().forEach(entry -> partitions.put(entry.getKey(), entry.getValue().asText()));
                splits.add(new ScanSplit(split.get("path").asText(), split.get("start").asLong(), split.get("length").asLong(), split.get("fileSize").asLong(),
                        split.get("lastModified").asLong(), partitions));
            }
            Map<String, byte[]> metadata = new HashMap<>();
            json.path("fileMetadata").properties().forEach(entry -> metadata.put(entry.getKey(), Base64.getDecoder().decode(entry.getValue().asText())));
            JsonNode limits = json.get("limits");
            TaskLimits taskLimits = new TaskLimits(limits.get("memoryLimitBytes").asLong(), limits.get("inlineResultBytes").asLong(),
                    Optional.ofNullable(limits.get("spillLocation")).map(JsonNode::asText));
            return new ScanTask(json.get("queryId").asText(), json.get("taskId").asInt(), json.get("attempt").asInt(), node(json.get("fragment")), splits, metadata, taskLimits);
        }
        catch (TrawlException e) {
            throw e;
        }
        catch (RuntimeException e) {
            throw new TrawlException(ErrorCode.INTERNAL_ERROR, "Malformed scan task: " + e.getMessage(), e);
        }
    }

    /** Whether the fragment can be sent to a worker: every type, constant and domain in it has a wire form. */
    public static boolean isShippable(PlanNode fragment)
    {
        try {
            node(node(fragment));
            return true;
        }
        catch (NotShippableException | IllegalArgumentException e) {
            return false;
        }
    }

    // ---- result ----

    /** What a worker answers: the result inline ({@code pages} is a {@link PageCodec} stream) or by reference. */
    public sealed interface Envelope
            permits Inline, Spilled, Failed
    {
        int taskId();

        int attempt();
    }

    public record Inline(int taskId, int attempt, TaskMetrics metrics, byte[] pages)
            implements Envelope {}

    public record Spilled(int taskId, int attempt, TaskMetrics metrics, String location)
            implements Envelope {}

    /** The task failed for a reason retrying cannot fix (bad data, a cast error): the query fails with it. */
    public record Failed(int taskId, int attempt, ErrorCode errorCode, String message)
            implements Envelope {}

    public static byte[] encodeEnvelope(Envelope envelope)
    {
        ObjectNode json = JSON.objectNode();
        json.put("version", VERSION);
        json.put("taskId", envelope.taskId());
        json.put("attempt", envelope.attempt());
        switch (envelope) {
            case Inline inline -> {
                json.set("metrics", MAPPER.valueToTree(inline.metrics()));
                json.put("pages", Base64.getEncoder().encodeToString(inline.pages()));
            }
            case Spilled spilled -> {
                json.set("metrics", MAPPER.valueToTree(spilled.metrics()));
                json.put("spill", spilled.location());
            }
            case Failed failed -> {
                ObjectNode error = json.putObject("error");
                error.put("code", failed.errorCode().name());
                error.put("message", failed.message());
            }
        }
        return write(json);
    }

    /**
     * @throws TrawlException INTERNAL_ERROR naming {@code source} when the bytes are not a result envelope
     */
    public static Envelope decodeEnvelope(byte[] bytes, String source)
    {
        JsonNode json = read(bytes, "result of " + source);
        try {
            checkVersion(json, "result of " + source);
            int taskId = json.get("taskId").asInt();
            int attempt = json.get("attempt").asInt();
            if (json.has("error")) {
                JsonNode error = json.get("error");
                return new Failed(taskId, attempt, ErrorCode.valueOf(error.get("code").asText()), error.get("message").asText());
            }
            TaskMetrics metrics = MAPPER.treeToValue(json.get("metrics"), TaskMetrics.class);
            if (json.has("spill")) {
                return new Spilled(taskId, attempt, metrics, json.get("spill").asText());
            }
            return new Inline(taskId, attempt, metrics, Base64.getDecoder().decode(json.get("pages").asText()));
        }
        catch (TrawlException e) {
            throw e;
        }
        catch (JsonProcessingException | RuntimeException e) {
            throw new TrawlException(ErrorCode.INTERNAL_ERROR, "Malformed result of " + source + ": " + e.getMessage(), e);
        }
    }

    // ---- plan nodes ----

    private static ObjectNode node(PlanNode node)
    {
        ObjectNode json = JSON.objectNode();
        switch (node) {
            case TableScanNode scan -> {
                json.put("node", "scan");
                json.set("table", MAPPER.valueToTree(scan.table()));
                json.set("outputs", symbols(scan.outputs()));
                ArrayNode columns = json.putArray("columns");
                scan.columnNames().forEach(columns::add);
                json.set("domain", domain(scan.domain()));
            }
            case FilterNode filter -> {
                json.put("node", "filter");
                json.set("source", node(filter.source()));
                json.set("predicate", expression(filter.predicate()));
            }
            case ProjectNode project -> {
                json.put("node", "project");
                json.set("source", node(project.source()));
                ArrayNode assignments = json.putArray("assignments");
                for (Assignment assignment : project.assignments()) {
                    ObjectNode entry = assignments.addObject();
                    entry.set("symbol", symbol(assignment.symbol()));
                    entry.set("expression", expression(assignment.expression()));
                }
            }
            case AggregationNode aggregation -> {
                json.put("node", "aggregation");
                json.set("source", node(aggregation.source()));
                json.put("step", aggregation.step().name());
                json.set("groupingKeys", symbols(aggregation.groupingKeys()));
                ArrayNode aggregates = json.putArray("aggregates");
                for (Aggregate aggregate : aggregation.aggregates()) {
                    ObjectNode entry = aggregates.addObject();
                    entry.set("output", symbol(aggregate.output()));
                    entry.put("function", aggregate.function().name());
                    aggregate.argument().ifPresent(argument -> entry.set("argument", symbol(argument)));
                    entry.put("distinct", aggregate.distinct());
                    aggregate.mask().ifPresent(mask -> entry.set("mask", symbol(mask)));
                }
            }
            case TopNNode topN -> {
                json.put("node", "topN");
                json.set("source", node(topN.source()));
                json.put("count", topN.count());
                ArrayNode orderings = json.putArray("orderings");
                for (Ordering ordering : topN.orderings()) {
                    ObjectNode entry = orderings.addObject();
                    entry.set("symbol", symbol(ordering.symbol()));
                    entry.put("order", ordering.order().name());
                }
            }
            case LimitNode limit -> {
                json.put("node", "limit");
                json.set("source", node(limit.source()));
                json.put("offset", limit.offset());
                json.put("count", limit.count());
            }
            default -> throw new NotShippableException("plan node " + node.getClass().getSimpleName() + " does not run in scan workers");
        }
        return json;
    }

    private static PlanNode node(JsonNode json)
    {
        String kind = json.get("node").asText();
        return switch (kind) {
            case "scan" -> {
                Table table;
                try {
                    table = MAPPER.treeToValue(json.get("table"), Table.class);
                }
                catch (JsonProcessingException e) {
                    throw new IllegalArgumentException("bad table: " + e.getOriginalMessage(), e);
                }
                List<String> columns = new ArrayList<>();
                json.get("columns").forEach(column -> columns.add(column.asText()));
                yield new TableScanNode(table, symbols(json.get("outputs")), columns, domain(json.get("domain")));
            }
            case "filter" -> new FilterNode(node(json.get("source")), expression(json.get("predicate")));
            case "project" -> {
                List<Assignment> assignments = new ArrayList<>();
                for (JsonNode entry : json.get("assignments")) {
                    assignments.add(new Assignment(symbol(entry.get("symbol")), expression(entry.get("expression"))));
                }
                yield new ProjectNode(node(json.get("source")), assignments);
            }
            case "aggregation" -> {
                List<Aggregate> aggregates = new ArrayList<>();
                for (JsonNode entry : json.get("aggregates")) {
                    aggregates.add(new Aggregate(symbol(entry.get("output")), AggregateFunction.valueOf(entry.get("function").asText()),
                            Optional.ofNullable(entry.get("argument")).map(TaskCodec::symbol), entry.get("distinct").asBoolean(),
                            Optional.ofNullable(entry.get("mask")).map(TaskCodec::symbol)));
                }
                yield new AggregationNode(node(json.get("source")), symbols(json.get("groupingKeys")), aggregates, AggregationNode.Step.valueOf(json.get("step").asText()));
            }
            case "topN" -> {
                List<Ordering> orderings = new ArrayList<>();
                for (JsonNode entry : json.get("orderings")) {
                    orderings.add(new Ordering(symbol(entry.get("symbol")), SortOrder.valueOf(entry.get("order").asText())));
                }
                yield new TopNNode(node(json.get("source")), json.get("count").asLong(), orderings);
            }
            case "limit" -> new LimitNode(node(json.get("source")), json.get("offset").asLong(), json.get("count").asLong());
            default -> throw new IllegalArgumentException("unknown plan node '" + kind + "'");
        };
    }

    private static ArrayNode symbols(List<Symbol> symbols)
    {
        ArrayNode array = JSON.arrayNode();
        symbols.forEach(symbol -> array.add(symbol(symbol)));
        return array;
    }

    private static List<Symbol> symbols(JsonNode json)
    {
        List<Symbol> symbols = new ArrayList<>();
        json.forEach(symbol -> symbols.add(symbol(symbol)));
        return symbols;
    }

    private static ObjectNode symbol(Symbol symbol)
    {
        ObjectNode json = JSON.objectNode();
        json.put("name", symbol.name());
        json.put("type", typeSignature(symbol.type()));
        return json;
    }

    private static Symbol symbol(JsonNode json)
    {
        return new Symbol(json.get("name").asText(), TypeCodec.parse(json.get("type").asText()));
    }

    private static String typeSignature(Type type)
    {
        try {
            return TypeCodec.signature(type);
        }
        catch (IllegalArgumentException e) {
            throw new NotShippableException(e.getMessage());
        }
    }

    // ---- expressions ----

    private static ObjectNode expression(RowExpression expression)
    {
        ObjectNode json = JSON.objectNode();
        switch (expression) {
            case Variable variable -> json.set("variable", symbol(variable.symbol()));
            case Constant constant -> {
                json.set("constant", value(constant.value(), constant.type()));
                json.put("type", typeSignature(constant.type()));
            }
            case Call call -> {
                if (!call.function().isDeterministic()) {
                    // random() must not run once per worker with different seeds in a way the user could notice; keep it simple
                    throw new NotShippableException("non-deterministic function " + call.function());
                }
                json.put("call", call.function().name());
                json.put("type", typeSignature(call.type()));
                ArrayNode arguments = json.putArray("arguments");
                call.arguments().forEach(argument -> arguments.add(expression(argument)));
            }
        }
        return json;
    }

    private static RowExpression expression(JsonNode json)
    {
        if (json.has("variable")) {
            return new Variable(symbol(json.get("variable")));
        }
        Type type = TypeCodec.parse(json.get("type").asText());
        if (json.has("call")) {
            List<RowExpression> arguments = new ArrayList<>();
            json.get("arguments").forEach(argument -> arguments.add(expression(argument)));
            return new Call(Function.valueOf(json.get("call").asText()), arguments, type);
        }
        return new Constant(value(json.get("constant"), type), type);
    }

    // ---- values ----

    private static JsonNode value(Object value, Type type)
    {
        if (value == null) {
            return JSON.nullNode();
        }
        return switch (value) {
            case Long number -> JSON.numberNode(number);
            case Boolean bool -> JSON.booleanNode(bool);
            case Double number -> Double.isFinite(number) ? JSON.numberNode(number) : JSON.textNode(number.toString());
            case Int128 decimal -> JSON.textNode(decimal.toBigInteger().toString());
            case Slice slice when type instanceof VarbinaryType -> JSON.objectNode().put("base64", Base64.getEncoder().encodeToString(slice.getBytes()));
            case Slice slice -> JSON.textNode(slice.toStringUtf8());
            default -> throw new NotShippableException("a constant of type " + type.getDisplayName() + " (" + value.getClass().getSimpleName() + ")");
        };
    }

    private static Object value(JsonNode json, Type type)
    {
        if (json == null || json.isNull()) {
            return null;
        }
        Class<?> javaType = type.getJavaType();
        if (javaType == long.class) {
            return json.asLong();
        }
        if (javaType == double.class) {
            return json.isTextual() ? Double.parseDouble(json.asText()) : json.asDouble();
        }
        if (javaType == boolean.class) {
            return json.asBoolean();
        }
        if (javaType == Int128.class) {
            return Int128.valueOf(new BigInteger(json.asText()));
        }
        if (javaType == Slice.class) {
            return json.isObject() ? Slices.wrappedBuffer(Base64.getDecoder().decode(json.get("base64").asText())) : Slices.utf8Slice(json.asText());
        }
        throw new IllegalArgumentException("no wire form for values of type " + type.getDisplayName());
    }

    // ---- domains ----

    private static ObjectNode domain(TupleDomain<String> domain)
    {
        ObjectNode json = JSON.objectNode();
        if (domain.isNone()) {
            json.put("none", true);
            return json;
        }
        ObjectNode columns = json.putObject("columns");
        for (Map.Entry<String, Domain> entry : new java.util.TreeMap<>(domain.getDomains().orElseThrow()).entrySet()) {
            Domain column = entry.getValue();
            ObjectNode columnJson = columns.putObject(entry.getKey());
            columnJson.put("type", typeSignature(column.getType()));
            columnJson.put("nullAllowed", column.isNullAllowed());
            ObjectNode values = columnJson.putObject("values");
            ValueSet set = column.getValues();
            if (set.isAll()) {
                values.put("all", true);
            }
            else if (set.isNone()) {
                values.put("none", true);
            }
            else if (!column.getType().isOrderable()) {
                DiscreteValues discrete = set.getDiscreteValues();
                values.put("inclusive", discrete.isInclusive());
                ArrayNode array = values.putArray("discrete");
                discrete.getValues().forEach(value -> array.add(value(value, column.getType())));
            }
            else {
                ArrayNode ranges = values.putArray("ranges");
                for (Range range : set.getRanges().getOrderedRanges()) {
                    ObjectNode rangeJson = ranges.addObject();
                    range.getLowValue().ifPresent(low -> rangeJson.set("low", value(low, column.getType())));
                    rangeJson.put("lowInclusive", range.isLowInclusive());
                    range.getHighValue().ifPresent(high -> rangeJson.set("high", value(high, column.getType())));
                    rangeJson.put("highInclusive", range.isHighInclusive());
                }
            }
        }
        return json;
    }

    private static TupleDomain<String> domain(JsonNode json)
    {
        if (json.path("none").asBoolean(false)) {
            return TupleDomain.none();
        }
        Map<String, Domain> domains = new LinkedHashMap<>();
        json.path("columns").properties().forEach(entry -> {
            JsonNode column = entry.getValue();
            Type type = TypeCodec.parse(column.get("type").asText());
            JsonNode values = column.get("values");
            ValueSet set;
            if (values.path("all").asBoolean(false)) {
                set = ValueSet.all(type);
            }
            else if (values.path("none").asBoolean(false)) {
                set = ValueSet.none(type);
            }
            else if (values.has("discrete")) {
                List<Object> discrete = new ArrayList<>();
                values.get("discrete").forEach(value -> discrete.add(value(value, type)));
                ValueSet included = ValueSet.copyOf(type, discrete);
                set = values.get("inclusive").asBoolean() ? included : included.complement();
            }
            else {
                List<Range> ranges = new ArrayList<>();
                for (JsonNode range : values.get("ranges")) {
                    ranges.add(range(type, range));
                }
                set = ValueSet.copyOfRanges(type, ranges);
            }
            domains.put(entry.getKey(), Domain.create(set, column.get("nullAllowed").asBoolean()));
        });
        return TupleDomain.withColumnDomains(domains);
    }

    private static Range range(Type type, JsonNode json)
    {
        boolean hasLow = json.has("low");
        boolean hasHigh = json.has("high");
        boolean lowInclusive = json.get("lowInclusive").asBoolean();
        boolean highInclusive = json.get("highInclusive").asBoolean();
        if (hasLow && hasHigh) {
            return Range.range(type, value(json.get("low"), type), lowInclusive, value(json.get("high"), type), highInclusive);
        }
        if (hasLow) {
            return lowInclusive ? Range.greaterThanOrEqual(type, value(json.get("low"), type)) : Range.greaterThan(type, value(json.get("low"), type));
        }
        if (hasHigh) {
            return highInclusive ? Range.lessThanOrEqual(type, value(json.get("high"), type)) : Range.lessThan(type, value(json.get("high"), type));
        }
        return Range.all(type);
    }

    // ---- plumbing ----

    private static void checkVersion(JsonNode json, String what)
    {
        int version = json.path("version").asInt(-1);
        if (version != VERSION) {
            throw new TrawlException(ErrorCode.INTERNAL_ERROR, "%s has protocol version %s; this build speaks version %s".formatted(what, version, VERSION));
        }
    }

    private static byte[] write(JsonNode json)
    {
        try {
            return MAPPER.writeValueAsBytes(json);
        }
        catch (JsonProcessingException e) {
            throw new TrawlException(ErrorCode.INTERNAL_ERROR, "Cannot encode scan task JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static JsonNode read(byte[] bytes, String what)
    {
        try {
            JsonNode json = MAPPER.readTree(bytes);
            if (json == null || !json.isObject()) {
                throw new TrawlException(ErrorCode.INTERNAL_ERROR, "Malformed " + what + ": not a JSON object");
            }
            return json;
        }
        catch (java.io.IOException e) {
            throw new TrawlException(ErrorCode.INTERNAL_ERROR, "Malformed " + what + ": " + e.getMessage(), e);
        }
    }
}
