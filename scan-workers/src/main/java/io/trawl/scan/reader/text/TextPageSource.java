package io.trawl.scan.reader.text;

import io.trawl.engine.scan.PageSource;
import io.trawl.engine.scan.ScanSplit;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trawl.scan.meter.MeteredFile;
import io.trino.hive.formats.line.FooterAwareLineReader;
import io.trino.hive.formats.line.LineBuffer;
import io.trino.hive.formats.line.LineDeserializer;
import io.trino.hive.formats.line.LineReader;
import io.trino.hive.formats.line.text.TextLineReader;
import io.trino.spi.Page;
import io.trino.spi.PageBuilder;
import io.trino.spi.block.Block;
import io.trino.spi.block.RunLengthEncodedBlock;
import io.trino.spi.type.Type;

import java.io.IOException;
import java.util.List;

/**
 * Reads the lines a split owns and decodes each into a page (the deserializer pads short rows with NULLs and
 * drops extra fields, as Hive does). Line numbers in
 * errors are physical, 1-based line numbers in the file. A split that starts at offset 0 counts lines as it
 * reads; a later split does not know how many lines precede it, so on error it counts them by reading the
 * file up to the bad line (a failed query is not billed, but those bytes are metered like any other fetch).
 */
final class TextPageSource
        implements PageSource
{
    private static final int MAX_ROWS_PER_PAGE = 8192;
    private static final int MAX_LINE_BYTES = 100 * 1024 * 1024;

    private final MeteredFile file;
    private final TextLineReader textReader;
    private final LineReader lines;
    private final ScanSplit split;
    private final LineDeserializer deserializer;
    private final String encoding;
    private final List<Type> outputTypes;
    private final int[] outputChannels;
    private final LineBuffer lineBuffer = new LineBuffer(1024, MAX_LINE_BYTES);
    private final PageBuilder pageBuilder;
    private long linesRead;
    private boolean finished;

    TextPageSource(
            MeteredFile file,
            TextLineReader textReader,
            ScanSplit split,
            int headerLines,
            int footerLines,
            LineDeserializer deserializer,
            String encoding,
            List<Type> outputTypes,
            int[] outputChannels)
            throws IOException
    {
        this.file = file;
        this.textReader = textReader;
        this.split = split;
        this.deserializer = deserializer;
        this.encoding = encoding;
        this.outputTypes = List.copyOf(outputTypes);
        this.outputChannels = outputChannels.clone();
        this.pageBuilder = new PageBuilder(deserializer.getTypes());
        if (split.start() == 0 && headerLines > 0) {
            textReader.skipLines(headerLines);
            linesRead = headerLines;
        }
        this.lines = footerLines > 0
                ? new FooterAwareLineReader(textReader, footerLines, () -> new LineBuffer(1024, MAX_LINE_BYTES))
                : textReader;
    }

    @Override
    public Page nextPage()
    {
        if (finished) {
            return null;
        }
        pageBuilder.reset();
        try {
            while (!pageBuilder.isFull() && pageBuilder.getPositionCount() < MAX_ROWS_PER_PAGE) {
                long lineStart = split.start() > 0 ? textReader.getCurrentPosition() : -1;
                if (!lines.readLine(lineBuffer)) {
                    close();
                    break;
                }
                linesRead++;
                deserializeLine(lineStart);
            }
        }
        catch (IOException e) {
            close();
            throw new TrawlException(ErrorCode.BAD_DATA, "%s: cannot read %s after line %d: %s".formatted(file.location(), encoding, linesRead, e.getMessage()), e);
        }
        catch (RuntimeException e) {
            close();
            throw e;
        }
        if (pageBuilder.isEmpty()) {
            return null;
        }
        return outputPage(pageBuilder.build());
    }

    private void deserializeLine(long lineStart)
            throws IOException
    {
        try {
            deserializer.deserialize(lineBuffer, pageBuilder);
        }
        catch (IOException | RuntimeException e) {
            // JSON decoders report a line that is not JSON as an IOException; it is the data, not the storage
            throw new TrawlException(ErrorCode.BAD_DATA, "%s: line %d cannot be decoded: %s".formatted(file.location(), lineNumber(lineStart), e.getMessage()), e);
        }
    }

    private Page outputPage(Page page)
    {
        int positions = page.getPositionCount();
        Block[] blocks = new Block[outputChannels.length];
        for (int i = 0; i < blocks.length; i++) {
            int channel = outputChannels[i];
            blocks[i] = channel < 0
                    ? RunLengthEncodedBlock.create(outputTypes.get(i), null, positions)
                    : page.getBlock(channel);
        }
        return new Page(positions, blocks);
    }

    private long lineNumber(long lineStart)
            throws IOException
    {
        if (lineStart < 0) {
            return linesRead;
        }
        return countLineTerminators(lineStart) + 1;
    }

    /** Line terminators before {@code end}, counted as TextLineReader splits lines: \n, \r\n or a lone \r. */
    private long countLineTerminators(long end)
            throws IOException
    {
        byte[] buffer = new byte[64 * 1024];
        long terminators = 0;
        boolean previousWasCarriageReturn = false;
        for (long position = 0; position < end; position += buffer.length) {
            int length = (int) Math.min(buffer.length, end - position);
            file.readFully(position, buffer, 0, length);
            for (int i = 0; i < length; i++) {
                byte current = buffer[i];
                if (current == '\n') {
                    terminators++;
                }
                else if (previousWasCarriageReturn) {
                    terminators++;
                }
                previousWasCarriageReturn = current == '\r';
            }
        }
        return previousWasCarriageReturn ? terminators + 1 : terminators;
    }

    @Override
    public void close()
    {
        finished = true;
        try {
            lines.close();
        }
        catch (IOException e) {
            throw new TrawlException(ErrorCode.STORAGE_ERROR, "Cannot close %s: %s".formatted(file.location(), e.getMessage()), e);
        }
    }
}
