package io.trawl.cli.remote;

import io.trawl.api.query.ResultFiles;
import io.trawl.engine.QueryResult;
import io.trawl.engine.ResultColumn;
import io.trawl.engine.Session;
import io.trawl.engine.StatementKind;
import io.trawl.scan.store.RoutingObjectStore;
import io.trawl.scan.store.s3.S3Config;
import io.trino.spi.Page;
import io.trino.spi.block.BlockBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static io.airlift.slice.Slices.utf8Slice;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResultCsvReaderTest
{
    @TempDir
    Path temporary;

    @Test
    void readsBackEveryValueTheApiWrites()
            throws Exception
    {
        List<List<String>> rows = List.of(
                Arrays.asList("plain", "with, comma"),
                Arrays.asList("say \"hi\"", "two\nlines\r\nand a tab\t"),
                Arrays.asList("", null),
                Arrays.asList(null, "ünïcødé ✓"));
        URI file = temporary.resolve("result.csv").toUri();
        try (RoutingObjectStore store = RoutingObjectStore.create(S3Config.defaults())) {
            new ResultFiles(store).write(file, result(rows));
        }

        List<List<String>> read = new ArrayList<>();
        try (ResultCsvReader csv = new ResultCsvReader(Files.newInputStream(Path.of(file)))) {
            for (Optional<List<String>> record = csv.next(); record.isPresent(); record = csv.next()) {
                read.add(record.get());
            }
        }

        assertThat(read.getFirst()).as("the header row").containsExactly("name", "note");
        assertThat(read.subList(1, read.size())).as("NULL stays apart from the empty string").isEqualTo(rows);
    }

    @Test
    void refusesATruncatedFile()
    {
        InputStream truncated = new ByteArrayInputStream("\"a\",\"unterminated".getBytes(StandardCharsets.UTF_8));
        ResultCsvReader csv = new ResultCsvReader(truncated);

        assertThatThrownBy(csv::next).isInstanceOf(IOException.class).hasMessageContaining("not closed");
    }

    private static QueryResult result(List<List<String>> rows)
    {
        BlockBuilder names = VARCHAR.createBlockBuilder(null, rows.size());
        BlockBuilder notes = VARCHAR.createBlockBuilder(null, rows.size());
        for (List<String> row : rows) {
            append(names, row.get(0));
            append(notes, row.get(1));
        }
        return new QueryResult(StatementKind.QUERY, List.of(new ResultColumn("name", VARCHAR), new ResultColumn("note", VARCHAR)),
                List.of(new Page(names.build(), notes.build())), 0, Session.defaults());
    }

    private static void append(BlockBuilder block, String value)
    {
        if (value == null) {
            block.appendNull();
        }
        else {
            VARCHAR.writeSlice(block, utf8Slice(value));
        }
    }
}
