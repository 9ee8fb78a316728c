/**
 * Writing a table's data files, for CTAS, INSERT INTO and UNLOAD: {@link io.trawl.scan.writer.LakeFileWriters}
 * implements the engine's {@link io.trawl.engine.write.FileWriterFactory} over the lake's object store, one writer
 * per file, in the format, SerDe and compression the table's StorageDescriptor and properties say.
 *
 * <pre>
 *  Table ──▶ WriteFormat (as the readers choose) + WriteCodec (write_compression, ...) = WriteSpec
 *  Pages ──▶ ParquetTableFileWriter | TextTableFileWriter | AvroTableFileWriter ──▶ FileOutput ──▶ ObjectStore
 *                                              commit: object published   abort: nothing left
 * </pre>
 *
 * {@link io.trawl.scan.writer.ParquetFileWriter} and {@link io.trawl.scan.writer.DelimitedTextWriter} are plain
 * stream writers that the TPC-H generator (datagen) and tests use directly.
 */
package io.trawl.scan.writer;
