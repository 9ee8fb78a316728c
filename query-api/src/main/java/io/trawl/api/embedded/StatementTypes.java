package io.trawl.api.embedded;

import io.trawl.billing.StatementType;
import io.trawl.engine.StatementKind;
import io.trawl.engine.parser.HiveStatement;
import io.trawl.engine.parser.ParsedStatement;
import io.trawl.engine.parser.StatementParser;
import io.trawl.engine.parser.TrinoStatement;
import io.trawl.error.TrawlException;
import io.trino.sql.tree.ExplainAnalyze;

import static java.util.Objects.requireNonNull;

/**
 * The billing type of a statement that ran: the engine's {@link StatementKind} decides, and the statement's text
 * tells apart what the kind does not (EXPLAIN ANALYZE among queries, partition statements among DDL).
 */
public final class StatementTypes
{
    private StatementTypes() {}

    public static StatementType of(String sql, StatementKind kind)
    {
        requireNonNull(sql, "sql is null");
        requireNonNull(kind, "kind is null");
        return switch (kind) {
            case QUERY -> parse(sql) instanceof TrinoStatement trino && trino.statement() instanceof ExplainAnalyze ? StatementType.EXPLAIN_ANALYZE : StatementType.QUERY;
            case WRITE -> StatementType.DML;
            case DDL -> isPartitionStatement(parse(sql)) ? StatementType.PARTITION : StatementType.DDL;
            case UTILITY -> parse(sql) instanceof TrinoStatement trino && trino.statement() instanceof io.trino.sql.tree.Explain ? StatementType.EXPLAIN : StatementType.UTILITY;
        };
    }

    private static boolean isPartitionStatement(ParsedStatement statement)
    {
        return switch (statement) {
            case HiveStatement.RepairTable _, HiveStatement.AddPartitions _, HiveStatement.DropPartitions _, HiveStatement.ShowPartitions _ -> true;
            case HiveStatement.SetLocation setLocation -> setLocation.partition().isPresent();
            case null, default -> false;
        };
    }

    /** The statement, or null when the text does not parse (a runner that is not the engine may accept more). */
    private static ParsedStatement parse(String sql)
    {
        try {
            return StatementParser.parse(sql);
        }
        catch (TrawlException e) {
            return null;
        }
    }
}
