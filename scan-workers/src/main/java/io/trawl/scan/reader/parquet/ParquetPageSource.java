package io.trawl.scan.reader.parquet;

import io.trawl.engine.scan.PageSource;
import io.trawl.engine.scan.ScanColumn;
import io.trino.parquet.reader.ParquetReader;
import io.trino.spi.Page;
import io.trino.spi.block.Block;
import io.trino.spi.block.RunLengthEncodedBlock;
import io.trino.spi.connector.SourcePage;

import java.io.IOException;
import java.util.List;
import java.util.function.Function;

/**
 * Turns the reader's pages (one channel per distinct file column read) into pages with exactly the requested
 * columns: the same file column may be requested twice, and a column the file lacks is all NULL.
 */
final class ParquetPageSource
        implements PageSource
{
    private final ParquetReader reader;
    private final List<ScanColumn> columns;
    private final int[] outputChannels;
    private final Function<Exception, RuntimeException> errors;
    private boolean closed;

    ParquetPageSource(ParquetReader reader, List<ScanColumn> columns, int[] outputChannels, Function<Exception, RuntimeException> errors)
    {
        this.reader = reader;
        this.columns = List.copyOf(columns);
        this.outputChannels = outputChannels.clone();
        this.errors = errors;
    }

    @Override
    public Page nextPage()
    {
        if (closed) {
            return null;
        }
        SourcePage sourcePage;
        Page readerPage;
        try {
            sourcePage = reader.nextPage();
            if (sourcePage == null) {
                close();
                return null;
            }
            readerPage = sourcePage.getPage();
        }
        catch (IOException | RuntimeException e) {
            close();
            throw errors.apply(e);
        }
        int positions = sourcePage.getPositionCount();
        Block[] blocks = new Block[columns.size()];
        for (int i = 0; i < blocks.length; i++) {
            int channel = outputChannels[i];
            blocks[i] = channel < 0
                    ? RunLengthEncodedBlock.create(columns.get(i).type(), null, positions)
                    : readerPage.getBlock(channel);
        }
        return new Page(positions, blocks);
    }

    @Override
    public void close()
    {
        if (closed) {
            return;
        }
        closed = true;
        try {
            reader.close();
        }
        catch (IOException e) {
            throw errors.apply(e);
        }
    }
}
