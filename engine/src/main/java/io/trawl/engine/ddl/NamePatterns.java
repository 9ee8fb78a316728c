package io.trawl.engine.ddl;

import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;

import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** The name filters of SHOW statements: Hive's for Hive DDL, SQL LIKE for Trino's grammar. */
final class NamePatterns
{
    private NamePatterns() {}

    /**
     * Hive's SHOW TABLES/DATABASES pattern, as Athena documents it: '*' matches any characters and '|'
     * separates alternatives; the match is case-insensitive and covers the whole name.
     */
    static Predicate<String> hive(Optional<String> pattern)
    {
        if (pattern.isEmpty()) {
            return _ -> true;
        }
        StringBuilder regex = new StringBuilder();
        for (String alternative : pattern.get().split("\\|", -1)) {
            if (!regex.isEmpty()) {
                regex.append('|');
            }
            String[] literals = alternative.strip().split("\\*", -1);
            for (int index = 0; index < literals.length; index++) {
                if (index > 0) {
                    regex.append(".*");
                }
                regex.append(Pattern.quote(literals[index]));
            }
        }
        Pattern compiled = Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
        return name -> compiled.matcher(name).matches();
    }

    /** SQL LIKE: '%' any characters, '_' one character, with an optional one-character escape. */
    static Predicate<String> like(Optional<String> pattern, Optional<String> escape)
    {
        if (pattern.isEmpty()) {
            return _ -> true;
        }
        Optional<Character> escapeCharacter = escape.map(text -> {
            if (text.length() != 1) {
                throw new TrawlException(ErrorCode.INVALID_ARGUMENT, "Escape string must be a single character: '" + text + "'");
            }
            return text.charAt(0);
        });
        StringBuilder regex = new StringBuilder();
        String text = pattern.get();
        for (int index = 0; index < text.length(); index++) {
            char character = text.charAt(index);
            if (escapeCharacter.isPresent() && character == escapeCharacter.get()) {
                if (index + 1 >= text.length()) {
                    throw new TrawlException(ErrorCode.INVALID_ARGUMENT, "Escape character must be followed by '%', '_' or the escape character: '" + text + "'");
                }
                index++;
                regex.append(Pattern.quote(String.valueOf(text.charAt(index))));
            }
            else if (character == '%') {
                regex.append(".*");
            }
            else if (character == '_') {
                regex.append('.');
            }
            else {
                regex.append(Pattern.quote(String.valueOf(character)));
            }
        }
        Pattern compiled = Pattern.compile(regex.toString(), Pattern.DOTALL);
        return name -> compiled.matcher(name).matches();
    }
}
