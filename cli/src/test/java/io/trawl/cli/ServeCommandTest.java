package io.trawl.cli;

import io.trawl.api.embedded.EmbeddedTrawl;
import io.trawl.api.auth.RequestAuthenticators;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code trawl serve}: starts the API over the home it is given, says where it listens and what it warns of, and stops cleanly. */
class ServeCommandTest
{
    private static final Pattern LISTENING = Pattern.compile(
            "Trawl API listening on http://[^:]+:(\\d+) \\(Athena and Glue protocols on POST /, REST on /v1/queries, OpenAPI at /openapi.yaml\\)\n");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @TempDir
    Path temporary;

    private final FirstLineWriter out = new FirstLineWriter();
    private final StringWriter err = new StringWriter();

    /** Standard output that says when its first line is complete: the server listens from then on. */
    private static final class FirstLineWriter
            extends StringWriter
    {
        final CompletableFuture<String> firstLine = new CompletableFuture<>();

        @Override
        public void write(int c)
        {
            super.write(c);
            signalFirstLine();
        }

        @Override
        public void write(char[] characters, int offset, int length)
        {
            super.write(characters, offset, length);
            signalFirstLine();
        }

        @Override
        public void write(String text)
        {
            super.write(text);
            signalFirstLine();
        }

        @Override
        public void write(String text, int offset, int length)
        {
            super.write(text, offset, length);
            signalFirstLine();
        }

        private void signalFirstLine()
        {
            String written = toString();
            int newline = written.indexOf('\n');
            if (newline >= 0) {
                firstLine.complete(written.substring(0, newline + 1));
            }
        }
    }

    /** A {@code trawl serve} running on a thread of its own, as the process's main thread runs it. */
    private record Serving(ServeCommand command, CompletableFuture<Integer> exitCode, int port) {}

    private CliContext context(Map<String, String> environment)
    {
        return new CliContext(new PrintWriter(out), new PrintWriter(err), new ByteArrayInputStream(new byte[0]), environment, temporary.resolve("user-home"),
                (home, s3) -> EmbeddedTrawl.open(home, s3));
    }

    private Serving serve(Map<String, String> environment, String... args)
            throws Exception
    {
        ServeCommand command = new ServeCommand(context(environment));
        CommandLine commandLine = new CommandLine(command).setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
        CompletableFuture<Integer> exitCode = CompletableFuture.supplyAsync(() -> commandLine.execute(args));
        CompletableFuture.anyOf(out.firstLine, exitCode).get(60, TimeUnit.SECONDS);
        assertThat(exitCode).as("serve ended early; stderr: %s", err).isNotDone();
        Matcher listening = LISTENING.matcher(out.firstLine.get());
        assertThat(listening.matches()).as("first line: %s", out.firstLine.get()).isTrue();
        return new Serving(command, exitCode, Integer.parseInt(listening.group(1)));
    }

    private String stdout()
    {
        return out.toString().replace(System.lineSeparator(), "\n");
    }

    private String stderr()
    {
        return err.toString().replace(System.lineSeparator(), "\n");
    }

    @Test
    void servesTheApiInDevelopmentModeUntilStopped()
            throws Exception
    {
        Serving serving = serve(Map.of(), "--port", "0", "--home", temporary.resolve("home").toString());

        HttpResponse<String> openApi = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:%d/openapi.yaml".formatted(serving.port()))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(openApi.statusCode()).isEqualTo(200);
        assertThat(openApi.body()).startsWith("openapi: 3.1.0").contains("/v1/queries");
        assertThat(stdout()).as("one line on stdout").matches(LISTENING.pattern());
        assertThat(temporary.resolve("home").resolve("catalog")).as("the state lives under --home").isDirectory();
        assertThat(stderr()).as("development mode is announced on stderr, whatever logging is bound")
                .isEqualTo("WARNING: " + RequestAuthenticators.DEVELOPMENT_MODE_WARNING + "\n");

        serving.command().stop();
        assertThat(serving.exitCode().get(60, TimeUnit.SECONDS)).as("exit code").isZero();
        awaitClosed(serving.port());
    }

