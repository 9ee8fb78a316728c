package io.trawl.infra.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trawl.infra.template.CloudFormationSpec.ResourceType;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Checks a SAM template against {@link CloudFormationSpec}: the sections, parameters and outputs are well formed,
 * every resource type is known, every property name is one its type allows (down the nested property types the data
 * covers), required properties are there, enum values and bounds hold, and every {@code Ref}, {@code Fn::GetAtt},
 * {@code Fn::Sub} placeholder and {@code Fn::If} condition names something that exists: a parameter, a pseudo
 * parameter, a resource of the template, one SAM generates from it (a function's {@code <Id>Url} and
 * {@code <Id>Role}), or a SAM referable property ({@code <Id>.Alias}).
 *
 * <p>Functions are checked as SAM sees them: with {@code Globals.Function} merged in (scalars overridden, maps merged,
 * lists appended, as the SAM specification's Globals section describes). A value given by an intrinsic function is
 * checked only for what it references, except {@code Fn::If}, whose two branches are each checked as the value.
 */
public final class TemplateValidator
{
    private static final Pattern SUB_PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");
    private static final String SERVERLESS_FUNCTION = "AWS::Serverless::Function";

    private final CloudFormationSpec spec;

    public TemplateValidator(CloudFormationSpec spec)
    {
        this.spec = requireNonNull(spec, "spec is null");
    }

    /** Every problem found, each naming where it is ({@code Resources.DataBucket.Properties.X: ...}); empty when none. */
    public List<String> problems(JsonNode template)
    {
        requireNonNull(template, "template is null");
        return new Run(template).check();
    }

    /**
     * The properties SAM gives a function: {@code Globals.Function} under the function's own. Public so that tests
     * of what the template says (runtime, handlers, code) read functions the way SAM does.
     */
    public static ObjectNode effectiveFunctionProperties(JsonNode template, String logicalId)
    {
        JsonNode globals = template.path("Globals").path("Function");
        JsonNode own = template.path("Resources").path(logicalId).path("Properties");
        return merge(globals.isObject() ? globals : JsonNodeFactory.instance.objectNode(), own.isObject() ? own : JsonNodeFactory.instance.objectNode());
    }

    private static ObjectNode merge(JsonNode globals, JsonNode own)
    {
        ObjectNode merged = globals.deepCopy();
        own.properties().forEach(entry -> {
            JsonNode global = merged.get(entry.getKey());
            JsonNode value = entry.getValue();
            if (global != null && global.isObject() && value.isObject() && !isIntrinsic(global) && !isIntrinsic(value)) {
                merged.set(entry.getKey(), merge(global, value));
            }
            else if (global != null && global.isArray() && value.isArray()) {
                ArrayNode appended = ((ArrayNode) global).deepCopy();
                appended.addAll((ArrayNode) value);
                merged.set(entry.getKey(), appended);
            }
            else {
                merged.set(entry.getKey(), value.deepCopy());
            }
        });
        return merged;
    }

    private static boolean isIntrinsic(JsonNode value)
    {
        if (!value.isObject() || value.size() != 1) {
            return false;
        }
        String key = value.fieldNames().next();
        return key.equals("Ref") || key.startsWith("Fn::");
    }

    /** One pass over one template. */
    private final class Run
    {
        private final JsonNode template;
        private final List<String> problems = new ArrayList<>();
        private final Set<String> parameters = new HashSet<>();
        private final Set<String> conditions = new HashSet<>();
        private final Map<String, String> declared = new LinkedHashMap<>();
        private final Map<String, String> generated = new LinkedHashMap<>();

        Run(JsonNode template)
        {
            this.template = template;
        }

        List<String> check()
        {
            if (!template.isObject()) {
                return List.of("the template is not a mapping");
            }
            checkSections();
            template.path("Parameters").fieldNames().forEachRemaining(parameters::add);
            template.path("Conditions").fieldNames().forEachRemaining(conditions::add);
            collectResources();
            checkParameters();
            checkGlobals();
            checkResources();
            checkOutputs();
            checkReferences("Conditions", template.path("Conditions"));
            checkReferences("Globals", template.path("Globals"));
            return List.copyOf(problems);
        }

        private void checkSections()
        {
            template.fieldNames().forEachRemaining(section -> {
                if (!spec.templateSections().contains(section)) {
                    problems.add("%s: not a template section (one of %s)".formatted(section, spec.templateSections()));
                }
            });
            for (String required : spec.requiredSections()) {
                if (!template.has(required)) {
                    problems.add("the template has no %s section".formatted(required));
                }
            }
            JsonNode version = template.get("AWSTemplateFormatVersion");
            if (version != null && !spec.formatVersions().contains(version.asText())) {
                problems.add("AWSTemplateFormatVersion: '%s' is not one of %s".formatted(version.asText(), spec.formatVersions()));
            }
        }

        private void collectResources()
        {
            template.path("Resources").properties().forEach(entry -> {
                String type = entry.getValue().path("Type").asText("");
                declared.put(entry.getKey(), type);
            });
            declared.forEach((logicalId, type) -> spec.resourceType(type).ifPresent(resourceType -> {
                if (!type.equals(SERVERLESS_FUNCTION)) {
                    return;
                }
                ObjectNode properties = effectiveFunctionProperties(template, logicalId);
                for (JsonNode resource : resourceType.generatedResources()) {
                    boolean made = resource.has("whenProperty") ? properties.has(resource.get("whenProperty").asText()) : !properties.has(resource.path("unlessProperty").asText());
                    if (made) {
                        generated.put(logicalId + resource.get("suffix").asText(), resource.get("type").asText());
                    }
                }
            }));
        }

        private void checkParameters()
        {
            template.path("Parameters").properties().forEach(entry -> {
                String path = "Parameters." + entry.getKey();
                JsonNode parameter = entry.getValue();
                for (String required : spec.requiredParameterKeys()) {
                    if (!parameter.has(required)) {
                        problems.add("%s: missing required %s".formatted(path, required));
                    }
                }
                String type = parameter.path("Type").asText();
                if (parameter.has("Type") && !spec.parameterTypes().contains(type)) {
                    problems.add("%s.Type: '%s' is not a parameter type".formatted(path, type));
                }
                Set<String> allowed = spec.parameterKeys(type);
                parameter.fieldNames().forEachRemaining(key -> {
                    if (!allowed.contains(key)) {
                        problems.add("%s.%s: not allowed for a %s parameter (allowed: %s)".formatted(path, key, type, allowed));
                    }
                });
                JsonNode defaultValue = parameter.get("Default");
                JsonNode allowedValues = parameter.get("AllowedValues");
                if (defaultValue != null && allowedValues != null && !CloudFormationSpec.strings(allowedValues).contains(defaultValue.asText())) {
                    problems.add("%s.Default: '%s' is not one of its AllowedValues %s".formatted(path, defaultValue.asText(), allowedValues));
                }
                if (defaultValue != null && type.equals("Number")) {
                    checkNumberDefault(path, parameter, defaultValue);
                }
            });
        }

        private void checkNumberDefault(String path, JsonNode parameter, JsonNode defaultValue)
        {
            if (!defaultValue.isNumber() && !defaultValue.asText().matches("-?\\d+(\\.\\d+)?")) {
                problems.add("%s.Default: '%s' is not a number".formatted(path, defaultValue.asText()));
                return;
            }
            double number = defaultValue.asDouble();
            if (parameter.has("MinValue") && number < parameter.get("MinValue").asDouble()) {
                problems.add("%s.Default: %s is below MinValue %s".formatted(path, defaultValue.asText(), parameter.get("MinValue").asText()));
            }
            if (parameter.has("MaxValue") && number > parameter.get("MaxValue").asDouble()) {
                problems.add("%s.Default: %s is above MaxValue %s".formatted(path, defaultValue.asText(), parameter.get("MaxValue").asText()));
            }
        }

        private void checkGlobals()
        {
            template.path("Globals").properties().forEach(entry -> {
                String section = entry.getKey();
                if (!spec.globalsSections().contains(section)) {
                    problems.add("Globals.%s: not a Globals section (one of %s)".formatted(section, spec.globalsSections()));
                    return;
                }
                Optional<Set<String>> allowed = spec.globalsProperties(section);
                if (allowed.isEmpty()) {
                    problems.add("Globals.%s: the specification data does not cover this section; add it to cloudformation-spec.json".formatted(section));
                    return;
                }
                entry.getValue().fieldNames().forEachRemaining(property -> {
                    if (!allowed.get().contains(property)) {
                        problems.add("Globals.%s.%s: not a property Globals may set".formatted(section, property));
                    }
                });
            });
        }

        private void checkResources()
        {
            boolean usesSam = false;
            for (Map.Entry<String, JsonNode> entry : template.path("Resources").properties()) {
                String logicalId = entry.getKey();
                String path = "Resources." + logicalId;
                JsonNode resource = entry.getValue();
                if (!resource.has("Type")) {
                    problems.add(path + ": missing Type");
                    continue;
                }
                String type = resource.get("Type").asText();
                usesSam |= type.startsWith("AWS::Serverless::");
                Optional<ResourceType> resourceType = spec.declarableType(type);
                if (resourceType.isEmpty()) {
                    problems.add("%s.Type: unknown resource type '%s' (the specification data has %s)".formatted(path, type, declarableTypes()));
                    continue;
                }
                Set<String> entryKeys = spec.resourceEntryKeys(type);
                resource.fieldNames().forEachRemaining(key -> {
                    if (!entryKeys.contains(key)) {
                        problems.add("%s.%s: not a resource attribute (one of %s)".formatted(path, key, entryKeys));
                    }
                });
                if (resource.has("Condition") && !conditions.contains(resource.get("Condition").asText())) {
                    problems.add("%s.Condition: no condition named '%s'".formatted(path, resource.get("Condition").asText()));
                }
                resource.path("DependsOn").forEach(dependency -> checkLogicalId(path + ".DependsOn", dependency.asText()));
                if (resource.path("DependsOn").isTextual()) {
                    checkLogicalId(path + ".DependsOn", resource.get("DependsOn").asText());
                }
                JsonNode properties = type.equals(SERVERLESS_FUNCTION) ? effectiveFunctionProperties(template, logicalId) : resource.path("Properties");
                checkProperties(path + ".Properties", properties, resourceType.get());
                checkReferences(path + ".Properties", resource.path("Properties"));
            }
            if (usesSam && !CloudFormationSpec.strings(asArray(template.path("Transform"))).contains(spec.samTransform())) {
                problems.add("Transform: AWS::Serverless resources need Transform %s".formatted(spec.samTransform()));
            }
        }

        private String declarableTypes()
        {
            return spec.declarableTypeNames().toString();
        }

        private void checkLogicalId(String path, String logicalId)
        {
            if (!declared.containsKey(logicalId)) {
                problems.add("%s: no resource named '%s'".formatted(path, logicalId));
            }
        }

        private void checkProperties(String path, JsonNode properties, ResourceType type)
        {
            if (!properties.isObject()) {
                if (!properties.isMissingNode()) {
                    problems.add(path + ": not a mapping");
                }
                properties = JsonNodeFactory.instance.objectNode();
            }
            JsonNode shapes = type.properties();
            for (Map.Entry<String, JsonNode> property : properties.properties()) {
                JsonNode shape = shapes.get(property.getKey());
                if (shape == null) {
                    problems.add("%s.%s: not a property of %s".formatted(path, property.getKey(), type.name()));
                    continue;
                }
                checkValue(path + "." + property.getKey(), property.getValue(), shape, type);
            }
            for (String required : type.required()) {
                if (!properties.has(required)) {
                    problems.add("%s: missing required property %s of %s".formatted(path, required, type.name()));
                }
            }
            JsonNode zip = type.requiredForZipPackage();
            boolean zipPackage = !properties.has("PackageType") || properties.get("PackageType").asText().equals("Zip");
            if (!zip.isMissingNode() && zipPackage) {
                for (String required : CloudFormationSpec.strings(zip.get("all"))) {
                    if (!properties.has(required)) {
                        problems.add("%s: missing required property %s of a %s with a Zip package".formatted(path, required, type.name()));
                    }
                }
                Set<String> oneOf = CloudFormationSpec.strings(zip.get("oneOf"));
                if (oneOf.stream().noneMatch(properties::has)) {
                    problems.add("%s: a %s with a Zip package needs one of %s".formatted(path, type.name(), oneOf));
                }
            }
        }

        private void checkValue(String path, JsonNode value, JsonNode shape, ResourceType type)
        {
            if (shape.isTextual()) {
                return;
            }
            if (isIntrinsic(value)) {
                JsonNode branches = value.get("Fn::If");
                if (branches != null && branches.isArray() && branches.size() == 3) {
                    for (int branch = 1; branch <= 2; branch++) {
                        if (!isNoValue(branches.get(branch))) {
                            checkValue("%s[Fn::If %d]".formatted(path, branch), branches.get(branch), shape, type);
                        }
                    }
                }
                return;
            }
            if (shape.has("enum")) {
                checkEnum(path, value, shape.get("enum"));
            }
            else if (shape.has("integer")) {
                checkInteger(path, value, shape.get("integer"));
            }
            else if (shape.has("string")) {
                checkString(path, value, shape.get("string"));
            }
            else if (shape.has("object")) {
                checkObject(path, value, shape.get("object").asText(), type);
            }
            else if (shape.has("listOf")) {
                checkList(path, value, shape, type);
            }
            else if (shape.has("map")) {
                checkMap(path, value, shape.get("map"));
            }
            else if (shape.has("samPolicies")) {
                checkPolicies(path, value, type);
            }
            else {
                throw new IllegalStateException("cloudformation-spec.json: unknown shape " + shape + " at " + path);
            }
        }

        private void checkEnum(String path, JsonNode value, JsonNode allowed)
        {
            if (!value.isValueNode() || !CloudFormationSpec.strings(allowed).contains(value.asText())) {
                problems.add("%s: '%s' is not one of %s".formatted(path, value.isValueNode() ? value.asText() : value, allowed));
            }
        }

        private void checkInteger(String path, JsonNode value, JsonNode bounds)
        {
            if (!value.isIntegralNumber() && !(value.isTextual() && value.asText().matches("-?\\d+"))) {
                problems.add("%s: '%s' is not an integer".formatted(path, value.isValueNode() ? value.asText() : value));
                return;
            }
            long number = value.asLong();
            if (bounds.has("minimum") && number < bounds.get("minimum").asLong()) {
                problems.add("%s: %d is below the minimum %d".formatted(path, number, bounds.get("minimum").asLong()));
            }
            if (bounds.has("maximum") && number > bounds.get("maximum").asLong()) {
                problems.add("%s: %d is above the maximum %d".formatted(path, number, bounds.get("maximum").asLong()));
            }
        }

        private void checkString(String path, JsonNode value, JsonNode constraints)
        {
            if (!value.isValueNode()) {
                problems.add("%s: not a string".formatted(path));
                return;
            }
            String text = value.asText();
            if (constraints.has("minLength") && text.length() < constraints.get("minLength").asInt()) {
                problems.add("%s: '%s' is shorter than %d".formatted(path, text, constraints.get("minLength").asInt()));
            }
            if (constraints.has("maxLength") && text.length() > constraints.get("maxLength").asInt()) {
                problems.add("%s: longer than %d characters".formatted(path, constraints.get("maxLength").asInt()));
            }
            if (constraints.has("pattern") && !Pattern.compile(constraints.get("pattern").asText()).matcher(text).find()) {
                problems.add("%s: '%s' does not match %s".formatted(path, text, constraints.get("pattern").asText()));
            }
        }

        private void checkObject(String path, JsonNode value, String definitionName, ResourceType type)
        {
            JsonNode definition = type.definition(definitionName)
                    .orElseThrow(() -> new IllegalStateException("cloudformation-spec.json: %s has no definition %s".formatted(type.name(), definitionName)));
            if (!value.isObject()) {
                problems.add("%s: not a mapping (a %s)".formatted(path, definitionName));
                return;
            }
            JsonNode shapes = definition.get("properties");
            for (Map.Entry<String, JsonNode> property : value.properties()) {
                JsonNode shape = shapes.get(property.getKey());
                if (shape == null) {
                    problems.add("%s.%s: not a property of %s (one of %s)".formatted(path, property.getKey(), definitionName, CloudFormationSpec.strings(fieldNames(shapes))));
                    continue;
                }
                checkValue(path + "." + property.getKey(), property.getValue(), shape, type);
            }
            for (String required : CloudFormationSpec.strings(definition.get("required"))) {
                if (!value.has(required)) {
                    problems.add("%s: missing required property %s of %s".formatted(path, required, definitionName));
                }
            }
            if (definition.has("atLeastOneOf")) {
                Set<String> oneOf = CloudFormationSpec.strings(definition.get("atLeastOneOf"));
                if (oneOf.stream().noneMatch(value::has)) {
                    problems.add("%s: a %s needs at least one of %s".formatted(path, definitionName, oneOf));
                }
            }
        }

        private void checkList(String path, JsonNode value, JsonNode shape, ResourceType type)
        {
            if (!value.isArray()) {
                problems.add(path + ": not a list");
                return;
            }
            if (shape.has("minItems") && value.size() < shape.get("minItems").asInt()) {
                problems.add("%s: fewer than %d items".formatted(path, shape.get("minItems").asInt()));
            }
            if (shape.has("maxItems") && value.size() > shape.get("maxItems").asInt()) {
                problems.add("%s: more than %d items".formatted(path, shape.get("maxItems").asInt()));
            }
            for (int i = 0; i < value.size(); i++) {
                checkValue("%s[%d]".formatted(path, i), value.get(i), shape.get("listOf"), type);
            }
        }

        private void checkMap(String path, JsonNode value, JsonNode map)
        {
            if (!value.isObject()) {
                problems.add(path + ": not a mapping");
                return;
            }
            Pattern keys = Pattern.compile(map.get("keyPattern").asText());
            value.fieldNames().forEachRemaining(key -> {
                if (!keys.matcher(key).find()) {
                    problems.add("%s.%s: the name does not match %s".formatted(path, key, keys));
                }
            });
        }

        /** SAM's Policies: policy template objects (checked against their parameters), managed policy names/ARNs, inline documents. */
        private void checkPolicies(String path, JsonNode value, ResourceType type)
        {
            JsonNode policies = value.isArray() ? value : JsonNodeFactory.instance.arrayNode().add(value);
            for (int i = 0; i < policies.size(); i++) {
                JsonNode policy = policies.get(i);
                String itemPath = "%s[%d]".formatted(path, i);
                if (policy.isTextual() || isIntrinsic(policy) || policy.has("Statement")) {
                    continue;
                }
                if (!policy.isObject() || policy.size() != 1) {
                    problems.add(itemPath + ": a policy template is a mapping of one template name to its parameters");
                    continue;
                }
                String name = policy.fieldNames().next();
                JsonNode templateParameters = type.policyTemplates().get(name);
                if (templateParameters == null) {
                    problems.add("%s: unknown policy template '%s' (the specification data has %s)".formatted(itemPath, name, CloudFormationSpec.strings(fieldNames(type.policyTemplates()))));
                    continue;
                }
                Set<String> expected = CloudFormationSpec.strings(templateParameters);
                Set<String> given = CloudFormationSpec.strings(fieldNames(policy.get(name)));
                if (!given.equals(expected)) {
                    problems.add("%s.%s: parameters %s, but the template takes %s".formatted(itemPath, name, given, expected));
                }
            }
        }

        private void checkOutputs()
        {
            template.path("Outputs").properties().forEach(entry -> {
                String path = "Outputs." + entry.getKey();
                JsonNode output = entry.getValue();
                output.fieldNames().forEachRemaining(key -> {
                    if (!spec.outputKeys().contains(key)) {
                        problems.add("%s.%s: not an output key (one of %s)".formatted(path, key, spec.outputKeys()));
                    }
                });
                for (String required : spec.requiredOutputKeys()) {
                    if (!output.has(required)) {
                        problems.add("%s: missing %s".formatted(path, required));
                    }
                }
                if (output.has("Condition") && !conditions.contains(output.get("Condition").asText())) {
                    problems.add("%s.Condition: no condition named '%s'".formatted(path, output.get("Condition").asText()));
                }
                checkReferences(path, output);
            });
        }

        /** Every Ref, Fn::GetAtt, Fn::Sub placeholder and Fn::If condition under {@code node} names something that exists. */
        private void checkReferences(String path, JsonNode node)
        {
            if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    checkReferences("%s[%d]".formatted(path, i), node.get(i));
                }
                return;
            }
            if (!node.isObject()) {
                return;
            }
            if (isIntrinsic(node)) {
                checkIntrinsic(path, node.fieldNames().next(), node.elements().next());
                return;
            }
            node.properties().forEach(entry -> checkReferences(path + "." + entry.getKey(), entry.getValue()));
        }

        private void checkIntrinsic(String path, String function, JsonNode argument)
        {
            switch (function) {
                case "Ref" -> checkRef(path + ".Ref", argument.asText());
                case "Fn::GetAtt" -> checkGetAtt(path + ".Fn::GetAtt", argument);
                case "Fn::Sub" -> checkSub(path + ".Fn::Sub", argument);
                case "Fn::If" -> {
                    if (!argument.isArray() || argument.size() != 3) {
                        problems.add(path + ".Fn::If: takes [condition, value if true, value if false]");
                        return;
                    }
                    if (!conditions.contains(argument.get(0).asText())) {
                        problems.add("%s.Fn::If: no condition named '%s'".formatted(path, argument.get(0).asText()));
                    }
                    checkReferences(path + ".Fn::If[1]", argument.get(1));
                    checkReferences(path + ".Fn::If[2]", argument.get(2));
                }
                default -> checkReferences(path + "." + function, argument);
            }
        }

        private void checkRef(String path, String name)
        {
            if (parameters.contains(name) || spec.pseudoParameters().contains(name) || declared.containsKey(name) || generated.containsKey(name)) {
                return;
            }
            int dot = name.indexOf('.');
            if (dot > 0 && isReferableProperty(name.substring(0, dot), name.substring(dot + 1))) {
                return;
            }
            problems.add("%s: '%s' is not a parameter, pseudo parameter or resource".formatted(path, name));
        }

        private void checkGetAtt(String path, JsonNode argument)
        {
            String logicalId;
            String attribute;
            if (argument.isArray() && argument.size() == 2 && argument.get(0).isTextual()) {
                logicalId = argument.get(0).asText();
                attribute = argument.get(1).isTextual() ? argument.get(1).asText() : null;
            }
            else if (argument.isTextual() && argument.asText().contains(".")) {
                logicalId = argument.asText().substring(0, argument.asText().indexOf('.'));
                attribute = argument.asText().substring(argument.asText().indexOf('.') + 1);
            }
            else {
                problems.add(path + ": takes [logical id, attribute] or 'LogicalId.Attribute'");
                return;
            }
            if (attribute == null) {
                checkReferences(path + "[1]", argument.get(1));
                checkAttributeOwner(path, logicalId);
                return;
            }
            checkAttribute(path, logicalId, attribute);
        }

        private void checkAttributeOwner(String path, String logicalId)
        {
            if (!declared.containsKey(logicalId) && !generated.containsKey(logicalId)) {
                problems.add("%s: no resource named '%s' (declared or generated by SAM)".formatted(path, logicalId));
            }
        }

        private void checkAttribute(String path, String logicalId, String attribute)
        {
            String type = declared.containsKey(logicalId) ? declared.get(logicalId) : generated.get(logicalId);
            if (type == null) {
                problems.add("%s: no resource named '%s' (declared or generated by SAM)".formatted(path, logicalId));
                return;
            }
            Optional<ResourceType> resourceType = spec.resourceType(type);
            if (resourceType.isEmpty()) {
                problems.add("%s: the specification data has no attributes of %s (resource %s)".formatted(path, type, logicalId));
                return;
            }
            if (!resourceType.get().attributes().contains(attribute)) {
                problems.add("%s: %s (a %s) has no attribute '%s' (it has %s)".formatted(path, logicalId, type, attribute, resourceType.get().attributes()));
            }
        }

        private void checkSub(String path, JsonNode argument)
        {
            String text;
            Set<String> variables = new HashSet<>();
            if (argument.isTextual()) {
                text = argument.asText();
            }
            else if (argument.isArray() && argument.size() == 2 && argument.get(0).isTextual() && argument.get(1).isObject()) {
                text = argument.get(0).asText();
                argument.get(1).fieldNames().forEachRemaining(variables::add);
                checkReferences(path + "[1]", argument.get(1));
            }
            else {
                problems.add(path + ": takes a string or [string, {variables}]");
                return;
            }
            Matcher placeholders = SUB_PLACEHOLDER.matcher(text);
            while (placeholders.find()) {
                String name = placeholders.group(1);
                if (name.startsWith("!") || variables.contains(name)) {
                    continue;
                }
                int dot = name.indexOf('.');
                if (dot < 0 || spec.pseudoParameters().contains(name)) {
                    checkRef(path, name);
                }
                else if (!isReferableProperty(name.substring(0, dot), name.substring(dot + 1))) {
                    checkAttribute(path, name.substring(0, dot), name.substring(dot + 1));
                }
            }
        }

        /** SAM's {@code <Id>.Alias} / {@code <Id>.Version}: there when the function sets the property that makes them. */
        private boolean isReferableProperty(String logicalId, String property)
        {
            String type = declared.get(logicalId);
            if (type == null) {
                return false;
            }
            Optional<ResourceType> resourceType = spec.resourceType(type);
            if (resourceType.isEmpty() || !resourceType.get().referableProperties().has(property)) {
                return false;
            }
            String requires = resourceType.get().referableProperties().get(property).asText();
            return effectiveFunctionProperties(template, logicalId).has(requires);
        }
    }

    private static boolean isNoValue(JsonNode value)
    {
        return value.isObject() && value.size() == 1 && value.path("Ref").asText().equals("AWS::NoValue");
    }

    private static JsonNode asArray(JsonNode value)
    {
        return value.isArray() ? value : JsonNodeFactory.instance.arrayNode().add(value.asText());
    }

    private static JsonNode fieldNames(JsonNode object)
    {
        ArrayNode names = JsonNodeFactory.instance.arrayNode();
        if (object != null) {
            object.fieldNames().forEachRemaining(names::add);
        }
        return names;
    }
}
