package io.trawl.testing.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A test function: answers its payload upper-cased, unless the payload asks for something else:
 * {@code fail:<message>} throws, {@code sleep:<millis>} sleeps first, {@code respond:<bytes>} answers a JSON
 * string of exactly that many bytes.
 */
public final class UppercaseHandler
        implements RequestStreamHandler
{
    private static final Pattern COMMAND = Pattern.compile("(fail|sleep|respond):([^\"]*)");

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context)
            throws IOException
    {
        String payload = new String(input.readAllBytes(), StandardCharsets.UTF_8);
        context.getLogger().log("uppercasing %d bytes".formatted(payload.length()));
        Matcher command = COMMAND.matcher(payload);
        if (command.find()) {
            switch (command.group(1)) {
                case "fail" -> throw new IllegalStateException("asked to fail: " + command.group(2));
                case "sleep" -> sleep(Long.parseLong(command.group(2)));
                case "respond" -> {
                    output.write(jsonStringOfLength(Integer.parseInt(command.group(2))));
                    return;
                }
                default -> throw new IllegalArgumentException(command.group(1));
            }
        }
        output.write(payload.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
    }

    private static void sleep(long millis)
            throws IOException
    {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    static byte[] jsonStringOfLength(int bytes)
    {
        byte[] json = new byte[bytes];
        Arrays.fill(json, (byte) 'a');
        json[0] = '"';
        json[bytes - 1] = '"';
        return json;
    }
}
