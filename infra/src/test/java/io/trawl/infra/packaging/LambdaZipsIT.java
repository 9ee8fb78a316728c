package io.trawl.infra.packaging;

import io.trawl.engine.fragment.TaskCodec;
import io.trawl.engine.fragment.TaskCodec.Envelope;
import io.trawl.engine.fragment.TaskCodec.Inline;
import io.trawl.infra.coldstart.ScanTaskPayloads;
import io.trawl.scan.runtime.lambda.ScanWorkerHandler;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The zips {@code package} built run what they are for, loaded as the java25 runtime loads them (lib/*.jar, nothing
 * from the test class path): the scan-worker zip answers a real scan task exactly as the handler on the test class
 * path does, and every Trawl class in either zip links against the libraries next to it.
 *
 * <p>Leaves the scan task's payload in {@code target/coldstart/scan-task.json} for {@code infra/coldstart.sh}.
 */
class LambdaZipsIT
{
    private static final Path REPOSITORY = Path.of(System.getProperty("trawl.repository", "..")).toAbsolutePath().normalize();
    private static final Path WORKER_ZIP = REPOSITORY.resolve("infra/target/trawl-scan-worker-lambda.zip");
    private static final Path API_ZIP = REPOSITORY.resolve("infra/target/trawl-api-lambda.zip");
    private static final String WORKER_HANDLER = "io.trawl.scan.runtime.lambda.ScanWorkerHandler";

    @Test
    void scanWorkerZipAnswersARealScanTaskAsTheClassPathHandlerDoes()
            throws Exception
    {
        byte[] payload = ScanTaskPayloads.lineitemScanTasks().getFirst();
        Path saved = REPOSITORY.resolve("infra/target/coldstart/scan-task.json");
        Files.createDirectories(saved.getParent());
        Files.write(saved, payload);

        byte[] fromZip;
        try (LambdaPackage workerPackage = LambdaPackage.open(WORKER_ZIP)) {
            Object handler = workerPackage.newHandler(WORKER_HANDLER);
            assertThat(handler.getClass()).as("loaded from the zip").isNotSameAs(ScanWorkerHandler.class);
            fromZip = workerPackage.invokeStreamHandler(handler, payload);
        }
        ByteArrayOutputStream fromClassPath = new ByteArrayOutputStream();
        new ScanWorkerHandler(Map.of()).handleRequest(new ByteArrayInputStream(payload), fromClassPath, null);

        Envelope zipAnswer = TaskCodec.decodeEnvelope(fromZip, "the worker zip");
        Envelope classPathAnswer = TaskCodec.decodeEnvelope(fromClassPath.toByteArray(), "the class path");
        assertThat(zipAnswer).isInstanceOf(Inline.class);
        assertThat(classPathAnswer).isInstanceOf(Inline.class);
        Inline zipInline = (Inline) zipAnswer;
        Inline classPathInline = (Inline) classPathAnswer;
        assertThat(zipInline.metrics().rowsRead()).isPositive();
        assertThat(zipInline.metrics().bytesRead()).isEqualTo(classPathInline.metrics().bytesRead());
        assertThat(zipInline.metrics().rowsRead()).isEqualTo(classPathInline.metrics().rowsRead());
        assertThat(zipInline.metrics().rowsOut()).isEqualTo(classPathInline.metrics().rowsOut());
        assertThat(zipInline.pages()).isEqualTo(classPathInline.pages());
    }

    @Test
    void everyTrawlClassInTheZipsLinks()
            throws Exception
    {
        for (Path zip : new Path[] {WORKER_ZIP, API_ZIP}) {
            try (LambdaPackage lambdaPackage = LambdaPackage.open(zip)) {
                assertThat(lambdaPackage.trawlLinkProblems()).as(zip.getFileName().toString()).isEmpty();
            }
        }
    }
}
