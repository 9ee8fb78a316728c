package io.trawl.api.athena;

import io.trawl.api.protocol.AwsServiceException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The input checks AWS's front end makes before an Athena operation runs, worded as it words them: every violated
 * constraint of the request's members becomes one {@code InvalidRequestException} with {@code AthenaErrorCode}
 * {@code INVALID_INPUT} and the message {@code "N validation error(s) detected: <violation>; <violation>"}, each
 * violation naming the member the way the service model spells it ({@code 'maxResults'},
 * {@code 'configuration.bytesScannedCutoffPerQuery'}). The wording of numeric ranges is the one measured against
 * Athena (ListWorkGroups with MaxResults 51: {@code Value at 'maxResults' failed to satisfy constraint: Member must
 * have value less than or equal to 50}); the others are AWS's usual texts.
 */
final class MemberChecks
{
    private final List<String> violations = new ArrayList<>();

    private MemberChecks() {}

    static MemberChecks check()
    {
        return new MemberChecks();
    }

    /** Athena's 400 for input it rejects, with the {@code AthenaErrorCode} its error shape carries. */
    static AwsServiceException invalidInput(String message)
    {
        return new AwsServiceException("InvalidRequestException", 400, message, Map.of("AthenaErrorCode", "INVALID_INPUT"));
    }

    MemberChecks required(String member, Object value)
    {
        if (value == null) {
            violations.add("Value null at '%s' failed to satisfy constraint: Member must not be null".formatted(member));
        }
        return this;
    }

    /** A string's length, when the string is given. */
    MemberChecks length(String member, String value, int minimum, int maximum)
    {
        if (value == null) {
            return this;
        }
        if (value.length() < minimum) {
            violations.add("Value '%s' at '%s' failed to satisfy constraint: Member must have length greater than or equal to %d".formatted(value, member, minimum));
        }
        else if (value.length() > maximum) {
            violations.add("Value '%s' at '%s' failed to satisfy constraint: Member must have length less than or equal to %d".formatted(abbreviate(value), member, maximum));
        }
        return this;
    }

    /** A list's size, when the list is given. */
    MemberChecks size(String member, Collection<?> value, int minimum, int maximum)
    {
        if (value == null) {
            return this;
        }
        if (value.size() < minimum) {
            violations.add("Value '%s' at '%s' failed to satisfy constraint: Member must have length greater than or equal to %d".formatted(value, member, minimum));
        }
        else if (value.size() > maximum) {
            violations.add("Value at '%s' failed to satisfy constraint: Member must have length less than or equal to %d".formatted(member, maximum));
        }
        return this;
    }

    /** A string's pattern, when the string is given; {@code pattern} is matched against the whole value. */
    MemberChecks pattern(String member, String value, Pattern pattern)
    {
        if (value != null && !pattern.matcher(value).matches()) {
            violations.add("Value '%s' at '%s' failed to satisfy constraint: Member must satisfy regular expression pattern: %s".formatted(abbreviate(value), member, pattern.pattern()));
        }
        return this;
    }

    /** A number's range, when the number is given. */
    MemberChecks range(String member, Number value, long minimum, long maximum)
    {
        if (value == null) {
            return this;
        }
        if (value.longValue() < minimum) {
            violations.add("Value at '%s' failed to satisfy constraint: Member must have value greater than or equal to %d".formatted(member, minimum));
        }
        else if (value.longValue() > maximum) {
            violations.add("Value at '%s' failed to satisfy constraint: Member must have value less than or equal to %d".formatted(member, maximum));
        }
        return this;
    }

    /** An enumeration's value, when given. */
    MemberChecks oneOf(String member, String value, List<String> allowed)
    {
        if (value != null && !allowed.contains(value)) {
            violations.add("Value '%s' at '%s' failed to satisfy constraint: Member must satisfy enum value set: [%s]".formatted(value, member, String.join(", ", allowed)));
        }
        return this;
    }

    /** Throws the one exception that reports every violation found, if any. */
    void verify()
    {
        if (violations.isEmpty()) {
            return;
        }
        String count = violations.size() == 1 ? "1 validation error detected: " : violations.size() + " validation errors detected: ";
        throw invalidInput(count + String.join("; ", violations));
    }

    /** Long values (query strings) are not echoed whole. */
    private static String abbreviate(String value)
    {
        return value.length() <= 256 ? value : value.substring(0, 256) + "...";
    }
}
