package io.trawl.scan.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalObjectStoreTest
{
    @TempDir
    Path directory;

    private final ObjectStore store = new LocalObjectStore();

    @Test
    void listsEveryObjectUnderAPrefixRecursivelyInLocationOrder()
            throws IOException
    {
        Files.createDirectories(directory.resolve("b/c"));
        Files.writeString(directory.resolve("b/c/z"), "12345");
        Files.writeString(directory.resolve("a"), "1");
        Files.writeString(directory.resolve("b/y"), "");

        assertThat(store.list(directory.toUri()))
                .extracting(object -> directory.toUri().relativize(object.location()).toString(), StoredObject::size)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("a", 1L),
                        org.assertj.core.groups.Tuple.tuple("b/c/z", 5L),
                        org.assertj.core.groups.Tuple.tuple("b/y", 0L));
    }

    @Test
    void listingAMissingPrefixIsNoSuchFile()
    {
        assertThatThrownBy(() -> store.list(directory.resolve("missing").toUri())).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void readsExactRangesAndRefusesToReadPastTheEnd()
            throws IOException
    {
        Path file = directory.resolve("f");
        Files.writeString(file, "0123456789");

        assertThat(new String(store.readRange(file.toUri(), 3, 4), StandardCharsets.US_ASCII)).isEqualTo("3456");
        assertThatThrownBy(() -> store.readRange(file.toUri(), 8, 4)).isInstanceOf(EOFException.class);
    }

    @Test
    void abortedStreamLeavesNothingAndKeepsAnExistingObject()
            throws IOException
    {
        Path existing = directory.resolve("kept.bin");
        Files.writeString(existing, "old");
        OutputStream replacement = store.create(existing.toUri());
        replacement.write("new".getBytes(StandardCharsets.UTF_8));
        OutputStream fresh = store.create(directory.resolve("never.bin").toUri());
        fresh.write("partial".getBytes(StandardCharsets.UTF_8));

        ((Abortable) replacement).abort();
        ((Abortable) fresh).abort();
        fresh.close();

        assertThat(Files.readString(existing)).as("the object the aborted write would have replaced is unchanged").isEqualTo("old");
        assertThat(store.list(directory.toUri())).as("no new object, no hidden temporary file")
                .extracting(StoredObject::fileName).containsExactly("kept.bin");
    }

    @Test
    void writtenObjectAppearsOnlyWhenTheStreamIsClosed()
            throws IOException
    {
        URI location = directory.resolve("out/data.bin").toUri();
        try (OutputStream out = store.create(location)) {
            out.write("hello".getBytes(StandardCharsets.UTF_8));
            assertThat(Files.exists(Path.of(location))).as("not visible while writing").isFalse();
            assertThat(store.list(directory.resolve("out").toUri())).as("only a hidden temporary file meanwhile")
                    .allSatisfy(object -> assertThat(object.fileName()).startsWith("."));
        }

        assertThat(Files.readString(Path.of(location))).isEqualTo("hello");
        assertThat(store.list(directory.resolve("out").toUri())).as("temporary file gone").hasSize(1);
    }

    @Test
    void createIfAbsentWritesOnlyTheFirstTime()
            throws IOException
    {
        URI location = directory.resolve("lock").toUri();

        assertThat(store.createIfAbsent(location, "first".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(store.createIfAbsent(location, "second".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(Files.readString(Path.of(location))).isEqualTo("first");
        assertThat(store.list(directory.toUri())).as("no temporary files left").hasSize(1);

        store.delete(location);
        store.delete(location);
        assertThat(Files.exists(Path.of(location))).isFalse();
    }

    @Test
    void replaceIfUnchangedRefusesAStaleTagEvenWithinOneClockTick()
            throws IOException
    {
        URI location = directory.resolve("table.json").toUri();
        assertThat(store.createIfAbsent(location, "v1".getBytes(StandardCharsets.UTF_8))).isTrue();
        String first = store.stat(location).etag();

        assertThat(store.replaceIfUnchanged(location, "v2".getBytes(StandardCharsets.UTF_8), first)).as("current tag").isTrue();
        String second = store.stat(location).etag();
        assertThat(store.replaceIfUnchanged(location, "v3".getBytes(StandardCharsets.UTF_8), second)).as("current tag again").isTrue();
        assertThat(store.stat(location).etag()).as("each same-size version has its own tag").isNotIn(first, second);
        assertThat(store.replaceIfUnchanged(location, "v4".getBytes(StandardCharsets.UTF_8), first)).as("stale tag").isFalse();
        assertThat(Files.readString(Path.of(location))).isEqualTo("v3");
        assertThat(store.replaceIfUnchanged(directory.resolve("missing.json").toUri(), new byte[] {1}, first)).as("missing object").isFalse();
        assertThat(store.list(directory.toUri())).as("no temporary files left").hasSize(1);
    }

    @Test
    void exactlyOneOfConcurrentReplacersWithTheSameTagWins()
            throws Exception
    {
        URI location = directory.resolve("counter").toUri();
        store.createIfAbsent(location, "0".getBytes(StandardCharsets.UTF_8));
        String tag = store.stat(location).etag();
        int writers = 8;
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        java.util.List<java.util.concurrent.Future<Boolean>> outcomes = new java.util.ArrayList<>();
        try (java.util.concurrent.ExecutorService executor = java.util.concurrent.Executors.newFixedThreadPool(writers)) {
            for (int i = 0; i < writers; i++) {
                byte[] content = ("writer " + i).getBytes(StandardCharsets.UTF_8);
                outcomes.add(executor.submit(() -> {
                    start.await();
                    return store.replaceIfUnchanged(location, content, tag);
                }));
            }
            start.countDown();
            int wins = 0;
            for (java.util.concurrent.Future<Boolean> outcome : outcomes) {
                wins += outcome.get() ? 1 : 0;
            }
            assertThat(wins).as("compare-and-swap admits one writer per version").isEqualTo(1);
        }
    }

    @Test
    void checkLocationAcceptsDirectoriesOnly()
            throws IOException
    {
        store.checkLocation(directory.toUri());
        Files.writeString(directory.resolve("file"), "x");
        assertThatThrownBy(() -> store.checkLocation(directory.resolve("missing").toUri())).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> store.checkLocation(directory.resolve("file").toUri())).hasMessageContaining("is not a directory");
    }
}
