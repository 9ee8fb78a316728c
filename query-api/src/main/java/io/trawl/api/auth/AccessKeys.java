package io.trawl.api.auth;

import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The access keys the service accepts, by access key id. Read from the environment:
 * <ul>
 * <li>{@code TRAWL_ACCESS_KEYS}: comma-separated {@code ACCESS_KEY_ID:SECRET:principal[:SESSION_TOKEN]} entries;</li>
 * <li>{@code TRAWL_ACCESS_KEYS_FILE}: a file with one {@code ACCESS_KEY_ID=SECRET:principal[:SESSION_TOKEN]} per line,
 * blank lines and lines starting with {@code #} ignored.</li>
 * </ul>
 * Both may be set; an access key id may appear once across them. A source that is set but holds no key is an error
 * rather than an empty set, because no keys means development mode, which accepts any signed request.
 * Errors name the entry by its position and access key id, never by its text, which holds a secret.
 */
public final class AccessKeys
{
    public static final String KEYS_VARIABLE = "TRAWL_ACCESS_KEYS";
    public static final String KEYS_FILE_VARIABLE = "TRAWL_ACCESS_KEYS_FILE";

    private static final String ENTRY_FORM = "ACCESS_KEY_ID:SECRET:principal[:SESSION_TOKEN]";
    private static final String LINE_FORM = "ACCESS_KEY_ID=SECRET:principal[:SESSION_TOKEN]";

    private final Map<String, AccessKey> keys;

    private AccessKeys(Map<String, AccessKey> keys)
    {
        this.keys = Map.copyOf(keys);
    }

    public static AccessKeys none()
    {
        return new AccessKeys(Map.of());
    }

    public static AccessKeys of(List<AccessKey> keys)
    {
        Map<String, AccessKey> byId = new LinkedHashMap<>();
        for (AccessKey key : keys) {
            add(byId, key, "access keys");
        }
        return new AccessKeys(byId);
    }

    /**
     * @throws TrawlException {@link ErrorCode#INVALID_ARGUMENT} for a malformed entry, an unreadable or empty file, or an
     *         access key id given twice
     */
    public static AccessKeys fromEnvironment(Map<String, String> environment)
    {
        requireNonNull(environment, "environment is null");
        Map<String, AccessKey> byId = new LinkedHashMap<>();
        Optional.ofNullable(environment.get(KEYS_VARIABLE)).filter(value -> !value.isBlank()).ifPresent(value -> readVariable(value, byId));
        Optional.ofNullable(environment.get(KEYS_FILE_VARIABLE)).filter(value -> !value.isBlank()).ifPresent(value -> readFile(Path.of(value.trim()), byId));
        return new AccessKeys(byId);
    }

    public Optional<AccessKey> find(String accessKeyId)
    {
        return Optional.ofNullable(keys.get(accessKeyId));
    }

    public boolean isEmpty()
    {
        return keys.isEmpty();
    }

    public int size()
    {
        return keys.size();
    }

    @Override
    public String toString()
    {
        return "AccessKeys" + keys.values();
    }

    private static void readVariable(String value, Map<String, AccessKey> byId)
    {
        String[] entries = value.split(",", -1);
        int read = 0;
        for (int index = 0; index < entries.length; index++) {
            String entry = entries[index].trim();
            if (entry.isEmpty()) {
                continue;
            }
            String where = "%s entry %d".formatted(KEYS_VARIABLE, index + 1);
            int colon = entry.indexOf(':');
            if (colon < 0) {
                throw invalid("%s must be %s".formatted(where, ENTRY_FORM));
            }
            add(byId, parse(entry.substring(0, colon), entry.substring(colon + 1), where, ENTRY_FORM), where);
            read++;
        }
        if (read == 0) {
            throw invalid("%s is set but holds no access key; each entry is %s".formatted(KEYS_VARIABLE, ENTRY_FORM));
        }
    }

    private static void readFile(Path file, Map<String, AccessKey> byId)
    {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new TrawlException(ErrorCode.INVALID_ARGUMENT, "%s names %s, which cannot be read: %s".formatted(KEYS_FILE_VARIABLE, file, e), e);
        }
        int read = 0;
        for (int index = 0; index < lines.size(); index++) {
            String line = lines.get(index).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = "%s %s line %d".formatted(KEYS_FILE_VARIABLE, file, index + 1);
            int equals = line.indexOf('=');
            if (equals < 0) {
                throw invalid("%s must be %s".formatted(where, LINE_FORM));
            }
            AccessKey key = parse(line.substring(0, equals).strip(), line.substring(equals + 1).strip(), where, LINE_FORM);
            add(byId, key, where);
            read++;
        }
        if (read == 0) {
            throw invalid("%s %s holds no access key; each line is %s".formatted(KEYS_FILE_VARIABLE, file, LINE_FORM));
        }
    }

    /** {@code rest} is {@code SECRET:principal[:SESSION_TOKEN]}; neither it nor any part of it goes into a message. */
    private static AccessKey parse(String accessKeyId, String rest, String where, String form)
    {
        String named = "%s (access key id '%s')".formatted(where, accessKeyId);
        String[] parts = rest.split(":", -1);
        if (parts.length < 2 || parts.length > 3) {
            throw invalid("%s must be %s, with no ':' inside a secret, principal or token".formatted(named, form));
        }
        try {
            return new AccessKey(accessKeyId, parts[0], parts[1].strip(), parts.length == 3 ? Optional.of(parts[2]) : Optional.empty());
        }
        catch (IllegalArgumentException e) {
            throw invalid("%s is invalid: %s".formatted(named, e.getMessage()));
        }
    }

    private static void add(Map<String, AccessKey> byId, AccessKey key, String where)
    {
        if (byId.putIfAbsent(key.accessKeyId(), key) != null) {
            throw invalid("%s: access key id '%s' is configured twice".formatted(where, key.accessKeyId()));
        }
    }

    private static TrawlException invalid(String message)
    {
        return new TrawlException(ErrorCode.INVALID_ARGUMENT, message);
    }
}
