package io.trawl.engine.analyzer;

import io.trino.sql.tree.Node;
import io.trino.sql.tree.NodeLocation;

import java.util.Optional;

/** Formats "line L:C: " prefixes for messages about a place in the SQL text. */
final class Locations
{
    private Locations() {}

    static String prefix(Optional<NodeLocation> location)
    {
        return location.map(value -> "line %d:%d: ".formatted(value.getLineNumber(), value.getColumnNumber())).orElse("");
    }

    static String prefix(Node node)
    {
        return prefix(node.getLocation());
    }
}
