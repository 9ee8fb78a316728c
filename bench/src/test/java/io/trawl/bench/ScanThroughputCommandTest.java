package io.trawl.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ScanThroughputCommandTest
{
    private static final Pattern RESULT_ROW = Pattern.compile("^(local disk|in-process S3 \\(S3Proxy, nio2 disk\\))\\s+(\\d+)\\s+(\\d+)\\s+(\\[[\\d, ]+])\\s+(\\d+\\.\\d)\\s+(\\d+\\.\\d)\\s+(\\d+\\.\\d)\\s+same as local$");

    @TempDir
    Path directory;

    @Test
    void measuresQ6FromLocalDiskAndFromTheInProcessS3ServerUploadingOnlyOnce()
    {
        Path data = directory.resolve("tpch-sf0.01");

        String first = run(data);
        Map<Path, FileTime> uploaded = storedObjects(data.resolve("_s3"));
        String second = run(data);

        for (String report : List.of(first, second)) {
            List<String> lines = report.lines().toList();
            assertThat(lines).as("title, header, local, S3, load at the end: %s", report).hasSize(5);
            assertThat(lines.getFirst()).contains("TPC-H Q6, SF 0.01, lineitem", "cores");
            List<Matcher> rows = lines.subList(2, 4).stream().map(RESULT_ROW::matcher).toList();
            assertThat(rows).as("a row per source with the same answer: %s", report).allMatch(Matcher::matches);
            for (Matcher row : rows) {
                assertThat(Long.parseLong(row.group(2))).as("%s bytes scanned", row.group(1)).isGreaterThan(0);
                assertThat(row.group(4).split(",")).as("%s timed runs", row.group(1)).hasSize(2);
            }
            assertThat(rows.get(1).group(2)).as("S3 meters the same bytes as local disk").isEqualTo(rows.get(0).group(2));
        }
        assertThat(uploaded).as("the S3 server's objects live on disk under the data directory").isNotEmpty();
        assertThat(storedObjects(data.resolve("_s3"))).as("the second run finds the files uploaded and does not write them again").isEqualTo(uploaded);
        assertThat(Files.isRegularFile(data.resolve("_TPCH_COMPLETE"))).isTrue();
    }

    private static Map<Path, FileTime> storedObjects(Path store)
    {
        try (Stream<Path> files = Files.walk(store)) {
            Map<Path, FileTime> objects = new HashMap<>();
            for (Path file : files.filter(file -> file.getFileName().toString().endsWith(".parquet")).toList()) {
                objects.put(file, Files.getLastModifiedTime(file));
            }
            return objects;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String run(Path data)
    {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        CommandLine commandLine = new CommandLine(new BenchMain());
        ScanThroughputCommand command = commandLine.getSubcommands().get("scan").getCommand();
        command.out = new PrintStream(printed, true, StandardCharsets.UTF_8);

        int exitCode = commandLine.execute("scan", "--sf", "0.01", "--data", data.toString(), "--s3", "--runs", "2");

        String report = printed.toString(StandardCharsets.UTF_8);
        assertThat(exitCode).as("both sources gave the same answer: %s", report).isZero();
        return report;
    }
}
