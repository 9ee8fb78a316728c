package io.trawl.engine.parser;

import io.trawl.engine.parser.SqlScanner.Kind;
import io.trawl.engine.parser.SqlScanner.Token;
import io.trawl.engine.parser.hive.HiveDdlLexer;
import io.trawl.engine.parser.hive.HiveDdlParser;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trino.sql.parser.ParsingException;
import io.trino.sql.parser.SqlParser;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Vocabulary;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.IntervalSet;
import org.antlr.v4.runtime.misc.ParseCancellationException;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;

/**
 * SQL text to a {@link ParsedStatement}. Athena parses DML with Trino's grammar and DDL with Hive's; we
 * do the same: statements whose leading keywords only Hive has (and Athena's UNLOAD) go to our Hive DDL grammar, statements
 * both grammars have (DROP TABLE, SHOW TABLES, DESCRIBE, CREATE/DROP SCHEMA) go to Trino's first and to
 * Hive's when Trino's rejects them (backquoted names, Hive's {@code SHOW TABLES IN db 'pattern'}), and
 * everything else goes to Trino's. Syntax errors become SYNTAX_ERROR with "line L:C: message".
 */
public final class StatementParser
{
    private static final SqlParser TRINO_PARSER = new SqlParser();
    private static final Set<String> HIVE_TABLE_CLAUSES = Set.of("ROW", "STORED", "LOCATION", "TBLPROPERTIES", "PARTITIONED");
    private static final Set<String> QUERY_STARTS = Set.of("SELECT", "WITH", "VALUES", "TABLE");

    private enum Route { TRINO, HIVE, TRINO_THEN_HIVE, HIVE_THEN_TRINO }

    private StatementParser() {}

    /** Parses one statement, without its terminating ';'. */
    public static ParsedStatement parse(String sql)
    {
        requireNonNull(sql, "sql is null");
        return switch (route(SqlScanner.tokens(sql))) {
            case TRINO -> parseTrino(sql);
            case HIVE -> parseHive(sql);
            case HIVE_THEN_TRINO -> {
                try {
                    yield parseHive(sql);
                }
                catch (TrawlException hiveError) {
                    try {
                        yield parseTrino(sql);
                    }
                    catch (TrawlException _) {
                        // the partition and column forms of ALTER TABLE are Hive's; its message is the useful one
                        throw hiveError;
                    }
                }
            }
            case TRINO_THEN_HIVE -> {
                try {
                    yield parseTrino(sql);
                }
                catch (TrawlException trinoError) {
                    try {
                        yield parseHive(sql);
                    }
                    catch (TrawlException _) {
                        // Trino's grammar is the primary one for these statements; its message is the useful one
                        throw trinoError;
                    }
                }
            }
        };
    }

    /**
     * Splits a script at the ';' that end statements (not those inside strings, quoted identifiers or
     * comments). Returns the statements without terminators, leading and trailing comments or blanks;
     * statements with nothing but comments are left out.
     */
    public static List<String> splitStatements(String script)
    {
        requireNonNull(script, "script is null");
        List<String> statements = new ArrayList<>();
        for (List<Token> tokens : SqlScanner.statements(script)) {
            if (!tokens.isEmpty()) {
                statements.add(script.substring(tokens.getFirst().start(), tokens.getLast().end()));
            }
        }
        return List.copyOf(statements);
    }

    private static Route route(List<Token> tokens)
    {
        String first = word(tokens, 0);
        String second = word(tokens, 1);
        return switch (first) {
            case "CREATE" -> switch (second) {
                case "EXTERNAL", "DATABASE", "USER", "GROUP", "ROW" -> Route.HIVE;
                case "SCHEMA" -> Route.TRINO_THEN_HIVE;
                case "TABLE" -> isHiveCreateTable(tokens) ? Route.HIVE : Route.TRINO;
                default -> Route.TRINO;
            };
            case "DROP" -> switch (second) {
                case "DATABASE", "USER", "GROUP", "ROW" -> Route.HIVE;
                case "SCHEMA", "TABLE" -> Route.TRINO_THEN_HIVE;
                default -> Route.TRINO;
            };
            case "DESCRIBE", "DESC" -> second.equals("FORMATTED") || second.equals("EXTENDED") ? Route.HIVE : Route.TRINO_THEN_HIVE;
            case "SHOW" -> switch (second) {
                case "DATABASES", "PARTITIONS", "ROW" -> Route.HIVE;
                case "CREATE" -> word(tokens, 2).equals("TABLE") ? Route.HIVE : Route.TRINO;
                case "SCHEMAS", "TABLES" -> Route.TRINO_THEN_HIVE;
                default -> Route.TRINO;
            };
            case "MSCK" -> Route.HIVE;
            // Athena's UNLOAD is not Trino grammar; its query is, and the Hive grammar hands it back to Trino's
            case "UNLOAD" -> Route.HIVE;
            // ALTER TABLE ... ADD/DROP PARTITION, SET LOCATION/TBLPROPERTIES, ADD/REPLACE COLUMNS are Hive's
            case "ALTER" -> second.equals("TABLE") ? Route.HIVE_THEN_TRINO : second.equals("GROUP") ? Route.HIVE : Route.TRINO;
            // GRANT and REVOKE of privileges and roles are Trino's; column lists, groups and ALL TABLES IN SCHEMA only ours
            case "GRANT", "REVOKE" -> Route.TRINO_THEN_HIVE;
            default -> Route.TRINO;
        };
    }

