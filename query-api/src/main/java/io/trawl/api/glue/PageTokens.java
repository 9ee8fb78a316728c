package io.trawl.api.glue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.trawl.api.protocol.AwsJson;
import io.trawl.api.protocol.AwsServiceException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Glue's NextToken for Trawl's listings: the sort key of the last item answered, so the next page starts right after
 * it. Any instance can continue any listing (nothing is held between calls), and items added or removed between
 * pages neither shift nor repeat the rest.
 */
final class PageTokens
{
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private PageTokens() {}

    static String ofKey(List<String> lastKey)
    {
        try {
            return ENCODER.encodeToString(AwsJson.mapper().writeValueAsBytes(lastKey));
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a page token", e);
        }
    }

    /** The key a token continues after. @throws AwsServiceException InvalidInputException for a token Trawl did not make */
    static List<String> keyOf(String token)
    {
        try {
            List<String> key = AwsJson.mapper().readValue(new String(DECODER.decode(token), StandardCharsets.UTF_8), new TypeReference<List<String>>() {});
            if (key == null || key.contains(null)) {
                throw new IllegalArgumentException("null in key");
            }
            return key;
        }
        catch (IllegalArgumentException | JsonProcessingException e) {
            throw AwsServiceException.invalidInput("Invalid NextToken.");
        }
    }
}
