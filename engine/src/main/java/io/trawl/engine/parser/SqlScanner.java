package io.trawl.engine.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small lexer that knows only what splitting scripts and routing statements need: where strings,
 * quoted identifiers and comments start and end, which words come first, and where a ';' ends a
 * statement. Trino's grammar doubles quotes inside strings ({@code 'it''s'}); Hive's also takes a
 * backslash escape ({@code '\''}). The Hive rule applies to statements that begin like Hive-only DDL
 * (CREATE EXTERNAL, CREATE DATABASE|SCHEMA, ALTER TABLE), the Trino rule everywhere else.
 */
final class SqlScanner
{
    enum Kind { WORD, QUOTED, SYMBOL }

    /** A token; {@code text} is upper-cased for words. {@code end} is exclusive. */
    record Token(Kind kind, String text, int start, int end)
    {
        boolean isWord(String word)
        {
            return kind == Kind.WORD && text.equals(word);
        }

        boolean isSymbol(char symbol)
        {
            return kind == Kind.SYMBOL && text.charAt(0) == symbol;
        }
    }

    private SqlScanner() {}

    /** The statements of a script as lists of tokens, split at ';' (which is not part of any statement). */
    static List<List<Token>> statements(String sql)
    {
        List<List<Token>> statements = new ArrayList<>();
        List<Token> current = new ArrayList<>();
        int position = 0;
        while (position < sql.length()) {
            char character = sql.charAt(position);
            if (Character.isWhitespace(character)) {
                position++;
            }
            else if (sql.startsWith("--", position)) {
                position = lineEnd(sql, position);
            }
            else if (sql.startsWith("/*", position)) {
                int close = sql.indexOf("*/", position + 2);
                position = close < 0 ? sql.length() : close + 2;
            }
            else if (character == '\'' || character == '"' || character == '`') {
                int end = quotedEnd(sql, position, character, character != '`' && backslashEscapes(current));
                current.add(new Token(Kind.QUOTED, sql.substring(position, end), position, end));
                position = end;
            }
            else if (isWordCharacter(character)) {
                int end = position;
                while (end < sql.length() && isWordCharacter(sql.charAt(end))) {
                    end++;
                }
                current.add(new Token(Kind.WORD, sql.substring(position, end).toUpperCase(Locale.ROOT), position, end));
                position = end;
            }
            else if (character == ';') {
                statements.add(List.copyOf(current));
                current = new ArrayList<>();
                position++;
            }
            else {
                current.add(new Token(Kind.SYMBOL, String.valueOf(character), position, position + 1));
                position++;
            }
        }
        statements.add(List.copyOf(current));
        return statements;
    }

    /** The tokens of one statement; a ';' (if any) ends the scan. */
    static List<Token> tokens(String sql)
    {
        return statements(sql).getFirst();
    }

    private static boolean backslashEscapes(List<Token> statementSoFar)
    {
        if (statementSoFar.size() < 2) {
            return false;
        }
        Token first = statementSoFar.get(0);
        Token second = statementSoFar.get(1);
        if (first.isWord("CREATE")) {
            return second.isWord("EXTERNAL") || second.isWord("DATABASE") || second.isWord("SCHEMA");
        }
        return first.isWord("ALTER") && second.isWord("TABLE");
    }

    private static int quotedEnd(String sql, int start, char quote, boolean backslashEscapes)
    {
        int position = start + 1;
        while (position < sql.length()) {
            char character = sql.charAt(position);
            if (backslashEscapes && character == '\\') {
                position += 2;
            }
            else if (character == quote) {
                if (position + 1 < sql.length() && sql.charAt(position + 1) == quote) {
                    position += 2;
                }
                else {
                    return position + 1;
                }
            }
            else {
                position++;
            }
        }
        // unterminated: the rest belongs to it, and the parser reports the error with its position
        return sql.length();
    }

    private static int lineEnd(String sql, int start)
    {
        int position = start;
        while (position < sql.length() && sql.charAt(position) != '\n' && sql.charAt(position) != '\r') {
            position++;
        }
        return position;
    }

    private static boolean isWordCharacter(char character)
    {
        return Character.isLetterOrDigit(character) || character == '_' || character == '$' || character == '@';
    }
}
