package io.trawl.scan.store;

import io.trawl.engine.write.WriteStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Publishing a write on local disk: moves are renames into new folders, and cleanup leaves no files or folders. */
class ObjectStoreWriteStorageTest
{
    @TempDir
    Path directory;

    private final LocalObjectStore store = new LocalObjectStore();
    private final WriteStorage storage = new ObjectStoreWriteStorage(store);

    @Test
    void moveRenamesIntoAFolderItCreates()
            throws IOException
    {
        Path staged = directory.resolve(".staging/k=v/file");
        Files.createDirectories(staged.getParent());
        Files.writeString(staged, "rows");
        Object identity = Files.readAttributes(staged, java.nio.file.attribute.BasicFileAttributes.class).fileKey();

        URI target = directory.resolve("k=v/file").toUri();
        storage.move(staged.toUri(), target);

        assertThat(Files.readString(Path.of(target))).isEqualTo("rows");
        assertThat(Files.readAttributes(Path.of(target), java.nio.file.attribute.BasicFileAttributes.class).fileKey()).as("renamed, not copied").isEqualTo(identity);
        assertThat(staged).doesNotExist();
    }

    @Test
    void theDefaultMoveCopiesThroughTheProcessAndDeletesTheSource()
            throws IOException
    {
        ObjectStore copying = new WithoutMove(store);
        byte[] content = new byte[20 << 20];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) (i * 31);
        }
        Path source = directory.resolve("big");
        Files.write(source, content);

        copying.move(source.toUri(), directory.resolve("moved/big").toUri());

        assertThat(Files.readAllBytes(directory.resolve("moved/big"))).isEqualTo(content);
        assertThat(source).doesNotExist();
        assertThatThrownBy(() -> copying.move(source.toUri(), directory.resolve("again").toUri())).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void deleteAllRemovesObjectsAndTheirFoldersAndListingAMissingFolderIsEmpty()
            throws IOException
    {
        Path staging = directory.resolve("table/.staging-q");
        Files.createDirectories(staging.resolve("a=1/b=2"));
        Files.writeString(staging.resolve("a=1/b=2/f1"), "x");
        Files.writeString(staging.resolve("f2"), "y");

        assertThat(storage.list(staging.toUri())).hasSize(2);
        storage.deleteAll(staging.toUri());

        assertThat(staging).doesNotExist();
        assertThat(directory.resolve("table")).isDirectory();
        assertThat(storage.list(staging.toUri())).isEmpty();
    }

    @Test
    void onlyEmptyFoldersAreRemovedAndManifestsAreWrittenWhole()
            throws IOException
    {
        Path full = directory.resolve("full");
        Files.createDirectories(full);
        Files.writeString(full.resolve("keep"), "k");
        Path empty = directory.resolve("empty");
        Files.createDirectories(empty);

        storage.deleteFolderIfEmpty(full.toUri());
        storage.deleteFolderIfEmpty(empty.toUri());
        storage.createFolder(directory.resolve("new/table").toUri());
        storage.write(directory.resolve("out/q-manifest.csv").toUri(), "file:///a\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat(full.resolve("keep")).exists();
        assertThat(empty).doesNotExist();
        assertThat(directory.resolve("new/table")).isDirectory();
        assertThat(directory.resolve("out/q-manifest.csv")).hasContent("file:///a");
    }

    /** A store with only the interface's own move: every other call goes to the local store. */
    private record WithoutMove(ObjectStore delegate)
            implements ObjectStore
    {
        @Override
        public java.util.List<StoredObject> list(URI prefix)
                throws IOException
        {
            return delegate.list(prefix);
        }

        @Override
        public java.util.List<URI> listFolders(URI prefix)
                throws IOException
        {
            return delegate.listFolders(prefix);
        }

        @Override
        public StoredObject stat(URI location)
                throws IOException
        {
            return delegate.stat(location);
        }

        @Override
        public void readFully(URI location, long position, byte[] buffer, int offset, int length)
                throws IOException
        {
            delegate.readFully(location, position, buffer, offset, length);
        }

        @Override
        public java.io.OutputStream create(URI location)
                throws IOException
        {
            return delegate.create(location);
        }

        @Override
        public boolean createIfAbsent(URI location, byte[] content)
                throws IOException
        {
            return delegate.createIfAbsent(location, content);
        }

        @Override
        public boolean replaceIfUnchanged(URI location, byte[] content, String expectedEtag)
                throws IOException
        {
            return delegate.replaceIfUnchanged(location, content, expectedEtag);
        }

        @Override
        public void checkLocation(URI location)
                throws IOException
        {
            delegate.checkLocation(location);
        }

        @Override
        public void delete(URI location)
                throws IOException
        {
            delegate.delete(location);
        }
    }
}
