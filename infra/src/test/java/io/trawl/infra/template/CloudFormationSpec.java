package io.trawl.infra.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The slice of the CloudFormation resource schemas and of the SAM specification that {@code cloudformation-spec.json}
 * holds (its header names each source file and the commit it was read at). Read-only views over that data.
 */
public final class CloudFormationSpec
{
    private static final String RESOURCE = "/cloudformation-spec.json";

    private final JsonNode data;

    private CloudFormationSpec(JsonNode data)
    {
        this.data = requireNonNull(data, "data is null");
    }

    public static CloudFormationSpec load()
    {
        try (InputStream in = CloudFormationSpec.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the class path");
            }
            return new CloudFormationSpec(new ObjectMapper().readTree(in));
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    public JsonNode header()
    {
        return data.get("header");
    }

    public Set<String> templateSections()
    {
        return strings(data.at("/template/sections"));
    }

    public Set<String> requiredSections()
    {
        return strings(data.at("/template/required"));
    }

    public Set<String> formatVersions()
    {
        return strings(data.at("/template/formatVersions"));
    }

    public String samTransform()
    {
        return data.at("/template/samTransform").asText();
    }

    public Set<String> pseudoParameters()
    {
        return strings(data.get("pseudoParameters"));
    }

    public Set<String> parameterTypes()
    {
        return strings(data.at("/parameters/types"));
    }

    public Set<String> requiredParameterKeys()
    {
        return strings(data.at("/parameters/required"));
    }

    /** The keys a parameter of {@code type} may have: per kind of type, with a fallback for the AWS-specific ones. */
    public Set<String> parameterKeys(String type)
    {
        JsonNode byType = data.at("/parameters/keysByType");
        return strings(byType.has(type) ? byType.get(type) : byType.get("*"));
    }

    public Set<String> outputKeys()
    {
        return strings(data.at("/outputs/keys"));
    }

    public Set<String> requiredOutputKeys()
    {
        return strings(data.at("/outputs/required"));
    }

    public Set<String> globalsSections()
    {
        return strings(data.at("/globals/sections"));
    }

    /** The properties Globals may set for a section; empty when the data does not cover the section. */
    public Optional<Set<String>> globalsProperties(String section)
    {
        JsonNode properties = data.get("globals").get(section);
        return properties == null || !properties.isArray() ? Optional.empty() : Optional.of(strings(properties));
    }

    public Set<String> resourceEntryKeys(String type)
    {
        JsonNode byType = data.get("resourceEntryKeys");
        return strings(byType.has(type) ? byType.get(type) : byType.get("*"));
    }

    /** A resource type the template may declare (generated-only types, such as SAM's function URL, are not). */
    public Optional<ResourceType> declarableType(String type)
    {
        return resourceType(type).filter(resourceType -> !resourceType.generatedOnly());
    }

    public Set<String> declarableTypeNames()
    {
        Set<String> names = new LinkedHashSet<>();
        data.get("resourceTypes").fieldNames().forEachRemaining(name -> declarableType(name).ifPresent(_ -> names.add(name)));
        return names;
    }

    public Optional<ResourceType> resourceType(String type)
    {
        JsonNode node = data.get("resourceTypes").get(type);
        return node == null ? Optional.empty() : Optional.of(new ResourceType(type, node));
    }

    /** One resource type's data: its properties (name to value shape), required ones, definitions, attributes. */
    public record ResourceType(String name, JsonNode node)
    {
        public ResourceType
        {
            requireNonNull(name, "name is null");
            requireNonNull(node, "node is null");
        }

        public boolean generatedOnly()
        {
            return node.path("generatedOnly").asBoolean(false);
        }

        public JsonNode properties()
        {
            return node.get("properties");
        }

        public Set<String> required()
        {
            return strings(node.get("required"));
        }

        public Set<String> attributes()
        {
            return strings(node.get("attributes"));
        }

        public Optional<JsonNode> definition(String name)
        {
            return Optional.ofNullable(node.path("definitions").get(name));
        }

        public JsonNode requiredForZipPackage()
        {
            return node.path("requiredForZipPackage");
        }

        public JsonNode referableProperties()
        {
            return node.path("referableProperties");
        }

        public JsonNode generatedResources()
        {
            return node.path("generatedResources");
        }

        public JsonNode policyTemplates()
        {
            return node.path("policyTemplates");
        }
    }

    static Set<String> strings(JsonNode array)
    {
        Set<String> values = new LinkedHashSet<>();
        if (array != null) {
            array.forEach(value -> values.add(value.asText()));
        }
        return values;
    }
}
