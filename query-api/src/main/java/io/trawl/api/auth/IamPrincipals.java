package io.trawl.api.auth;

import io.trawl.api.protocol.AwsServiceException;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Maps the IAM identities AWS verified ({@link IamIdentity}) to Trawl principals, whose grants then apply.
 *
 * <p>{@code TRAWL_IAM_PRINCIPALS} holds rules separated by {@code ;} or whitespace (IAM names may hold commas), {@code <ARN pattern>=<principal>}, tried in order; a
 * pattern's {@code *} matches any characters, and the principal may use {@code {user}} (an IAM user's name),
 * {@code {role}} and {@code {session}} (an assumed role's name and session name) and {@code {account}}. Without a
 * matching rule, an IAM user is its user name and an assumed role is its role name. The session name is never used
 * unless a rule says so: whoever may assume a role chooses its session name, so it identifies someone only where
 * the role's trust policy fixes it (IAM Identity Center sets it to the user's name; a {@code sts:RoleSessionName}
 * condition can). Any other identity (the account root, a federated user) maps to nothing and is refused.
 *
 * <pre>
 * TRAWL_IAM_PRINCIPALS=arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_*&#47;*={session};arn:aws:iam::123456789012:user/ci-*=ci
 * </pre>
 */
public final class IamPrincipals
{
    public static final String VARIABLE = "TRAWL_IAM_PRINCIPALS";

    private static final Pattern ARN = Pattern.compile("arn:aws[a-z-]*:(iam|sts)::(\\d{12}):(user|assumed-role)/(.+)");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(user|role|session|account)}");

    private final List<Rule> rules;

    private IamPrincipals(List<Rule> rules)
    {
        this.rules = List.copyOf(requireNonNull(rules, "rules is null"));
    }

    /**
     * @throws TrawlException {@code INVALID_ARGUMENT} when a rule is malformed, so a deployment never starts with a
     *         mapping it does not mean
     */
    public static IamPrincipals fromEnvironment(Map<String, String> environment)
    {
        String text = environment.getOrDefault(VARIABLE, "").strip();
        List<Rule> rules = new ArrayList<>();
        if (!text.isEmpty()) {
            // IAM names may hold commas and '=' but never ';' or whitespace; principals hold no '='
            for (String untrimmed : text.split("[;\\s]+")) {
                String entry = untrimmed.strip();
                if (entry.isEmpty()) {
                    continue;
                }
                int equals = entry.lastIndexOf('=');
                if (equals <= 0 || equals == entry.length() - 1) {
                    throw new TrawlException(ErrorCode.INVALID_ARGUMENT, "%s entry '%s' must be <ARN pattern>=<principal>".formatted(VARIABLE, entry));
                }
                String principal = entry.substring(equals + 1).strip();
                Matcher unknown = Pattern.compile("\\{([^}]*)}").matcher(principal);
                while (unknown.find()) {
                    if (!PLACEHOLDER.matcher(unknown.group()).matches()) {
                        throw new TrawlException(ErrorCode.INVALID_ARGUMENT, "%s entry '%s' uses {%s}; only {user}, {role}, {session} and {account} are known".formatted(VARIABLE, entry, unknown.group(1)));
                    }
                }
                rules.add(new Rule(glob(entry.substring(0, equals).strip()), principal));
            }
        }
        return new IamPrincipals(rules);
    }

    /** The caller an identity acts as; AccessDeniedException (403) when it maps to no principal. */
    public Caller caller(IamIdentity identity)
    {
        Matcher arn = ARN.matcher(identity.userArn());
        Map<String, String> parts = arn.matches() ? parts(arn) : Map.of();
        Optional<String> principal = rules.stream()
                .filter(rule -> rule.pattern().matcher(identity.userArn()).matches())
                .findFirst()
                .map(rule -> substitute(rule.principal(), parts, identity))
                .or(() -> Optional.ofNullable(parts.getOrDefault("user", parts.get("role"))));
        return principal.filter(name -> !name.isBlank())
                .map(name -> new Caller(name, identity.accessKeyId().isEmpty() ? identity.userArn() : identity.accessKeyId()))
                .orElseThrow(() -> new AwsServiceException("AccessDeniedException", 403,
                        "IAM identity %s maps to no Trawl principal (see %s)".formatted(identity.userArn(), VARIABLE)));
    }

    private static Map<String, String> parts(Matcher arn)
    {
        String account = arn.group(2);
        String resource = arn.group(4);
        if (arn.group(3).equals("user")) {
            // an IAM user's ARN carries its path: user/division/team/name
            return Map.of("account", account, "user", resource.substring(resource.lastIndexOf('/') + 1));
        }
        int slash = resource.indexOf('/');
        if (slash <= 0) {
            return Map.of("account", account);
        }
        return Map.of("account", account, "role", resource.substring(0, slash), "session", resource.substring(slash + 1));
    }

    private static String substitute(String template, Map<String, String> parts, IamIdentity identity)
    {
        Matcher placeholder = PLACEHOLDER.matcher(template);
        StringBuilder principal = new StringBuilder();
        while (placeholder.find()) {
            String value = parts.get(placeholder.group(1));
            if (value == null) {
                throw new AwsServiceException("AccessDeniedException", 403,
                        "IAM identity %s has no {%s} for the principal '%s' (see %s)".formatted(identity.userArn(), placeholder.group(1), template, VARIABLE));
            }
            placeholder.appendReplacement(principal, Matcher.quoteReplacement(value));
        }
        placeholder.appendTail(principal);
        return principal.toString();
    }

    private static Pattern glob(String pattern)
    {
        StringBuilder regex = new StringBuilder();
        for (String literal : pattern.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(literal));
        }
        return Pattern.compile(regex.toString());
    }

    private record Rule(Pattern pattern, String principal) {}
}
