package io.trawl.engine.write;

import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trino.sql.tree.Node;
import io.trino.sql.tree.NodeLocation;

import java.util.Optional;

/** Errors about a place in the statement, prefixed with its "line L:C: " as Trino's analyzer does. */
final class WriteErrors
{
    private WriteErrors() {}

    static TrawlException at(Node node, ErrorCode code, String message)
    {
        return at(node.getLocation(), code, message);
    }

    static TrawlException at(Optional<NodeLocation> position, ErrorCode code, String message)
    {
        return new TrawlException(code, position
                .map(location -> "line %d:%d: %s".formatted(location.getLineNumber(), location.getColumnNumber(), message))
                .orElse(message));
    }
}
