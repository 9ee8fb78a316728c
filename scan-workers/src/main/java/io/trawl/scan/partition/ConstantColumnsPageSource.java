package io.trawl.scan.partition;

import io.trawl.engine.scan.PageSource;
import io.trino.spi.Page;
import io.trino.spi.block.Block;
import io.trino.spi.block.RunLengthEncodedBlock;
import io.trino.spi.type.Type;

import java.util.List;

/**
 * Adds the columns whose value is the same for a whole file (partition keys, pseudo-columns) to the pages
 * of the data columns, as run-length encoded blocks. {@code dataChannel[i]} is the reader's channel for
 * output column i, or -1 when {@code constants[i]} (its native value, null for NULL) fills it.
 */
public final class ConstantColumnsPageSource
        implements PageSource
{
    private final PageSource data;
    private final int[] dataChannel;
    private final List<Type> types;
    private final Object[] constants;

    public ConstantColumnsPageSource(PageSource data, int[] dataChannel, List<Type> types, Object[] constants)
    {
        this.data = data;
        this.dataChannel = dataChannel.clone();
        this.types = List.copyOf(types);
        this.constants = constants.clone();
    }

    @Override
    public Page nextPage()
    {
        Page page = data.nextPage();
        if (page == null) {
            return null;
        }
        int positions = page.getPositionCount();
        Block[] blocks = new Block[dataChannel.length];
        for (int i = 0; i < blocks.length; i++) {
            blocks[i] = dataChannel[i] >= 0 ? page.getBlock(dataChannel[i]) : RunLengthEncodedBlock.create(types.get(i), constants[i], positions);
        }
        return new Page(positions, blocks);
    }

    @Override
    public void close()
    {
        data.close();
    }
}
