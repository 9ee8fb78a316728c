package io.trawl.engine.analyzer;

import io.trawl.engine.plan.Symbol;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A column visible in a scope: the relation alias it can be qualified with, its name (absent for unnamed
 * expressions), and the symbol carrying its value. {@code hidden} fields resolve but are not expanded by *.
 */
record Field(Optional<String> relation, Optional<String> name, Symbol symbol, boolean hidden)
{
    Field
    {
        requireNonNull(relation, "relation is null");
        requireNonNull(name, "name is null");
        requireNonNull(symbol, "symbol is null");
    }

    Field withRelation(Optional<String> alias)
    {
        return new Field(alias, name, symbol, hidden);
    }

    boolean matches(Optional<String> qualifier, String columnName)
    {
        if (name.isEmpty() || !name.get().equals(columnName)) {
            return false;
        }
        return qualifier.isEmpty() || relation.isPresent() && relation.get().equals(qualifier.get());
    }
}
