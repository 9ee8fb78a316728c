package io.trawl.scan.reader.avro;

import io.trawl.engine.scan.PageSource;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trawl.scan.meter.MeteredFile;
import io.trino.hive.formats.avro.AvroFileReader;
import io.trino.hive.formats.avro.AvroTypeException;
import io.trino.spi.Page;
import io.trino.spi.block.Block;
import io.trino.spi.block.RunLengthEncodedBlock;
import io.trino.spi.type.Type;

import java.io.IOException;
import java.util.List;
import java.util.function.Function;

/** Pages of one Avro split, with the requested columns in the requested order (NULL for absent fields). */
final class AvroPageSource
        implements PageSource
{
    private final MeteredFile file;
    private final AvroFileReader reader;
    private final List<Type> outputTypes;
    private final int[] outputChannels;
    private final Function<Exception, TrawlException> schemaMismatch;
    private long rowsRead;
    private boolean finished;

    AvroPageSource(MeteredFile file, AvroFileReader reader, List<Type> outputTypes, int[] outputChannels, Function<Exception, TrawlException> schemaMismatch)
    {
        this.schemaMismatch = schemaMismatch;
        this.file = file;
        this.reader = reader;
        this.outputTypes = List.copyOf(outputTypes);
        this.outputChannels = outputChannels.clone();
    }

    @Override
    public Page nextPage()
    {
        if (finished) {
            return null;
        }
        try {
            if (!reader.hasNext()) {
                close();
                return null;
            }
            Page page = reader.next();
            rowsRead += page.getPositionCount();
            return outputPage(page);
        }
        catch (IOException | RuntimeException e) {
            close();
            if (hasCause(e, AvroTypeException.class)) {
                // the file's schema resolved, but a field's type does not: trino-hive-formats reports it on decode
                throw schemaMismatch.apply(e);
            }
            throw new TrawlException(ErrorCode.BAD_DATA, "%s: cannot read Avro data after record %d of this split: %s".formatted(file.location(), rowsRead, e.getMessage()), e);
        }
    }

    private static boolean hasCause(Throwable throwable, Class<? extends Throwable> type)
    {
        for (Throwable cause = throwable; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
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

    @Override
    public void close()
    {
        if (finished) {
            return;
        }
        finished = true;
        try {
            reader.close();
        }
        catch (IOException e) {
            throw new TrawlException(ErrorCode.STORAGE_ERROR, "Cannot close %s: %s".formatted(file.location(), e.getMessage()), e);
        }
    }
}
