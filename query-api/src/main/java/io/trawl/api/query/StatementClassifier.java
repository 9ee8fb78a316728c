package io.trawl.api.query;

import io.trawl.engine.parser.HiveStatement;
import io.trawl.engine.parser.ParsedStatement;
import io.trawl.engine.parser.StatementParser;
import io.trawl.engine.parser.TrinoStatement;
import io.trino.sql.tree.CreateTableAsSelect;
import io.trino.sql.tree.Deallocate;
import io.trino.sql.tree.Execute;
import io.trino.sql.tree.Explain;
import io.trino.sql.tree.ExplainAnalyze;
import io.trino.sql.tree.Insert;
import io.trino.sql.tree.Prepare;
import io.trino.sql.tree.Query;

/**
 * Athena's StatementType of a query text, known at submission (before it runs): DML for queries and writes (their
 * result is a CSV), DDL for definitions and metadata statements, UTILITY for EXPLAIN and prepared-statement
 * management (their results are text). Text that does not parse counts as DML: it fails when it runs, as in Athena.
 */
final class StatementClassifier
{
    static final String DML = "DML";
    static final String DDL = "DDL";
    static final String UTILITY = "UTILITY";

    private StatementClassifier() {}

    static String classify(String sql)
    {
        ParsedStatement statement;
        try {
            statement = StatementParser.parse(sql);
        }
        catch (RuntimeException e) {
            return DML;
        }
        return switch (statement) {
            // Athena's UNLOAD is a write, DML, though Trawl parses it with the Hive grammar
            case HiveStatement.Unload _ -> DML;
            case HiveStatement _ -> DDL;
            case TrinoStatement trino -> switch (trino.statement()) {
                case Query _, Insert _, CreateTableAsSelect _, ExplainAnalyze _, Execute _ -> DML;
                case Explain _, Prepare _, Deallocate _ -> UTILITY;
                default -> DDL;
            };
        };
    }
}
