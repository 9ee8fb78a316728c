package io.trawl.scan.writer;

import io.trino.hive.formats.avro.AvroHiveConstants;
import io.trino.hive.formats.avro.AvroPagePositionDataWriter;
import io.trino.hive.formats.avro.AvroTypeException;
import io.trino.hive.formats.avro.HiveAvroTypeManager;
import io.trino.spi.Page;
import io.trino.spi.block.Block;
import io.trino.spi.type.TimestampType;
import io.trino.spi.type.Type;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

import static io.trino.spi.type.Timestamps.MICROSECONDS_PER_MILLISECOND;

/**
 * An Avro container file through Apache Avro's {@link DataFileWriter}, with trino-hive-formats'
 * {@link AvroPagePositionDataWriter} encoding each row straight from the page's blocks. The schema is the one the
 * reader derives for the table (Hive's: a record of nullable unions, {@code date}, {@code decimal} as bytes,
 * {@code timestamp-millis}, Hive's {@code varchar}/{@code char} logical types), or the table's
 * {@code avro.schema.literal} when it has one.
 *
 * <p>Timestamps: Athena's timestamps have no zone and are stored as if in UTC. Hive's AvroSerDe instead shifts them
 * from the writer's time zone to UTC and records that zone in the file's {@code writer.time.zone}, which Hive and
 * trino-hive-formats undo when reading. Trawl writes the value as UTC millis and records {@code UTC}, so the file
 * reads back the same whatever the time zone of the JVM that wrote or reads it.
 */
final class AvroTableFileWriter
        extends TableFileWriter
{
    private final AvroPagePositionDataWriter rowWriter;
    private final DataFileWriter<Integer> fileWriter;

    AvroTableFileWriter(FileOutput output, Schema schema, List<String> names, List<Type> types, CodecFactory codec)
            throws IOException, AvroTypeException
    {
        super(output, types);
        this.rowWriter = new AvroPagePositionDataWriter(schema, new UtcTimestamps(), names, types);
        DataFileWriter<Integer> writer = new DataFileWriter<>(rowWriter).setCodec(codec);
        writer.setMeta(AvroHiveConstants.WRITER_TIME_ZONE, "UTC");
        try {
            this.fileWriter = writer.create(schema, output);
        }
        catch (AvroRuntimeException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    void writePage(Page page)
            throws IOException
    {
        rowWriter.setPage(page);
        try {
            for (int position = 0; position < page.getPositionCount(); position++) {
                fileWriter.append(position);
            }
        }
        catch (AvroRuntimeException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    void finish()
            throws IOException
    {
        fileWriter.close();
    }

    /**
     * Blocks already written. Avro encodes rows into a block that goes out (compressed) once it passes the sync
     * interval, 64 KB of encoded rows by default, so the estimate trails the file by at most one block.
     */
    @Override
    public long writtenBytes()
    {
        return output().bytes();
    }

    /** Hive's type mapping, except timestamps, written as UTC millis (see the class comment). */
    private static final class UtcTimestamps
            extends HiveAvroTypeManager
    {
        @Override
        public Optional<BiFunction<Block, Integer, Object>> overrideBlockToAvroObject(Schema schema, Type type)
                throws AvroTypeException
        {
            if (type instanceof TimestampType timestamp && timestamp.isShort() && LogicalTypes.fromSchemaIgnoreInvalid(schema) instanceof LogicalTypes.TimestampMillis) {
                return Optional.of((block, position) -> Math.floorDiv(timestamp.getLong(block, position), MICROSECONDS_PER_MILLISECOND));
            }
            return super.overrideBlockToAvroObject(schema, type);
        }
    }
}
