package io.trawl.infra.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trawl.infra.template.TemplateValidator;
import io.trawl.infra.template.Templates;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code infra/localstack/deploy.sh --dry-run}: the commands it prints cover every step of the deployment, every AWS
 * call goes to the one endpoint {@code TRAWL_AWS_ENDPOINT} names, and the functions it creates are template.yaml's
 * (handler, runtime, memory, timeout, storage, environment) from the zips {@code package} built. (LocalStack itself
 * needs Docker, which the build machines lack: this keeps the script honest where it can be checked.)
 */
class LocalStackDeployIT
{
    private static final Path REPOSITORY = Path.of(System.getProperty("trawl.repository", "..")).toAbsolutePath().normalize();
    private static final String ENDPOINT = "http://localstack.example:4566";
    private static final Map<String, String> TEMPLATE_FUNCTIONS = Map.of(
            "trawl-scan-worker", "ScanWorkerFunction",
            "trawl-coordinator", "CoordinatorFunction",
            "trawl-api", "ApiFunction");

    private static List<List<String>> commands;
    private static JsonNode template;

    @BeforeAll
    static void dryRun()
            throws IOException, InterruptedException
    {
        ProcessBuilder script = new ProcessBuilder("bash", REPOSITORY.resolve("infra/localstack/deploy.sh").toString(), "--dry-run")
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        script.environment().put("TRAWL_AWS_ENDPOINT", ENDPOINT);
        script.environment().remove("AWS_REGION");
        Process process = script.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        commands = output.lines().filter(line -> line.startsWith("+ ")).map(line -> ShellWords.split(line.substring(2))).toList();
        template = Templates.read(REPOSITORY.resolve("template.yaml"));
    }

    @Test
    void everyAwsCallGoesToTheEndpointTrawlAwsEndpointNames()
    {
        List<List<String>> awsCalls = commands.stream().filter(command -> command.getFirst().equals("aws")).toList();
        assertThat(awsCalls).hasSizeGreaterThan(20);
        for (List<String> call : awsCalls) {
            assertThat(call.subList(1, 5)).as(String.join(" ", call)).containsExactly("--endpoint-url", ENDPOINT, "--region", "us-east-1");
        }
    }

    @Test
    void printedCallsCoverEveryStep()
    {
        assertThat(awsCall("sts", "get-caller-identity")).isPresent();
        for (String bucket : List.of("trawl-data", "trawl-meta", "trawl-results", "trawl-code")) {
            assertThat(awsCall("s3api", "create-bucket", "--bucket", bucket)).as(bucket).isPresent();
            assertThat(awsCall("s3api", "put-bucket-encryption", "--bucket", bucket)).as(bucket).isPresent();
            assertThat(awsCall("s3api", "put-public-access-block", "--bucket", bucket)).as(bucket).isPresent();
        }
        assertThat(awsCall("s3api", "put-bucket-versioning", "--bucket", "trawl-meta")).isPresent();
        assertThat(awsCall("s3api", "put-bucket-lifecycle-configuration", "--bucket", "trawl-results")).isPresent();
        assertThat(command(REPOSITORY.resolve("trawl").toString(), "demo")).as("the sample data").isPresent();
        assertThat(commands).anySatisfy(command -> assertThat(command).startsWith("aws").contains("cp").last().asString().startsWith("s3://trawl-data/tpch/lineitem/"));
        assertThat(awsCall("iam", "create-role", "--role-name", "trawl-lambda")).isPresent();
        assertThat(TEMPLATE_FUNCTIONS.keySet()).allSatisfy(function -> assertThat(awsCall("lambda", "create-function", "--function-name", function)).isPresent());
        assertThat(awsCall("lambda", "create-function-url-config", "--function-name", "trawl-api").orElseThrow()).containsSequence("--auth-type", "NONE");
        assertThat(awsCall("lambda", "add-permission", "--function-name", "trawl-api")).isPresent();
        List<List<String>> queries = commands.stream().filter(command -> command.getFirst().equals(REPOSITORY.resolve("trawl").toString()) && command.get(1).equals("query")).toList();
        assertThat(queries).hasSize(3).allSatisfy(query -> assertThat(query.get(2)).isEqualTo("--endpoint"));
        assertThat(queries.getLast().getLast()).startsWith("SELECT").contains("FROM tpch.lineitem");
    }

