package io.trawl.api.athena;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * One page of a listing ordered by a unique key, and the {@code NextToken} that continues it: the token names the
 * last key handed out, so a listing resumes correctly even when items are created or deleted between pages
 * (nothing is skipped but what was deleted, nothing repeated). Tokens are opaque to clients; one this service did
 * not hand out is Athena's {@code The nextPageToken is malformed: <token>} (the wording measured against Athena).
 */
record ListPage<T>(List<T> items, Optional<String> nextToken)
{
    private static final String PREFIX = "trawl-page-1:";

    ListPage
    {
        items = List.copyOf(requireNonNull(items, "items is null"));
        requireNonNull(nextToken, "nextToken is null");
    }

    /**
     * The page of {@code sorted} (ordered by {@code key}, ascending) that follows {@code token}, at most
     * {@code maxResults} long; a next token only when more items follow.
     */
    static <T> ListPage<T> of(List<T> sorted, Function<T, String> key, String token, int maxResults)
    {
        Optional<String> after = token == null ? Optional.empty() : Optional.of(decode(token));
        List<T> page = new ArrayList<>();
        boolean more = false;
        for (T item : sorted) {
            if (after.isPresent() && key.apply(item).compareTo(after.get()) <= 0) {
                continue;
            }
            if (page.size() == maxResults) {
                more = true;
                break;
            }
            page.add(item);
        }
        Optional<String> next = more && !page.isEmpty() ? Optional.of(encode(key.apply(page.getLast()))) : Optional.empty();
        return new ListPage<>(page, next);
    }

    static String encode(String lastKey)
    {
        return Base64.getEncoder().encodeToString((PREFIX + lastKey).getBytes(StandardCharsets.UTF_8));
    }

    static String decode(String token)
    {
        try {
            String text = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
            if (text.startsWith(PREFIX)) {
                return text.substring(PREFIX.length());
            }
        }
        catch (IllegalArgumentException _) {
            // not base64: reported below as Athena reports it
        }
        throw MemberChecks.invalidInput("The nextPageToken is malformed: " + token);
    }
}
