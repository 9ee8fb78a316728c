package io.trawl.catalog.glue;

import io.airlift.slice.Slice;
import io.trawl.catalog.Column;
import io.trawl.catalog.HiveTypes;
import io.trawl.catalog.Partition;
import io.trawl.error.TrawlException;
import io.trino.spi.predicate.Domain;
import io.trino.spi.predicate.Range;
import io.trino.spi.predicate.TupleDomain;
import io.trino.spi.type.BigintType;
import io.trino.spi.type.DateType;
import io.trino.spi.type.IntegerType;
import io.trino.spi.type.SmallintType;
import io.trino.spi.type.TinyintType;
import io.trino.spi.type.Type;
import io.trino.spi.type.VarcharType;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A partition predicate as a GetPartitions {@code Expression}, so Glue sends only (a superset of) the partitions a
 * query needs. Keys of integer types and dates are compared as such (Glue's documented partition key types), varchar
 * keys as quoted strings; a key of another type, whose name Glue's parser (JSQLParser) reserves, or whose terms would
 * push the expression past Glue's 2048 characters is left out. What is left out is not lost: the caller filters
 * Glue's answer with the whole predicate. NULL is Hive's {@code __HIVE_DEFAULT_PARTITION__}, a plain string to Glue,
 * so a domain that admits NULL is pushed only for varchar keys (Glue rejects that string for a typed key).
 */
final class GlueExpressions
{
    static final int MAX_LENGTH = 2048;

    private static final Pattern PLAIN_NAME = Pattern.compile("[a-z_][a-z0-9_]*");
    // JSQLParser's reserved words: as key names they would not parse (the list Trino's Glue metastore keeps)
    private static final Set<String> RESERVED = Set.of(
            "as", "by", "do", "is", "in", "or", "on", "all", "and", "any", "key", "not", "set", "asc", "top", "end", "desc", "into", "null", "like", "drop", "join",
            "left", "from", "open", "case", "when", "then", "else", "some", "full", "with", "table", "where", "using", "union", "group", "begin", "index", "inner",
            "limit", "outer", "order", "right", "delete", "create", "select", "offset", "exists", "having", "insert", "update", "values", "escape", "primary",
            "natural", "replace", "between", "truncate", "distinct", "intersect");

    private GlueExpressions() {}

    /** The expression, or empty when nothing of the predicate can be pushed (the predicate must not be none). */
    static Optional<String> build(List<Column> partitionKeys, TupleDomain<String> predicate)
    {
        if (predicate.isAll() || predicate.isNone()) {
            return Optional.empty();
        }
        Map<String, Domain> domains = new java.util.HashMap<>();
        predicate.getDomains().orElseThrow().forEach((name, domain) -> domains.put(name.toLowerCase(Locale.ROOT), domain));
        StringBuilder expression = new StringBuilder();
        for (Column key : partitionKeys) {
            String name = key.name().toLowerCase(Locale.ROOT);
            Domain domain = domains.get(name);
            if (domain == null || domain.isAll() || !PLAIN_NAME.matcher(name).matches() || RESERVED.contains(name)) {
                continue;
            }
            Optional<String> term = term(name, key.type(), domain);
            if (term.isEmpty()) {
                continue;
            }
            int length = expression.length() + (expression.isEmpty() ? 0 : " AND ".length()) + term.get().length();
            if (length > MAX_LENGTH) {
                continue;
            }
            if (!expression.isEmpty()) {
                expression.append(" AND ");
            }
            expression.append(term.get());
        }
        return expression.isEmpty() ? Optional.empty() : Optional.of(expression.toString());
    }

    private static Optional<String> term(String name, String hiveType, Domain domain)
    {
        Type type;
        try {
            type = HiveTypes.toTrinoType(hiveType);
        }
        catch (TrawlException e) {
            return Optional.empty();
        }
        boolean varchar = type instanceof VarcharType;
        if (!varchar && !isInteger(type) && !(type instanceof DateType)) {
            return Optional.empty();
        }
        if (!varchar && domain.isNullAllowed()) {
            return Optional.empty();
        }
        if (domain.getValues().isAll()) {
            // IS NOT NULL excludes one partition at most, and a <> keeps Glue from using its partition indexes
            return Optional.empty();
        }
        List<String> disjuncts = new ArrayList<>();
        List<String> singleValues = new ArrayList<>();
        for (Range range : domain.getValues().getRanges().getOrderedRanges()) {
            if (range.isSingleValue()) {
                singleValues.add(literal(type, range.getSingleValue()));
                continue;
            }
            List<String> bounds = new ArrayList<>();
            if (!range.isLowUnbounded()) {
                bounds.add("%s %s %s".formatted(name, range.isLowInclusive() ? ">=" : ">", literal(type, range.getLowBoundedValue())));
            }
            if (!range.isHighUnbounded()) {
                bounds.add("%s %s %s".formatted(name, range.isHighInclusive() ? "<=" : "<", literal(type, range.getHighBoundedValue())));
            }
            disjuncts.add("(" + String.join(" AND ", bounds) + ")");
        }
        if (singleValues.size() == 1) {
            disjuncts.add("(%s = %s)".formatted(name, singleValues.getFirst()));
        }
        else if (singleValues.size() > 1) {
            disjuncts.add("(%s IN (%s))".formatted(name, String.join(", ", singleValues)));
        }
        if (domain.isNullAllowed()) {
            disjuncts.add("(%s = %s)".formatted(name, quote(Partition.HIVE_DEFAULT_PARTITION)));
        }
        return Optional.of("(" + String.join(" OR ", disjuncts) + ")");
    }

    private static boolean isInteger(Type type)
    {
        return type instanceof BigintType || type instanceof IntegerType || type instanceof SmallintType || type instanceof TinyintType;
    }

    private static String literal(Type type, Object value)
    {
        if (type instanceof DateType) {
            return quote(LocalDate.ofEpochDay((Long) value).toString());
        }
        if (type instanceof VarcharType) {
            return quote(((Slice) value).toStringUtf8());
        }
        return Long.toString((Long) value);
    }

    private static String quote(String text)
    {
        return "'" + text.replace("'", "''") + "'";
    }
}
