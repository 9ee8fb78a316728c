package io.trawl.engine.analyzer;

import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The fields a query block can see, and the enclosing block's scope for correlated references. A name
 * resolved in an outer scope is a correlation: the subquery planner turns it into a join condition.
 */
record Scope(List<Field> fields, Optional<Scope> outer)
{
    Scope
    {
        fields = List.copyOf(fields);
    }

    static Scope of(List<Field> fields)
    {
        return new Scope(fields, Optional.empty());
    }

    Scope withOuter(Optional<Scope> outerScope)
    {
        return new Scope(fields, outerScope);
    }

    /** Resolves a possibly qualified name here, then outward. Empty when nowhere. */
    Optional<Resolved> resolve(Optional<String> qualifier, String name, String displayName, Optional<io.trino.sql.tree.NodeLocation> location)
    {
        List<Field> matches = new ArrayList<>();
        for (Field field : fields) {
            if (field.matches(qualifier, name)) {
                matches.add(field);
            }
        }
        if (matches.size() > 1) {
            // the same symbol visible twice (e.g. through USING) is not ambiguous
            if (matches.stream().map(Field::symbol).distinct().count() > 1) {
                throw new TrawlException(ErrorCode.AMBIGUOUS_NAME, Locations.prefix(location) + "Column '" + displayName + "' is ambiguous");
            }
        }
        if (!matches.isEmpty()) {
            return Optional.of(new Resolved(matches.getFirst(), false));
        }
        if (outer.isPresent()) {
            return outer.get().resolve(qualifier, name, displayName, location).map(resolved -> new Resolved(resolved.field(), true));
        }
        return Optional.empty();
    }

    boolean hasRelation(String alias)
    {
        return fields.stream().anyMatch(field -> field.relation().isPresent() && field.relation().get().equals(alias));
    }

    record Resolved(Field field, boolean outer) {}
}
