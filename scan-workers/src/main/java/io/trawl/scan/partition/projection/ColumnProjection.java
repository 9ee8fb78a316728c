package io.trawl.scan.partition.projection;

import io.airlift.slice.Slice;
import io.trino.spi.predicate.Domain;
import io.trino.spi.type.BigintType;
import io.trino.spi.type.BooleanType;
import io.trino.spi.type.CharType;
import io.trino.spi.type.DateType;
import io.trino.spi.type.IntegerType;
import io.trino.spi.type.SmallintType;
import io.trino.spi.type.TinyintType;
import io.trino.spi.type.Type;
import io.trino.spi.type.VarcharType;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How one partition key's values are projected. {@link #values} returns the candidate values for the key's
 * domain in the query (null when the query does not constrain the key); candidates are a superset of the
 * matching values (the caller filters them by the domain), never more than {@code limit} of them.
 */
sealed interface ColumnProjection
        permits EnumProjection, IntegerProjection, DateProjection, InjectedProjection
{
    List<ProjectedValue> values(Domain domain, long limit);

    /** The query's values for the key when its domain is a finite set of values (= and IN), as Hive strings. */
    static Optional<List<String>> discreteTexts(Type type, Domain domain)
    {
        if (domain == null || domain.isAll() || !domain.getValues().isDiscreteSet()) {
            return Optional.empty();
        }
        List<String> texts = new ArrayList<>();
        for (Object value : domain.getValues().getDiscreteSet()) {
            Optional<String> text = hiveText(type, value);
            if (text.isEmpty()) {
                return Optional.empty();
            }
            texts.add(text.get());
        }
        return Optional.of(texts);
    }

    static boolean isIntegral(Type type)
    {
        return type instanceof BigintType || type instanceof IntegerType || type instanceof SmallintType || type instanceof TinyintType;
    }

    private static Optional<String> hiveText(Type type, Object value)
    {
        if (type instanceof VarcharType || type instanceof CharType) {
            return Optional.of(((Slice) value).toStringUtf8());
        }
        if (isIntegral(type)) {
            return Optional.of(Long.toString((Long) value));
        }
        if (type instanceof DateType) {
            return Optional.of(LocalDate.ofEpochDay((Long) value).toString());
        }
        if (type instanceof BooleanType) {
            return Optional.of(value.toString());
        }
        return Optional.empty();
    }
}
