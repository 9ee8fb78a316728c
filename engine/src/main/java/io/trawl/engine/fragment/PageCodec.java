package io.trawl.engine.fragment;

import io.airlift.compress.v3.lz4.Lz4JavaCompressor;
import io.airlift.compress.v3.lz4.Lz4JavaDecompressor;
import io.airlift.slice.DynamicSliceOutput;
import io.airlift.slice.Slice;
import io.airlift.slice.SliceInput;
import io.airlift.slice.SliceOutput;
import io.airlift.slice.Slices;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trino.spi.Page;
import io.trino.spi.block.ArrayBlockEncoding;
import io.trino.spi.block.Block;
import io.trino.spi.block.BlockEncoding;
import io.trino.spi.block.BlockEncodingSerde;
import io.trino.spi.block.ByteArrayBlockEncoding;
import io.trino.spi.block.DictionaryBlockEncoding;
import io.trino.spi.block.Fixed12BlockEncoding;
import io.trino.spi.block.Int128ArrayBlockEncoding;
import io.trino.spi.block.IntArrayBlockEncoding;
import io.trino.spi.block.LongArrayBlockEncoding;
import io.trino.spi.block.MapBlockEncoding;
import io.trino.spi.block.RowBlockEncoding;
import io.trino.spi.block.RunLengthBlockEncoding;
import io.trino.spi.block.ShortArrayBlockEncoding;
import io.trino.spi.block.VariableWidthBlockEncoding;
import io.trino.spi.type.Type;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * Pages on the wire between scan workers and the coordinator, in the Trino SPI's own block encodings, each
 * page LZ4-compressed on its own (so a reader can decode page by page).
 *
 * <pre>
 * stream   := "TRWP" version:u8(=1) pageCount:i32 page*
 * page     := positionCount:i32 channelCount:i32 rawSize:i32 storedSize:i32 bytes[storedSize]
 *             (storedSize = -1: the bytes are stored raw, rawSize of them; else LZ4 block format)
 * raw page := block*channelCount
 * block    := nameLength:i32 name:utf8 encoding-specific bytes (Trino's BlockEncoding.writeBlock)
 * type     := nameLength:i32 signature:utf8   (for MAP blocks, see {@link TypeCodec})
 * </pre>
 */
public final class PageCodec
{
    private static final byte[] MAGIC = "TRWP".getBytes(UTF_8);
    private static final int VERSION = 1;
    /** Pages smaller than this are not worth compressing. */
    private static final int MIN_COMPRESSIBLE_BYTES = 256;

    private static final BlockEncodingSerde SERDE = new Serde();

    private PageCodec() {}

    public static byte[] encode(List<Page> pages)
    {
        DynamicSliceOutput output = new DynamicSliceOutput(64 * 1024);
        output.writeBytes(MAGIC);
        output.writeByte(VERSION);
        output.writeInt(pages.size());
        Lz4JavaCompressor compressor = new Lz4JavaCompressor();
        for (Page page : pages) {
            DynamicSliceOutput raw = new DynamicSliceOutput(Math.toIntExact(Math.min(Integer.MAX_VALUE - 16, page.getSizeInBytes() + 64)));
            for (int channel = 0; channel < page.getChannelCount(); channel++) {
                SERDE.writeBlock(raw, page.getBlock(channel));
            }
            Slice rawBytes = raw.slice();
            output.writeInt(page.getPositionCount());
            output.writeInt(page.getChannelCount());
            output.writeInt(rawBytes.length());
            byte[] compressed = rawBytes.length() < MIN_COMPRESSIBLE_BYTES ? null : new byte[compressor.maxCompressedLength(rawBytes.length())];
            int compressedLength = compressed == null ? -1 : compressor.compress(rawBytes.byteArray(), rawBytes.byteArrayOffset(), rawBytes.length(), compressed, 0, compressed.length);
            if (compressed == null || compressedLength >= rawBytes.length()) {
                output.writeInt(-1);
                output.writeBytes(rawBytes);
            }
            else {
                output.writeInt(compressedLength);
                output.writeBytes(compressed, 0, compressedLength);
            }
        }
        return output.slice().getBytes();
    }

    /**
     * @throws TrawlException INTERNAL_ERROR naming {@code source} and the offset when the bytes are not a page stream
     */
    public static List<Page> decode(byte[] bytes, String source)
    {
        SliceInput input = Slices.wrappedBuffer(bytes).getInput();
        try {
            byte[] magic = new byte[MAGIC.length];
            input.readBytes(magic);
            if (!java.util.Arrays.equals(magic, MAGIC)) {
                throw corrupt(source, 0, "not a Trawl page stream");
            }
            int version = input.readUnsignedByte();
            if (version != VERSION) {
                throw corrupt(source, MAGIC.length, "page stream version " + version + " is not supported (this coordinator reads version " + VERSION + ")");
            }
            int pageCount = input.readInt();
            List<Page> pages = new ArrayList<>(pageCount);
            Lz4JavaDecompressor decompressor = new Lz4JavaDecompressor();
            for (int i = 0; i < pageCount; i++) {
                long pageOffset = input.position();
                int positionCount = input.readInt();
                int channelCount = input.readInt();
                int rawSize = input.readInt();
                int storedSize = input.readInt();
                byte[] raw = new byte[rawSize];
                if (storedSize < 0) {
                    input.readBytes(raw);
                }
                else {
                    byte[] stored = new byte[storedSize];
                    input.readBytes(stored);
                    int length = decompressor.decompress(stored, 0, storedSize, raw, 0, rawSize);
                    if (length != rawSize) {
                        throw corrupt(source, pageOffset, "page decompressed to %s bytes, expected %s".formatted(length, rawSize));
                    }
                }
                SliceInput blocks = Slices.wrappedBuffer(raw).getInput();
                Block[] channels = new Block[channelCount];
                for (int channel = 0; channel < channelCount; channel++) {
                    channels[channel] = SERDE.readBlock(blocks);
                }
                pages.add(new Page(positionCount, channels));
            }
            if (input.isReadable()) {
                throw corrupt(source, input.position(), "unexpected bytes after the last page");
            }
            return pages;
        }
        catch (TrawlException e) {
            throw e;
        }
        catch (RuntimeException e) {
            throw corrupt(source, input.position(), e.toString());
        }
    }

    private static TrawlException corrupt(String source, long offset, String reason)
    {
        return new TrawlException(ErrorCode.INTERNAL_ERROR, "Corrupt task result from %s at offset %s: %s".formatted(source, offset, reason));
    }

    /** Trino's block encodings by name; types (of map blocks) as {@link TypeCodec} signatures. */
    private static final class Serde
            implements BlockEncodingSerde
    {
        private final Map<String, BlockEncoding> encodings = Stream.of(
                        new ByteArrayBlockEncoding(false, false),
                        new ShortArrayBlockEncoding(false, false),
                        new IntArrayBlockEncoding(false, false),
                        new LongArrayBlockEncoding(false, false),
                        new Fixed12BlockEncoding(),
                        new Int128ArrayBlockEncoding(),
                        new VariableWidthBlockEncoding(),
                        new ArrayBlockEncoding(),
                        new MapBlockEncoding(),
                        new RowBlockEncoding(),
                        new DictionaryBlockEncoding(),
                        new RunLengthBlockEncoding())
                .collect(Collectors.toUnmodifiableMap(BlockEncoding::getName, Function.identity()));
        private final Map<Class<?>, BlockEncoding> byClass = encodings.values().stream()
                .collect(Collectors.toUnmodifiableMap(BlockEncoding::getBlockClass, Function.identity()));

        @Override
        public Block readBlock(SliceInput input)
        {
            String name = readString(input);
            BlockEncoding encoding = encodings.get(name);
            if (encoding == null) {
                throw new IllegalArgumentException("unknown block encoding " + name);
            }
            return encoding.readBlock(this, input);
        }

        @Override
        public void writeBlock(SliceOutput output, Block block)
        {
            Block current = block;
            while (true) {
                BlockEncoding encoding = byClass.get(current.getClass());
                if (encoding == null) {
                    throw new IllegalArgumentException("no block encoding for " + current.getClass().getName());
                }
                Optional<Block> replacement = encoding.replacementBlockForWrite(current);
                if (replacement.isPresent()) {
                    current = replacement.get();
                    continue;
                }
                writeString(output, encoding.getName());
                encoding.writeBlock(this, output, current);
                return;
            }
        }

        @Override
        public Type readType(SliceInput input)
        {
            return TypeCodec.parse(readString(input));
        }

        @Override
        public void writeType(SliceOutput output, Type type)
        {
            writeString(output, TypeCodec.signature(type));
        }

        private static String readString(SliceInput input)
        {
            int length = input.readInt();
            return input.readSlice(length).toStringUtf8();
        }

        private static void writeString(SliceOutput output, String value)
        {
            byte[] bytes = value.getBytes(UTF_8);
            output.writeInt(bytes.length);
            output.writeBytes(bytes);
        }
    }
}