    @Test
    void functionsAreTheTemplatesFromTheBuiltZips()
            throws IOException
    {
        Map<String, Path> uploadedZips = new HashMap<>();
        commands.stream()
                .filter(command -> command.size() == 9 && command.get(5).equals("s3") && command.get(6).equals("cp") && command.get(8).startsWith("s3://trawl-code/"))
                .forEach(command -> uploadedZips.put(command.get(8).substring("s3://trawl-code/".length()), Path.of(command.get(7))));
        assertThat(uploadedZips).containsOnlyKeys("trawl-scan-worker-lambda.zip", "trawl-api-lambda.zip");
        assertThat(uploadedZips.values()).allSatisfy(zip -> assertThat(zip).as("built by package").isRegularFile());

        for (Map.Entry<String, String> function : TEMPLATE_FUNCTIONS.entrySet()) {
            List<String> call = awsCall("lambda", "create-function", "--function-name", function.getKey()).orElseThrow();
            ObjectNode expected = TemplateValidator.effectiveFunctionProperties(template, function.getValue());
            String name = function.getKey();
            assertThat(option(call, "--handler")).as(name).isEqualTo(expected.get("Handler").asText());
            assertThat(option(call, "--runtime")).as(name).isEqualTo(expected.get("Runtime").asText());
            assertThat(option(call, "--timeout")).as(name).isEqualTo(expected.get("Timeout").asText());
            assertThat(option(call, "--memory-size")).as(name).isEqualTo(literal(expected.get("MemorySize")));
            assertThat(option(call, "--code")).as(name).endsWith("S3Key=" + Path.of(expected.get("CodeUri").asText()).getFileName());
            if (expected.has("EphemeralStorage")) {
                assertThat(option(call, "--ephemeral-storage")).as(name).isEqualTo("Size=" + expected.at("/EphemeralStorage/Size").asText());
            }
            JsonNode variables = new ObjectMapper().readTree(option(call, "--environment")).get("Variables");
            Set<String> given = new TreeSet<>();
            variables.fieldNames().forEachRemaining(given::add);
            Set<String> required = new TreeSet<>();
            expected.at("/Environment/Variables").properties().forEach(variable -> {
                // Fn::If to AWS::NoValue by default (access keys, cutoff): not set in a default deployment
                if (!variable.getValue().has("Fn::If")) {
                    required.add(variable.getKey());
                }
            });
            assertThat(given).as(name).containsAll(required)
                    .contains("TRAWL_AWS_ENDPOINT", "TRAWL_S3_ENDPOINT", "TRAWL_LAMBDA_ENDPOINT", "TRAWL_GLUE_ENDPOINT");
            assertThat(variables.get("JAVA_TOOL_OPTIONS").asText()).as(name).isEqualTo(expected.at("/Environment/Variables/JAVA_TOOL_OPTIONS").asText());
        }
    }

    /** A Ref to a parameter is its default: what a deployment without overrides gets. */
    private static String literal(JsonNode value)
    {
        if (value.has("Ref")) {
            return template.at("/Parameters/" + value.get("Ref").asText() + "/Default").asText();
        }
        return value.asText();
    }

    private static Optional<List<String>> awsCall(String... words)
    {
        List<String> expected = List.of(words);
        return commands.stream()
                .filter(command -> command.getFirst().equals("aws") && command.size() >= 5 + expected.size())
                .filter(command -> command.subList(5, 5 + Math.min(2, expected.size())).equals(expected.subList(0, Math.min(2, expected.size()))))
                .filter(command -> expected.size() <= 2 || containsSequence(command, expected.subList(2, expected.size())))
                .findFirst();
    }

    private static Optional<List<String>> command(String... prefix)
    {
        return commands.stream().filter(command -> command.size() >= prefix.length && command.subList(0, prefix.length).equals(List.of(prefix))).findFirst();
    }

    private static boolean containsSequence(List<String> command, List<String> sequence)
    {
        for (int i = 0; i + sequence.size() <= command.size(); i++) {
            if (command.subList(i, i + sequence.size()).equals(sequence)) {
                return true;
            }
        }
        return false;
    }

    private static String option(List<String> command, String name)
    {
        int at = command.indexOf(name);
        assertThat(at).as(name + " in " + command).isNotNegative();
        return command.get(at + 1);
    }

    /** The words of a command line as the script prints it: plain words and single-quoted ones ('\'' for a quote). */
    static final class ShellWords
    {
        private ShellWords() {}

        static List<String> split(String line)
        {
            List<String> words = new ArrayList<>();
            StringBuilder word = new StringBuilder();
            boolean inWord = false;
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (quoted) {
                    if (c == '\'') {
                        quoted = false;
                    }
                    else {
                        word.append(c);
                    }
                }
                else if (c == '\'') {
                    quoted = true;
                    inWord = true;
                }
                else if (c == '\\' && i + 1 < line.length()) {
                    word.append(line.charAt(++i));
                    inWord = true;
                }
                else if (c == ' ') {
                    if (inWord) {
                        words.add(word.toString());
                        word.setLength(0);
                        inWord = false;
                    }
                }
                else {
                    word.append(c);
                    inWord = true;
                }
            }
            if (quoted) {
                throw new IllegalArgumentException("unterminated quote: " + line);
            }
            if (inWord) {
                words.add(word.toString());
            }
            return words;
        }
    }
}
