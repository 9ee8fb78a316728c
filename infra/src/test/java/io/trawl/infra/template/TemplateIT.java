package io.trawl.infra.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trawl.infra.packaging.LambdaPackage;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * template.yaml against the published CloudFormation / SAM specification (as {@code cloudformation-spec.json} holds
 * it), and against the Lambda zips {@code package} built: every function's {@code Handler} is a loadable Lambda
 * handler in the zip its {@code CodeUri} names. Runs after {@code package} (failsafe), so the zips are this build's.
 */
class TemplateIT
{
    private static final Path TEMPLATE = Path.of(System.getProperty("trawl.template", "../template.yaml")).toAbsolutePath().normalize();

    private final JsonNode template = Templates.read(TEMPLATE);

    @Test
    void templateMatchesTheSpecification()
    {
        assertThat(new TemplateValidator(CloudFormationSpec.load()).problems(template)).isEmpty();
    }

    @Test
    void everyFunctionRunsJava25OnArm64UnlessToldOtherwise()
    {
        Map<String, ObjectNode> functions = functions();
        assertThat(functions).containsOnlyKeys("ScanWorkerFunction", "CoordinatorFunction", "ApiFunction");
        functions.forEach((name, properties) -> {
            assertThat(properties.path("Runtime").asText()).as(name).isEqualTo("java25");
            assertThat(properties.path("Architectures").toString()).as(name).isEqualTo("[{\"Ref\":\"Architecture\"}]");
        });
        assertThat(template.at("/Parameters/Architecture/Default").asText()).isEqualTo("arm64");
    }

    @Test
    void javaToolOptionsStartTheJvm()
            throws Exception
    {
        // the JVM parses JAVA_TOOL_OPTIONS (the java launcher does not): "--add-modules x" there stops it from starting
        String options = template.at("/Globals/Function/Environment/Variables/JAVA_TOOL_OPTIONS").asText();
        assertThat(options).contains("jdk.incubator.vector");
        ProcessBuilder java = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xshare:auto", "-version")
                .redirectErrorStream(true);
        java.environment().put("JAVA_TOOL_OPTIONS", options);
        Process process = java.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        assertThat(output).contains("Using incubator modules: jdk.incubator.vector");
    }

    @Test
    void everyHandlerIsALambdaHandlerInTheZipItsCodeUriNames()
            throws Exception
    {
        Map<String, List<String>> handlersByZip = new LinkedHashMap<>();
        functions().forEach((name, properties) -> handlersByZip.computeIfAbsent(properties.path("CodeUri").asText(), _ -> new ArrayList<>())
                .add(properties.path("Handler").asText()));
        assertThat(handlersByZip).containsOnlyKeys("infra/target/trawl-api-lambda.zip", "infra/target/trawl-scan-worker-lambda.zip");
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, List<String>> entry : handlersByZip.entrySet()) {
            Path zip = TEMPLATE.getParent().resolve(entry.getKey());
            assertThat(zip).as("built by package").isRegularFile();
            try (LambdaPackage lambdaPackage = LambdaPackage.open(zip)) {
                assertThat(lambdaPackage.jarCount()).as(entry.getKey()).isPositive();
                for (String handler : entry.getValue()) {
                    lambdaPackage.handlerProblem(handler).ifPresent(problems::add);
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void handlerCheckRefusesWhatLambdaCouldNotLoad()
            throws Exception
    {
        Path workerZip = TEMPLATE.getParent().resolve("infra/target/trawl-scan-worker-lambda.zip");
        try (LambdaPackage workerPackage = LambdaPackage.open(workerZip)) {
            assertThat(workerPackage.handlerProblem("io.trawl.api.lambda.ApiGatewayHandler::handleRequest"))
                    .as("the API handler is not in the worker's zip (no Micronaut there)")
                    .hasValueSatisfying(problem -> assertThat(problem).contains("is not in trawl-scan-worker-lambda.zip"));
            assertThat(workerPackage.handlerProblem("io.trawl.scan.runtime.lambda.ScanWorkerHandler::handle"))
                    .hasValueSatisfying(problem -> assertThat(problem).contains("no public"));
            assertThat(workerPackage.handlerProblem("io.trawl.scan.store.LocalObjectStore::handleRequest"))
                    .hasValue("io.trawl.scan.store.LocalObjectStore::handleRequest: io.trawl.scan.store.LocalObjectStore implements neither RequestHandler nor RequestStreamHandler");
            assertThat(workerPackage.handlerProblem("io.trawl.scan.runtime.lambda.ScanWorkerHandler::handleRequest")).isEqualTo(Optional.empty());
        }
    }

    private Map<String, ObjectNode> functions()
    {
        Map<String, ObjectNode> functions = new LinkedHashMap<>();
        template.path("Resources").properties().forEach(entry -> {
            if (entry.getValue().path("Type").asText().equals("AWS::Serverless::Function")) {
                functions.put(entry.getKey(), TemplateValidator.effectiveFunctionProperties(template, entry.getKey()));
            }
        });
        return functions;
    }
}
