package io.trawl.scan.partition.projection;

import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trino.spi.predicate.Domain;
import io.trino.spi.type.Type;

import java.util.List;
import java.util.Optional;

/**
 * {@code projection.<col>.type = injected}: the values come from the query itself, which must constrain the
 * key with static equality conditions ({@code =} or {@code IN} on literals); anything else fails with Athena's
 * CONSTRAINT_VIOLATION message ("Use dynamic ID partitioning").
 */
record InjectedProjection(String column, Type type)
        implements ColumnProjection
{
    @Override
    public List<ProjectedValue> values(Domain domain, long limit)
    {
        Optional<List<String>> texts = ColumnProjection.discreteTexts(type, domain);
        if (texts.isEmpty() || domain.isNullAllowed()) {
            throw new TrawlException(ErrorCode.INVALID_ARGUMENT, ("CONSTRAINT_VIOLATION: For the injected projected partition column %s, the WHERE clause must contain only "
                    + "static equality conditions, and at least one such condition must be present.").formatted(column));
        }
        return texts.get().stream().map(ProjectedValue::of).toList();
    }
}