    /** Netty lets go of the listening socket as its event loops wind down, just after the context is closed. */
    private static void awaitClosed(int port)
            throws IOException
    {
        Instant deadline = Instant.now().plusSeconds(30);
        while (true) {
            try (Socket _ = new Socket("127.0.0.1", port)) {
                assertThat(Instant.now()).as("port %d still accepts connections", port).isBefore(deadline);
            }
            catch (ConnectException e) {
                return;
            }
        }
    }

    @Test
    void withAccessKeysOnlyTheirSignaturesAreAccepted()
            throws Exception
    {
        Serving serving = serve(Map.of("TRAWL_ACCESS_KEYS", "AKIDANALYST:analyst-secret:analyst"), "--port", "0", "--home", temporary.resolve("home").toString());
        assertThat(stderr()).as("no warning").isEmpty();
        String endpoint = "http://127.0.0.1:" + serving.port();
        try {
            Map<String, String> analyst = new HashMap<>(Map.of("AWS_ACCESS_KEY_ID", "AKIDANALYST", "AWS_SECRET_ACCESS_KEY", "analyst-secret"));
            StringWriter queryOut = new StringWriter();
            StringWriter queryErr = new StringWriter();
            int signed = trawl(analyst, queryOut, queryErr, "query", "--endpoint", endpoint, "--format", "csv", "SELECT 6 * 7 AS answer");
            assertThat(signed).as("exit code; stderr: %s", queryErr).isZero();
            assertThat(queryOut.toString().replace(System.lineSeparator(), "\n")).isEqualTo("answer\n42\n");

            StringWriter refusedErr = new StringWriter();
            int unsigned = trawl(Map.of(), new StringWriter(), refusedErr, "query", "--endpoint", endpoint, "SELECT 1");
            assertThat(unsigned).as("the development default key is not configured").isEqualTo(Main.EXIT_FAILED);
            assertThat(refusedErr.toString()).as("the API's words, on one line").startsWith("Query failed: ").hasLineCount(1);
        }
        finally {
            serving.command().stop();
            assertThat(serving.exitCode().get(60, TimeUnit.SECONDS)).isZero();
        }
    }

    @Test
    void aPortInUseFailsWithOneLine()
            throws Exception
    {
        Serving first = serve(Map.of(), "--port", "0", "--home", temporary.resolve("home").toString());
        try {
            StringWriter secondErr = new StringWriter();
            int exitCode = trawl(Map.of(), new StringWriter(), secondErr, "serve", "--port", Integer.toString(first.port()), "--home", temporary.resolve("other").toString());

            assertThat(exitCode).isEqualTo(Main.EXIT_FAILED);
            assertThat(secondErr.toString()).startsWith("Cannot start the Trawl API: ").contains(Integer.toString(first.port())).hasLineCount(1);
        }
        finally {
            first.command().stop();
            assertThat(first.exitCode().get(60, TimeUnit.SECONDS)).isZero();
        }
    }

    @Test
    void helpNamesThePortAndTheAccessKeys()
    {
        StringWriter helpOut = new StringWriter();
        int exitCode = trawl(Map.of(), helpOut, new StringWriter(), "serve", "--help");

        assertThat(exitCode).isZero();
        assertThat(helpOut.toString()).contains("--port=PORT", "TRAWL_ACCESS_KEYS", "development mode");
    }

    /** A trawl command through {@link Main}, as the launcher runs it. */
    private int trawl(Map<String, String> environment, StringWriter commandOut, StringWriter commandErr, String... args)
    {
        CliContext context = new CliContext(new PrintWriter(commandOut), new PrintWriter(commandErr), new ByteArrayInputStream(new byte[0]), environment,
                temporary.resolve("user-home"), (home, s3) -> EmbeddedTrawl.open(home, s3));
        return new Main(context).run(args);
    }
}
