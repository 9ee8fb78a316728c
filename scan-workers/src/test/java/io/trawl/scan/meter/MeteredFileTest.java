package io.trawl.scan.meter;

import io.trawl.scan.store.LocalObjectStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MeteredFileTest
{
    @TempDir
    Path directory;

    @Test
    void parallelRangeReadsReturnEachRangeAndMeterEachOnce()
            throws IOException
    {
        Path file = directory.resolve("f");
        Files.writeString(file, "0123456789abcdef");
        CountingByteMeter meter = new CountingByteMeter();
        MeteredFile metered = new MeteredFile(new LocalObjectStore(), file.toUri(), Files.size(file), meter);

        List<byte[]> ranges = metered.readRanges(List.of(new MeteredFile.ByteRange(0, 2), new MeteredFile.ByteRange(10, 6), new MeteredFile.ByteRange(4, 3)));

        assertThat(ranges).extracting(bytes -> new String(bytes, StandardCharsets.US_ASCII)).containsExactly("01", "abcdef", "456");
        assertThat(meter.bytes()).isEqualTo(11);
        assertThat(InFlightBytes.of(meter).availableBytes()).as("every read returned its budget").isEqualTo(InFlightBytes.DEFAULT_LIMIT_BYTES);
    }

    @Test
    void aReadLargerThanTheCapTakesTheWholeCapInsteadOfWaitingForever()
            throws IOException
    {
        InFlightBytes budget = new InFlightBytes(100);
        int taken = budget.acquire(1_000);
        assertThat(taken).isEqualTo(100);
        assertThat(budget.availableBytes()).isZero();
        budget.release(taken);
        assertThat(budget.availableBytes()).isEqualTo(100);
    }
}
