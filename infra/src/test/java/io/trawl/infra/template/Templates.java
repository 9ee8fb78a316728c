package io.trawl.infra.template;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a CloudFormation / SAM template written in YAML into a JSON tree. Short-form intrinsics ({@code !Ref},
 * {@code !Sub}, ...) are refused: a plain YAML reader keeps only their argument and drops the function, so the tree
 * would silently say something else than CloudFormation reads. Templates use the long forms ({@code Ref:},
 * {@code Fn::Sub:}), which are ordinary YAML.
 */
public final class Templates
{
    private static final YAMLFactory YAML = new YAMLFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper(YAML);

    private Templates() {}

    public static JsonNode read(Path template)
    {
        try {
            return parse(Files.readString(template));
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read " + template, e);
        }
    }

    public static JsonNode parse(String yaml)
    {
        try {
            refuseTags(yaml);
            return MAPPER.readTree(yaml);
        }
        catch (IOException e) {
            throw new UncheckedIOException("not a YAML template: " + e.getMessage(), e);
        }
    }

    private static void refuseTags(String yaml)
            throws IOException
    {
        try (YAMLParser parser = YAML.createParser(yaml)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                String tag = parser.getTypeId();
                if (tag != null) {
                    // the parser hands the local tag without its '!'
                    throw new IllegalArgumentException("line %d: YAML tag %s (a short-form intrinsic?): write the long form, e.g. Ref: or Fn::Sub:"
                            .formatted(parser.currentLocation().getLineNr(), tag.startsWith("!") ? tag : "!" + tag));
                }
            }
        }
    }
}
