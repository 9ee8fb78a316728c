package io.trawl.api.prepared;

import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trino.sql.ExpressionFormatter;
import io.trino.sql.parser.ParsingException;
import io.trino.sql.parser.SqlParser;
import io.trino.sql.tree.ArithmeticUnaryExpression;
import io.trino.sql.tree.Cast;
import io.trino.sql.tree.DataType;
import io.trino.sql.tree.Deallocate;
import io.trino.sql.tree.Execute;
import io.trino.sql.tree.ExecuteImmediate;
import io.trino.sql.tree.Expression;
import io.trino.sql.tree.FunctionCall;
import io.trino.sql.tree.Identifier;
import io.trino.sql.tree.Literal;
import io.trino.sql.tree.Node;
import io.trino.sql.tree.NodeLocation;
import io.trino.sql.tree.Parameter;
import io.trino.sql.tree.Prepare;
import io.trino.sql.tree.Statement;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * What Athena does to a statement's text before it runs: binds {@code ExecutionParameters} to the {@code ?} in the
 * SQL, runs {@code EXECUTE name [USING ...]} as the work group's prepared statement with its values bound, and
 * carries out {@code PREPARE name FROM ...} and {@code DEALLOCATE PREPARE name} itself (they store and delete the
 * work group's statement; nothing is left for the engine to run).
 *
 * <p>Values replace the {@code ?} at the positions Trino's parser reports for them, so the rest of the text (its
 * comments, line breaks, a {@code '?'} inside a string) is left exactly as written. An execution parameter is bound
 * as Athena binds one (measured against Athena): text that parses as an expression without column references is
 * that expression ({@code 'abc'}, {@code 42}, {@code DATE '2024-01-01'}, {@code 1 + 1}); anything else
 * ({@code abc}, {@code it's}) is the string literal of its text. Counts that do not match fail with Trino's wording,
 * {@code Incorrect number of parameters: expected 2 but found 1}, and an unknown statement with
 * {@code Prepared statement not found: x}.
 *
 * <p>Statements that are none of these and come with no parameters are returned as given without being parsed, so
 * Hive DDL (which Trino's grammar does not know) passes through untouched.
 */
public final class SqlPreprocessor
{
    private static final SqlParser PARSER = new SqlParser();
    private static final Set<String> PREPARED_STATEMENT_VERBS = Set.of("PREPARE", "EXECUTE", "DEALLOCATE");
    private static final String STATEMENT_TYPE = "UTILITY";

    private final PreparedStatementStore statements;

    public SqlPreprocessor(PreparedStatementStore statements)
    {
        this.statements = requireNonNull(statements, "statements is null");
    }

    /** What to do with one statement: run some SQL, or nothing more (the statement was carried out here). */
    public sealed interface Preprocessed
            permits Run, Done {}

    /** The SQL to run, with every parameter bound. */
    public record Run(String sql)
            implements Preprocessed
    {
        public Run
        {
            requireNonNull(sql, "sql is null");
        }
    }

    /** A statement carried out here (PREPARE, DEALLOCATE PREPARE): its Athena statement type and what it did. */
    public record Done(String statementType, String message)
            implements Preprocessed
    {
        public Done
        {
            requireNonNull(statementType, "statementType is null");
            requireNonNull(message, "message is null");
        }
    }

    /**
     * Preprocesses one statement (without its terminating {@code ;}) run in {@code workGroup} with Athena's
     * {@code ExecutionParameters} (empty when the request had none).
     *
     * @throws TrawlException INVALID_ARGUMENT for a parameter count that does not match or an unknown prepared
     * statement, SYNTAX_ERROR for parameters given to SQL that does not parse
     */
    public Preprocessed preprocess(String sql, List<String> executionParameters, String workGroup)
    {
        requireNonNull(sql, "sql is null");
        List<String> parameters = List.copyOf(requireNonNull(executionParameters, "executionParameters is null"));
        requireNonNull(workGroup, "workGroup is null");

        if (!PREPARED_STATEMENT_VERBS.contains(firstWord(sql))) {
            return new Run(bindExecutionParameters(sql, parameters));
        }
        Statement statement = parse(sql);
        return switch (statement) {
            case Prepare prepare -> prepare(sql, prepare, parameters, workGroup);
            case Deallocate deallocate -> deallocate(deallocate, parameters, workGroup);
            case Execute execute -> execute(sql, execute, parameters, workGroup);
            case ExecuteImmediate immediate -> executeImmediate(sql, immediate, parameters);
            default -> new Run(bindExecutionParameters(sql, parameters));
        };
    }

    private Preprocessed prepare(String sql, Prepare prepare, List<String> parameters, String workGroup)
    {
        if (!parameters.isEmpty()) {
            throw wrongCount(0, parameters.size());
        }
        String name = prepare.getName().getValue();
        String queryStatement = textFrom(sql, prepare.getStatement());
        statements.put(new PreparedStatement(workGroup, storedName(workGroup, name).orElse(name), queryStatement, Optional.empty(), statements.now()));
        return new Done(STATEMENT_TYPE, "Prepared statement %s in work group %s".formatted(name, workGroup));
    }

    private Preprocessed deallocate(Deallocate deallocate, List<String> parameters, String workGroup)
    {
        if (!parameters.isEmpty()) {
            throw wrongCount(0, parameters.size());
        }
        String name = deallocate.getName().getValue();
        String stored = storedName(workGroup, name).orElseThrow(() -> notFound(name));
        if (!statements.delete(workGroup, stored)) {
            throw notFound(name);
        }
        return new Done(STATEMENT_TYPE, "Deallocated prepared statement %s in work group %s".formatted(name, workGroup));
    }

    private Preprocessed execute(String sql, Execute execute, List<String> parameters, String workGroup)
    {
        String name = execute.getName().getValue();
        PreparedStatement prepared = storedName(workGroup, name)
                .flatMap(stored -> statements.find(workGroup, stored))
                .orElseThrow(() -> notFound(name));
        // EXECUTE name without USING takes its values from the request's ExecutionParameters
        List<String> values = execute.getParameters().isEmpty()
                ? classifiedValues(parameters)
                : usingValues(sql, execute, execute.getParameters(), parameters);
        return new Run(bindValues(prepared.queryStatement(), values));
    }

    private static Preprocessed executeImmediate(String sql, ExecuteImmediate immediate, List<String> parameters)
    {
        List<String> values = immediate.getParameters().isEmpty() && !parameters.isEmpty()
                ? classifiedValues(parameters)
                : usingValues(sql, immediate, immediate.getParameters(), parameters);
        return new Run(bindValues(immediate.getStatement().getValue(), values));
    }

    /**
     * The values of a USING clause, as SQL. Its own {@code ?} ({@code EXECUTE name USING ?, 2}) take the
     * execution parameters: they are bound into the statement's text first, which is then read again.
     */
    private static List<String> usingValues(String sql, Statement statement, List<Expression> using, List<String> parameters)
    {
        List<Expression> values = using;
        if (!parameters.isEmpty()) {
            Statement bound = parse(substitute(sql, statement, classifiedValues(parameters)));
            values = switch (bound) {
                case Execute execute -> execute.getParameters();
                case ExecuteImmediate immediate -> immediate.getParameters();
                default -> throw new IllegalStateException("Binding parameters changed the statement: " + bound);
            };
        }
        List<String> formatted = new ArrayList<>(values.size());
        for (Expression value : values) {
            formatted.add(ExpressionFormatter.formatExpression(value));
        }
        return formatted;
    }

    /** Binds execution parameters to a statement that is not about prepared statements. */
    private static String bindExecutionParameters(String sql, List<String> parameters)
    {
        if (parameters.isEmpty() && sql.indexOf('?') < 0) {
            return sql;
        }
        Statement statement;
        try {
            statement = PARSER.createStatement(withoutTerminator(sql));
        }
        catch (ParsingException e) {
            if (parameters.isEmpty()) {
                // not Trino SQL (Hive DDL, or an error the engine reports better); nothing here to bind
                return sql;
            }
            throw syntaxError(e);
        }
        return substitute(sql, statement, classifiedValues(parameters));
    }

    /** Binds values that are SQL already (a USING clause, classified execution parameters) to a stored statement. */
    private static String bindValues(String sql, List<String> values)
    {
        Statement statement;
        try {
            statement = PARSER.createStatement(withoutTerminator(sql));
        }
        catch (ParsingException e) {
            if (values.isEmpty()) {
                return sql;
            }
            throw syntaxError(e);
        }
        return substitute(sql, statement, values);
    }

    private static String substitute(String sql, Statement statement, List<String> values)
    {
        List<Parameter> placeholders = new ArrayList<>();
        collectParameters(statement, placeholders);
        if (placeholders.size() != values.size()) {
            throw wrongCount(placeholders.size(), values.size());
        }
        if (placeholders.isEmpty()) {
            return sql;
        }
        List<int[]> positions = new ArrayList<>();
        for (Parameter placeholder : placeholders) {
            int offset = offset(sql, placeholder.getLocation().orElseThrow(() -> new IllegalStateException("Parameter without a location in " + sql)));
            if (sql.charAt(offset) != '?') {
                throw new IllegalStateException("Parameter %d is not at offset %d of: %s".formatted(placeholder.getId(), offset, sql));
            }
            positions.add(new int[] {offset, placeholder.getId()});
        }
        positions.sort(Comparator.comparingInt(position -> position[0]));
        StringBuilder bound = new StringBuilder(sql.length() + 16 * values.size());
        int copied = 0;
        for (int[] position : positions) {
            bound.append(sql, copied, position[0]).append(values.get(position[1]));
            copied = position[0] + 1;
        }
        return bound.append(sql, copied, sql.length()).toString();
    }

    /** Execution parameters as the SQL they stand for, in order. */
    private static List<String> classifiedValues(List<String> parameters)
    {
        List<String> values = new ArrayList<>(parameters.size());
        for (String parameter : parameters) {
            values.add(classify(parameter));
        }
        return values;
    }

    /**
     * One execution parameter as Athena binds it: an expression that parses and names no column is used as it is
     * (in parentheses when it is an operation, so {@code ? * 2} with {@code 1 + 1} is 4); anything else is the string
     * literal of its text.
     */
    static String classify(String parameter)
    {
        requireNonNull(parameter, "parameter is null");
        Expression expression;
        try {
            expression = PARSER.createExpression(parameter);
        }
        catch (ParsingException | IllegalArgumentException e) {
            return stringLiteral(parameter);
        }
        if (referencesColumn(expression)) {
            return stringLiteral(parameter);
        }
        String text = parameter.strip();
        boolean standsAlone = expression instanceof Literal
                || expression instanceof ArithmeticUnaryExpression
                || expression instanceof FunctionCall
                || expression instanceof Cast;
        return standsAlone ? text : "(" + text + ")";
    }

    private static boolean referencesColumn(Node node)
    {
        if (node instanceof Identifier) {
            return true;
        }
        if (node instanceof DataType) {
            // the type of a CAST names no column
            return false;
        }
        for (Node child : node.getChildren()) {
            if (referencesColumn(child)) {
                return true;
            }
        }
        return false;
    }

    private static String stringLiteral(String text)
    {
        return "'" + text.replace("'", "''") + "'";
    }

    private static void collectParameters(Node node, List<Parameter> parameters)
    {
        if (node instanceof Parameter parameter) {
            parameters.add(parameter);
        }
        for (Node child : node.getChildren()) {
            collectParameters(child, parameters);
        }
    }

    /** The stored name a SQL name refers to: the same name, else the one name that differs only in case (SQL names are case-insensitive). */
    private Optional<String> storedName(String workGroup, String name)
    {
        if (statements.find(workGroup, name).isPresent()) {
            return Optional.of(name);
        }
        return statements.names(workGroup).stream()
                .filter(stored -> stored.equalsIgnoreCase(name))
                .findFirst();
    }

    /** The text of {@code statement} as written in {@code sql}: from where it starts to the end, less trailing blanks and {@code ;}. */
    private static String textFrom(String sql, Statement statement)
    {
        int start = statement.getLocation().map(location -> offset(sql, location)).orElse(0);
        String text = sql.substring(start).strip();
        while (text.endsWith(";")) {
            text = text.substring(0, text.length() - 1).strip();
        }
        return text;
    }

    /**
     * The offset in {@code sql} of a parser location: lines are counted at {@code \n} (as ANTLR counts them; a
     * {@code \r} before it belongs to the line) and columns in code points from 1.
     */
    static int offset(String sql, NodeLocation location)
    {
        int lineStart = 0;
        for (int line = 1; line < location.getLineNumber(); line++) {
            int newline = sql.indexOf('\n', lineStart);
            if (newline < 0) {
                throw new IllegalStateException("No line %d in: %s".formatted(location.getLineNumber(), sql));
            }
            lineStart = newline + 1;
        }
        return sql.offsetByCodePoints(lineStart, location.getColumnNumber() - 1);
    }

    /** The statement's first word, upper-cased, past blanks and comments; empty when it starts otherwise. */
    static String firstWord(String sql)
    {
        int position = 0;
        while (position < sql.length()) {
            char character = sql.charAt(position);
            if (Character.isWhitespace(character)) {
                position++;
            }
            else if (sql.startsWith("--", position)) {
                int newline = sql.indexOf('\n', position);
                position = newline < 0 ? sql.length() : newline + 1;
            }
            else if (sql.startsWith("/*", position)) {
                int close = sql.indexOf("*/", position + 2);
                position = close < 0 ? sql.length() : close + 2;
            }
            else {
                break;
            }
        }
        int end = position;
        while (end < sql.length() && Character.isLetter(sql.charAt(end))) {
            end++;
        }
        return sql.substring(position, end).toUpperCase(Locale.ROOT);
    }

    private static Statement parse(String sql)
    {
        try {
            return PARSER.createStatement(withoutTerminator(sql));
        }
        catch (ParsingException e) {
            throw syntaxError(e);
        }
    }

    /** The statement less a terminating {@code ;}, which Athena accepts and Trino's grammar does not; offsets before it stay as they were. */
    private static String withoutTerminator(String sql)
    {
        String text = sql.stripTrailing();
        while (text.endsWith(";")) {
            text = text.substring(0, text.length() - 1).stripTrailing();
        }
        return text;
    }

    private static TrawlException syntaxError(ParsingException e)
    {
        return new TrawlException(ErrorCode.SYNTAX_ERROR, "line %d:%d: %s".formatted(e.getLineNumber(), e.getColumnNumber(), e.getErrorMessage()), e);
    }

    private static TrawlException wrongCount(int expected, int found)
    {
        return new TrawlException(ErrorCode.INVALID_ARGUMENT, "Incorrect number of parameters: expected %d but found %d".formatted(expected, found));
    }

    private static TrawlException notFound(String name)
    {
        return new TrawlException(ErrorCode.INVALID_ARGUMENT, "Prepared statement not found: " + name);
    }
}
