package io.trawl.engine.plan;

import io.trino.spi.type.Type;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** Hands out symbol names unique within one query. */
public final class SymbolAllocator
{
    private final Set<String> used = new HashSet<>();
    private int next;

    /** Marks a name as taken (symbols of a plan built elsewhere). */
    public void reserve(String name)
    {
        used.add(name);
    }

    public Symbol newSymbol(String hint, Type type)
    {
        String base = hint == null || hint.isBlank() ? "expr" : hint.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        String name = base;
        while (!used.add(name)) {
            name = base + "_" + (++next);
        }
        return new Symbol(name, type);
    }
}
