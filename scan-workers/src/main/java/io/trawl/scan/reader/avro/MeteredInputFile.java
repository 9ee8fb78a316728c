package io.trawl.scan.reader.avro;

import io.trawl.scan.meter.MeteredFile;
import io.trino.filesystem.Location;
import io.trino.filesystem.TrinoInput;
import io.trino.filesystem.TrinoInputFile;
import io.trino.filesystem.TrinoInputStream;

import java.io.EOFException;
import java.io.IOException;
import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * A {@link MeteredFile} as trino-filesystem's input file, for trino-hive-formats' AvroFileReader: every read goes
 * through the meter, nothing is cached here (the reader buffers its own stream).
 */
final class MeteredInputFile
        implements TrinoInputFile
{
    private final MeteredFile file;
    private final Instant lastModified;

    MeteredInputFile(MeteredFile file, Instant lastModified)
    {
        this.file = requireNonNull(file, "file is null");
        this.lastModified = requireNonNull(lastModified, "lastModified is null");
    }

    @Override
    public TrinoInput newInput()
    {
        return new TrinoInput()
        {
            @Override
            public void readFully(long position, byte[] buffer, int offset, int length)
                    throws IOException
            {
                if (position < 0 || position + length > file.size()) {
                    throw new EOFException("Read of %d bytes at %d is past the end of %s (%d bytes)".formatted(length, position, file.location(), file.size()));
                }
                file.readFully(position, buffer, offset, length);
            }

            @Override
            public int readTail(byte[] buffer, int offset, int length)
                    throws IOException
            {
                int tail = (int) Math.min(length, file.size());
                file.readFully(file.size() - tail, buffer, offset, tail);
                return tail;
            }

            @Override
            public void close() {}
        };
    }

    @Override
    public TrinoInputStream newStream()
    {
        return new TrinoInputStream()
        {
            private long position;

            @Override
            public long getPosition()
            {
                return position;
            }

            @Override
            public void seek(long newPosition)
                    throws IOException
            {
                if (newPosition < 0 || newPosition > file.size()) {
                    throw new EOFException("Cannot seek to %d in %s (%d bytes)".formatted(newPosition, file.location(), file.size()));
                }
                position = newPosition;
            }

            @Override
            public int read()
                    throws IOException
            {
                byte[] single = new byte[1];
                return read(single, 0, 1) < 0 ? -1 : single[0] & 0xFF;
            }

            @Override
            public int read(byte[] buffer, int offset, int length)
                    throws IOException
            {
                if (length == 0) {
                    return 0;
                }
                long remaining = file.size() - position;
                if (remaining <= 0) {
                    return -1;
                }
                int toRead = (int) Math.min(length, remaining);
                file.readFully(position, buffer, offset, toRead);
                position += toRead;
                return toRead;
            }

            @Override
            public long skip(long count)
            {
                long skipped = Math.max(0, Math.min(count, file.size() - position));
                position += skipped;
                return skipped;
            }
        };
    }

    @Override
    public long length()
    {
        return file.size();
    }

    @Override
    public Instant lastModified()
    {
        return lastModified;
    }

    @Override
    public boolean exists()
    {
        return true;
    }

    @Override
    public Location location()
    {
        return Location.of(file.location().toString());
    }
}
