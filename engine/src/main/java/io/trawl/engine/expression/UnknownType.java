package io.trawl.engine.expression;

import io.trino.spi.block.Block;
import io.trino.spi.block.BlockBuilder;
import io.trino.spi.block.BlockBuilderStatus;
import io.trino.spi.block.ByteArrayBlock;
import io.trino.spi.type.AbstractType;
import io.trino.spi.type.TypeDescriptor;

import static io.trino.spi.type.BooleanType.BOOLEAN;

/**
 * The type of a bare NULL literal (Trino's "unknown", which lives outside the SPI). It coerces to every
 * other type; its blocks are boolean blocks holding only NULLs.
 */
public final class UnknownType
        extends AbstractType
{
    public static final UnknownType UNKNOWN = new UnknownType();

    private UnknownType()
    {
        super(new TypeDescriptor("unknown"), boolean.class, ByteArrayBlock.class);
    }

    @Override
    public BlockBuilder createBlockBuilder(BlockBuilderStatus blockBuilderStatus, int expectedEntries, int expectedBytesPerEntry)
    {
        return BOOLEAN.createBlockBuilder(blockBuilderStatus, expectedEntries, expectedBytesPerEntry);
    }

    @Override
    public BlockBuilder createBlockBuilder(BlockBuilderStatus blockBuilderStatus, int expectedEntries)
    {
        return BOOLEAN.createBlockBuilder(blockBuilderStatus, expectedEntries);
    }

    @Override
    public Object getObjectValue(Block block, int position)
    {
        return null;
    }

    @Override
    public boolean getBoolean(Block block, int position)
    {
        return BOOLEAN.getBoolean(block, position);
    }

    @Override
    public void writeBoolean(BlockBuilder blockBuilder, boolean value)
    {
        BOOLEAN.writeBoolean(blockBuilder, value);
    }

    @Override
    public int getFlatFixedSize()
    {
        return BOOLEAN.getFlatFixedSize();
    }

    @Override
    public String getDisplayName()
    {
        return "unknown";
    }

    @Override
    public boolean isFlatVariableWidth()
    {
        return false;
    }

    @Override
    public int getFlatVariableWidthSize(Block block, int position)
    {
        return 0;
    }

    @Override
    public int getFlatVariableWidthLength(byte[] fixedSizeSlice, int fixedSizeOffset)
    {
        return 0;
    }

    @Override
    public boolean isComparable()
    {
        return true;
    }

    @Override
    public boolean isOrderable()
    {
        return true;
    }
}
