package io.trawl.api.glue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The partition predicate language of Glue's GetPartitions {@code Expression}
 * (https://docs.aws.amazon.com/glue/latest/dg/aws-glue-api-catalog-partitions.html#aws-glue-api-catalog-partitions-GetPartitions):
 * SQL WHERE-clause syntax over the table's partition keys, with {@code = <> != < <= > >=}, {@code [NOT] BETWEEN x AND y},
 * {@code [NOT] IN (...)}, {@code [NOT] LIKE 'pattern'}, {@code IS [NOT] NULL}, {@code AND}, {@code OR}, {@code NOT}
 * and parentheses; string literals in single quotes ({@code ''} for a quote), numbers, keys by name (or quoted with
 * back quotes or double quotes). Keywords are case-insensitive. This class only parses; {@link PartitionFilter}
 * checks the names and values against a table and evaluates.
 */
final class PartitionExpression
{
    /** Glue's limit on the length of an Expression. */
    static final int MAX_LENGTH = 2048;

    private static final Set<String> KEYWORDS = Set.of("AND", "OR", "NOT", "BETWEEN", "IN", "LIKE", "IS", "NULL");

    private final String text;
    private final List<Token> tokens;
    private int next;

    private PartitionExpression(String text)
    {
        this.text = text;
        this.tokens = tokenize(text);
    }

    /**
     * @throws PartitionExpressionException naming the 1-based position of the first thing that is not the language
     */
    static Predicate parse(String text)
    {
        requireNonNull(text, "text is null");
        if (text.length() > MAX_LENGTH) {
            throw new PartitionExpressionException(MAX_LENGTH + 1, "the expression is longer than %d characters".formatted(MAX_LENGTH));
        }
        PartitionExpression parser = new PartitionExpression(text);
        Predicate predicate = parser.parseOr();
        Token end = parser.peek();
        if (end.kind() != TokenKind.END) {
            throw parser.unexpected(end, "AND, OR or the end of the expression");
        }
        return predicate;
    }

    // ---- the syntax tree

    sealed interface Predicate
            permits And, Or, Not, Comparison, Between, In, Like, IsNull {}

    record And(Predicate left, Predicate right)
            implements Predicate {}

    record Or(Predicate left, Predicate right)
            implements Predicate {}

    record Not(Predicate operand)
            implements Predicate {}

    /** {@code key op value}; {@code value op key} is turned around on parsing. */
    record Comparison(Key key, Operator operator, Literal value)
            implements Predicate {}

    record Between(Key key, Literal low, Literal high)
            implements Predicate {}

    record In(Key key, List<Literal> values)
            implements Predicate
    {
        In
        {
            values = List.copyOf(values);
        }
    }

    record Like(Key key, Literal pattern)
            implements Predicate {}

    record IsNull(Key key)
            implements Predicate {}

    /** A partition key as named in the expression, and where (1-based). */
    record Key(String name, int position) {}

    /** A literal as written: a quoted string's content, or a number's text; where it starts (1-based). */
    record Literal(String text, boolean quoted, int position)
    {
        String describe()
        {
            return quoted ? "'" + text + "'" : text;
        }
    }

    enum Operator
    {
        EQUAL("="), NOT_EQUAL("<>"), LESS("<"), LESS_OR_EQUAL("<="), GREATER(">"), GREATER_OR_EQUAL(">=");

        private final String symbol;

        Operator(String symbol)
        {
            this.symbol = symbol;
        }

        String symbol()
        {
            return symbol;
        }

        /** The operator that holds exactly when this one does not (for non-null operands). */
        Operator negate()
        {
            return switch (this) {
                case EQUAL -> NOT_EQUAL;
                case NOT_EQUAL -> EQUAL;
                case LESS -> GREATER_OR_EQUAL;
                case LESS_OR_EQUAL -> GREATER;
                case GREATER -> LESS_OR_EQUAL;
                case GREATER_OR_EQUAL -> LESS;
            };
        }

        /** The operator with its operands swapped: {@code 5 < k} is {@code k > 5}. */
        Operator flip()
        {
            return switch (this) {
                case EQUAL, NOT_EQUAL -> this;
                case LESS -> GREATER;
                case LESS_OR_EQUAL -> GREATER_OR_EQUAL;
                case GREATER -> LESS;
                case GREATER_OR_EQUAL -> LESS_OR_EQUAL;
            };
        }

        static Operator of(String symbol)
        {
            return switch (symbol) {
                case "=" -> EQUAL;
                case "<>", "!=" -> NOT_EQUAL;
                case "<" -> LESS;
                case "<=" -> LESS_OR_EQUAL;
                case ">" -> GREATER;
                case ">=" -> GREATER_OR_EQUAL;
                default -> throw new IllegalArgumentException("not an operator: " + symbol);
            };
        }
    }

    // ---- recursive descent, lowest precedence first

    private Predicate parseOr()
    {
        Predicate left = parseAnd();
        while (acceptKeyword("OR")) {
            left = new Or(left, parseAnd());
        }
        return left;
    }

    private Predicate parseAnd()
    {
        Predicate left = parseUnary();
        while (acceptKeyword("AND")) {
            left = new And(left, parseUnary());
        }
        return left;
    }

    private Predicate parseUnary()
    {
        if (acceptKeyword("NOT")) {
            return new Not(parseUnary());
        }
        if (peek().kind() == TokenKind.LEFT_PARENTHESIS) {
            next++;
            Predicate inner = parseOr();
            expect(TokenKind.RIGHT_PARENTHESIS, "')'");
            return inner;
        }
        return parsePredicate();
    }

    private Predicate parsePredicate()
    {
        Token left = operand("a partition key, a value, NOT or '('");
        Token token = peek();
        if (token.kind() == TokenKind.OPERATOR) {
            next++;
            Token right = operand("a value after '" + token.text() + "'");
            Operator operator = Operator.of(token.text());
            if (left.kind() == TokenKind.IDENTIFIER && right.kind() != TokenKind.IDENTIFIER) {
                return new Comparison(key(left), operator, literal(right));
            }
            if (left.kind() != TokenKind.IDENTIFIER && right.kind() == TokenKind.IDENTIFIER) {
                return new Comparison(key(right), operator.flip(), literal(left));
            }
            throw new PartitionExpressionException(left.position(), left.kind() == TokenKind.IDENTIFIER
                    ? "a partition key can only be compared with a value, not with another key ('%s')".formatted(right.text())
                    : "a comparison needs a partition key on one side");
        }
        if (isKeyword(token, "IS")) {
            next++;
            boolean negated = acceptKeyword("NOT");
            Token nullToken = peek();
            if (!isKeyword(nullToken, "NULL")) {
                throw unexpected(nullToken, "NULL");
            }
            next++;
            Predicate isNull = new IsNull(keyOnLeft(left, "IS NULL"));
            return negated ? new Not(isNull) : isNull;
        }
        boolean negated = acceptKeyword("NOT");
        Token operatorToken = peek();
        Predicate predicate;
        if (isKeyword(operatorToken, "BETWEEN")) {
            next++;
            Key key = keyOnLeft(left, "BETWEEN");
            Literal low = literal(operand("a value after BETWEEN"));
            if (!acceptKeyword("AND")) {
                throw unexpected(peek(), "AND of BETWEEN ... AND ...");
            }
            predicate = new Between(key, low, literal(operand("a value after BETWEEN ... AND")));
        }
        else if (isKeyword(operatorToken, "IN")) {
            next++;
            Key key = keyOnLeft(left, "IN");
            expect(TokenKind.LEFT_PARENTHESIS, "'(' after IN");
            List<Literal> values = new ArrayList<>();
            values.add(literal(operand("a value in the IN list")));
            while (peek().kind() == TokenKind.COMMA) {
                next++;
                values.add(literal(operand("a value in the IN list")));
            }
            expect(TokenKind.RIGHT_PARENTHESIS, "',' or ')' in the IN list");
            predicate = new In(key, values);
        }
        else if (isKeyword(operatorToken, "LIKE")) {
            next++;
            Key key = keyOnLeft(left, "LIKE");
            Token pattern = operand("a pattern after LIKE");
            if (pattern.kind() != TokenKind.STRING) {
                throw new PartitionExpressionException(pattern.position(), "the pattern of LIKE must be a string in single quotes");
            }
            predicate = new Like(key, literal(pattern));
        }
        else {
            throw unexpected(operatorToken, negated ? "BETWEEN, IN or LIKE after NOT" : "a comparison operator, BETWEEN, IN, LIKE or IS");
        }
        return negated ? new Not(predicate) : predicate;
    }

    private Token operand(String expected)
    {
        Token token = peek();
        if (token.kind() == TokenKind.IDENTIFIER || token.kind() == TokenKind.STRING || token.kind() == TokenKind.NUMBER) {
            next++;
            return token;
        }
        throw unexpected(token, expected);
    }

    private static Key keyOnLeft(Token left, String operator)
    {
        if (left.kind() != TokenKind.IDENTIFIER) {
            throw new PartitionExpressionException(left.position(), "%s needs a partition key on its left, not the value %s".formatted(operator, left.text()));
        }
        return key(left);
    }

    private static Key key(Token token)
    {
        return new Key(token.text(), token.position());
    }

    private static Literal literal(Token token)
    {
        if (token.kind() == TokenKind.IDENTIFIER) {
            throw new PartitionExpressionException(token.position(), "expected a value but found the partition key '%s' (strings take single quotes)".formatted(token.text()));
        }
        return new Literal(token.text(), token.kind() == TokenKind.STRING, token.position());
    }

    private boolean acceptKeyword(String keyword)
    {
        if (isKeyword(peek(), keyword)) {
            next++;
            return true;
        }
        return false;
    }

    private static boolean isKeyword(Token token, String keyword)
    {
        return token.kind() == TokenKind.KEYWORD && token.text().equals(keyword);
    }

    private void expect(TokenKind kind, String expected)
    {
        Token token = peek();
        if (token.kind() != kind) {
            throw unexpected(token, expected);
        }
        next++;
    }

    private Token peek()
    {
        return tokens.get(next);
    }

    private PartitionExpressionException unexpected(Token found, String expected)
    {
        String what = found.kind() == TokenKind.END ? "the end of the expression" : "'" + text.substring(found.position() - 1, found.end()) + "'";
        return new PartitionExpressionException(found.position(), "expected %s but found %s".formatted(expected, what));
    }

    // ---- tokens

    private enum TokenKind { IDENTIFIER, KEYWORD, STRING, NUMBER, OPERATOR, LEFT_PARENTHESIS, RIGHT_PARENTHESIS, COMMA, END }

    /** {@code text} is a keyword in upper case, a string's or quoted name's content, or the token as written; positions are 1-based, {@code end} exclusive 0-based. */
    private record Token(TokenKind kind, String text, int position, int end) {}

    private static List<Token> tokenize(String text)
    {
        List<Token> tokens = new ArrayList<>();
        int index = 0;
        while (index < text.length()) {
            char c = text.charAt(index);
            int start = index;
            if (Character.isWhitespace(c)) {
                index++;
                continue;
            }
            if (c == '\'') {
                StringBuilder value = new StringBuilder();
                index++;
                while (true) {
                    if (index >= text.length()) {
                        throw new PartitionExpressionException(start + 1, "unterminated string (a string starting here has no closing quote)");
                    }
                    char d = text.charAt(index);
                    if (d == '\'') {
                        if (index + 1 < text.length() && text.charAt(index + 1) == '\'') {
                            value.append('\'');
                            index += 2;
                            continue;
                        }
                        index++;
                        break;
                    }
                    value.append(d);
                    index++;
                }
                tokens.add(new Token(TokenKind.STRING, value.toString(), start + 1, index));
            }
            else if (c == '`' || c == '"') {
                int close = text.indexOf(c, index + 1);
                if (close < 0) {
                    throw new PartitionExpressionException(start + 1, "unterminated quoted name (no closing %c)".formatted(c));
                }
                if (close == index + 1) {
                    throw new PartitionExpressionException(start + 1, "empty quoted name");
                }
                tokens.add(new Token(TokenKind.IDENTIFIER, text.substring(index + 1, close), start + 1, close + 1));
                index = close + 1;
            }
            else if (Character.isDigit(c) || (c == '-' && startsNumber(text, index + 1) && !previousIsOperand(tokens)) || (c == '.' && startsNumber(text, index + 1))) {
                index = scanNumber(text, c == '-' ? index + 1 : index);
                tokens.add(new Token(TokenKind.NUMBER, text.substring(start, index), start + 1, index));
            }
            else if (Character.isLetter(c) || c == '_') {
                while (index < text.length() && (Character.isLetterOrDigit(text.charAt(index)) || text.charAt(index) == '_')) {
                    index++;
                }
                String word = text.substring(start, index);
                String upper = word.toUpperCase(Locale.ROOT);
                tokens.add(KEYWORDS.contains(upper)
                        ? new Token(TokenKind.KEYWORD, upper, start + 1, index)
                        : new Token(TokenKind.IDENTIFIER, word, start + 1, index));
            }
            else if (c == '<' || c == '>' || c == '=' || c == '!') {
                String two = index + 1 < text.length() ? text.substring(index, index + 2) : "";
                String symbol = switch (two) {
                    case "<>", "<=", ">=", "!=" -> two;
                    default -> c == '!' ? null : String.valueOf(c);
                };
                if (symbol == null) {
                    throw new PartitionExpressionException(start + 1, "unexpected character '!' (did you mean '!='?)");
                }
                index += symbol.length();
                tokens.add(new Token(TokenKind.OPERATOR, symbol, start + 1, index));
            }
            else if (c == '(' || c == ')' || c == ',') {
                index++;
                TokenKind kind = c == '(' ? TokenKind.LEFT_PARENTHESIS : c == ')' ? TokenKind.RIGHT_PARENTHESIS : TokenKind.COMMA;
                tokens.add(new Token(kind, String.valueOf(c), start + 1, index));
            }
            else {
                throw new PartitionExpressionException(start + 1, "unexpected character '%s'".formatted(new String(Character.toChars(text.codePointAt(index)))));
            }
        }
        tokens.add(new Token(TokenKind.END, "", text.length() + 1, text.length()));
        return tokens;
    }

    private static boolean startsNumber(String text, int index)
    {
        return index < text.length() && (Character.isDigit(text.charAt(index)) || (text.charAt(index) == '.' && index + 1 < text.length() && Character.isDigit(text.charAt(index + 1))));
    }

    /** A minus right after a value or ')' is subtraction, which the language does not have; elsewhere it signs a number. */
    private static boolean previousIsOperand(List<Token> tokens)
    {
        if (tokens.isEmpty()) {
            return false;
        }
        TokenKind previous = tokens.getLast().kind();
        return previous == TokenKind.IDENTIFIER || previous == TokenKind.STRING || previous == TokenKind.NUMBER || previous == TokenKind.RIGHT_PARENTHESIS;
    }

    /** Digits, an optional fraction and an optional exponent, from {@code index}; returns the end. */
    private static int scanNumber(String text, int index)
    {
        int end = digits(text, index);
        if (end < text.length() && text.charAt(end) == '.') {
            end = digits(text, end + 1);
        }
        if (end < text.length() && (text.charAt(end) == 'e' || text.charAt(end) == 'E')) {
            int exponent = end + 1;
            if (exponent < text.length() && (text.charAt(exponent) == '+' || text.charAt(exponent) == '-')) {
                exponent++;
            }
            if (exponent < text.length() && Character.isDigit(text.charAt(exponent))) {
                end = digits(text, exponent);
            }
        }
        if (end < text.length() && (Character.isLetter(text.charAt(end)) || text.charAt(end) == '_')) {
            throw new PartitionExpressionException(end + 1, "unexpected character '%c' in a number".formatted(text.charAt(end)));
        }
        return end;
    }

    private static int digits(String text, int index)
    {
        while (index < text.length() && Character.isDigit(text.charAt(index))) {
            index++;
        }
        return index;
    }
}