    /**
     * A CREATE TABLE is Hive DDL when it has a Hive storage clause outside parentheses and is not a
     * CREATE TABLE AS query (Athena's CTAS uses Trino's WITH (...) properties instead).
     */
    private static boolean isHiveCreateTable(List<Token> tokens)
    {
        int depth = 0;
        boolean hiveClause = false;
        for (int index = 0; index < tokens.size(); index++) {
            Token token = tokens.get(index);
            if (token.isSymbol('(')) {
                depth++;
            }
            else if (token.isSymbol(')')) {
                depth--;
            }
            else if (depth == 0 && token.isWord("AS") && index + 1 < tokens.size()) {
                Token next = tokens.get(index + 1);
                if (next.isSymbol('(') || (next.kind() == Kind.WORD && QUERY_STARTS.contains(next.text()))) {
                    return false;
                }
            }
            else if (depth == 0 && token.kind() == Kind.WORD && HIVE_TABLE_CLAUSES.contains(token.text())) {
                hiveClause = true;
            }
        }
        return hiveClause;
    }

    private static String word(List<Token> tokens, int index)
    {
        if (index >= tokens.size() || tokens.get(index).kind() != Kind.WORD) {
            return "";
        }
        return tokens.get(index).text();
    }

    private static TrinoStatement parseTrino(String sql)
    {
        try {
            return new TrinoStatement(TRINO_PARSER.createStatement(sql));
        }
        catch (ParsingException e) {
            throw new TrawlException(ErrorCode.SYNTAX_ERROR, "line %d:%d: %s".formatted(e.getLineNumber(), e.getColumnNumber(), e.getErrorMessage()), e);
        }
        catch (StackOverflowError e) {
            throw new TrawlException(ErrorCode.SYNTAX_ERROR, "Statement is too large or too deeply nested to parse", e);
        }
    }

    private static HiveStatement parseHive(String sql)
    {
        HiveDdlLexer lexer = new HiveDdlLexer(CharStreams.fromString(sql));
        HiveDdlParser parser = new HiveDdlParser(new CommonTokenStream(lexer));
        lexer.removeErrorListeners();
        lexer.addErrorListener(ThrowingErrorListener.INSTANCE);
        parser.removeErrorListeners();
        parser.addErrorListener(ThrowingErrorListener.INSTANCE);
        parser.getInterpreter().setPredictionMode(PredictionMode.LL);
        try {
            return new HiveAstBuilder(text -> parseTrino(text).statement()).visit(parser.singleStatement());
        }
        catch (ParseCancellationException e) {
            throw new TrawlException(ErrorCode.SYNTAX_ERROR, "line 1:1: " + e.getMessage(), e);
        }
    }

    /**
     * Stops at the first error, as Trino's parser does, and words it the way Trino does: "mismatched
     * input 'x'. Expecting: ...", with every keyword that may also be a name folded into {@code <identifier>}.
     */
    private static final class ThrowingErrorListener
            extends BaseErrorListener
    {
        static final ThrowingErrorListener INSTANCE = new ThrowingErrorListener();

        @Override
        public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int charPositionInLine, String message, RecognitionException e)
        {
            String text = message;
            if (recognizer instanceof Parser parser && offendingSymbol instanceof org.antlr.v4.runtime.Token token) {
                IntervalSet expected = e != null ? e.getExpectedTokens() : parser.getExpectedTokens();
                text = "mismatched input '" + describeInput(token) + "'. Expecting: " + describeExpected(parser, expected);
            }
            throw new TrawlException(ErrorCode.SYNTAX_ERROR, "line %d:%d: %s".formatted(line, charPositionInLine + 1, text));
        }

        private static String describeInput(org.antlr.v4.runtime.Token token)
        {
            return token.getType() == org.antlr.v4.runtime.Token.EOF ? "<EOF>" : token.getText();
        }

        private static String describeExpected(Parser parser, IntervalSet expected)
        {
            IntervalSet names = parser.getATN().nextTokens(parser.getATN().ruleToStartState[HiveDdlParser.RULE_nonReserved]);
            boolean identifier = expected.contains(HiveDdlParser.IDENTIFIER);
            Vocabulary vocabulary = parser.getVocabulary();
            Set<String> descriptions = new TreeSet<>();
            for (int tokenType : expected.toArray()) {
                if (identifier && (names.contains(tokenType) || tokenType == HiveDdlParser.IDENTIFIER || tokenType == HiveDdlParser.BACKQUOTED_IDENTIFIER)) {
                    continue;
                }
                descriptions.add(switch (tokenType) {
                    case org.antlr.v4.runtime.Token.EOF -> "<EOF>";
                    case HiveDdlParser.STRING -> "<string>";
                    case HiveDdlParser.INTEGER_VALUE -> "<integer>";
                    default -> vocabulary.getDisplayName(tokenType);
                });
            }
            if (identifier) {
                descriptions.add("<identifier>");
            }
            return String.join(", ", descriptions);
        }
    }
}
