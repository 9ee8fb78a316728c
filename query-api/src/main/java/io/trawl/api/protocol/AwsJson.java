package io.trawl.api.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.Map;

/**
 * The AWS JSON 1.1 protocol as Athena and Glue use it: a {@code POST /} whose {@code X-Amz-Target} header names
 * {@code <Service>.<Operation>}, request and response bodies in JSON with PascalCase member names, absent members
 * left out (never {@code null}), and timestamps as epoch seconds with a fraction. Wire shapes are records with
 * camelCase components; this mapper spells them the way the service does.
 */
public final class AwsJson
{
    public static final String CONTENT_TYPE = "application/x-amz-json-1.1";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE)
            .serializationInclusion(JsonInclude.Include.NON_ABSENT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private AwsJson() {}

    public static ObjectMapper mapper()
    {
        return MAPPER;
    }

    /**
     * Reads an operation's input: an empty body is an empty input, as the SDKs send {@code {}} for operations
     * without members; a body that is not the expected shape is the service's {@code InvalidRequestException}.
     */
    public static <T> T readInput(JsonNode input, Class<T> shape)
    {
        try {
            return MAPPER.treeToValue(input == null || input.isNull() ? MAPPER.createObjectNode() : input, shape);
        }
        catch (JsonProcessingException | IllegalArgumentException e) {
            throw AwsServiceException.invalidRequest("Invalid request: " + firstLine(e.getMessage()));
        }
    }

    public static JsonNode parse(byte[] body)
    {
        if (body == null || body.length == 0) {
            return MAPPER.createObjectNode();
        }
        try {
            return MAPPER.readTree(body);
        }
        catch (IOException e) {
            throw new AwsServiceException("SerializationException", 400, "Request body is not valid JSON: " + firstLine(e.getMessage()));
        }
    }

    public static JsonNode toTree(Object output)
    {
        return MAPPER.valueToTree(output);
    }

    public static byte[] write(JsonNode node)
    {
        try {
            return MAPPER.writeValueAsBytes(node);
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write JSON", e);
        }
    }

    /** The body of an error response: {@code __type}, {@code Message} (both spellings the SDKs look for), and the error's own members. */
    public static byte[] errorBody(AwsServiceException error)
    {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("__type", error.errorType());
        body.put("Message", error.getMessage());
        for (Map.Entry<String, String> member : error.members().entrySet()) {
            body.put(member.getKey(), member.getValue());
        }
        return write(body);
    }

    private static String firstLine(String message)
    {
        if (message == null) {
            return "malformed input";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
