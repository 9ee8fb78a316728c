package io.trawl.billing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BilledBytesTest
{
    private static final long MB = 1L << 20;

    @Test
    void queryThatReadNothingIsBilledTheTenMegabyteMinimum()
    {
        assertThat(BilledBytes.of(0).bytes()).as("0 bytes scanned").isEqualTo(10 * MB);
        assertThat(BilledBytes.of(0).megabytes()).isEqualTo(10);
    }

    @Test
    void anythingUpToTenMegabytesIsBilledTheMinimum()
    {
        assertThat(BilledBytes.of(1).bytes()).as("1 byte").isEqualTo(10 * MB);
        assertThat(BilledBytes.of(10 * MB - 1).bytes()).as("just under 10 MB").isEqualTo(10 * MB);
        assertThat(BilledBytes.of(10 * MB).bytes()).as("exactly 10 MB").isEqualTo(10 * MB);
    }

    @Test
    void oneByteOverAMegabyteBoundaryIsBilledTheNextWholeMegabyte()
    {
        assertThat(BilledBytes.of(10 * MB + 1).bytes()).as("10 MB + 1 byte").isEqualTo(11 * MB);
        assertThat(BilledBytes.of(11 * MB).bytes()).as("exactly 11 MB is not rounded up").isEqualTo(11 * MB);
        assertThat(BilledBytes.of(11 * MB + 1).megabytes()).as("11 MB + 1 byte").isEqualTo(12);
    }

    @Test
    void decimalUnitsUseMillionByteMegabytes()
    {
        assertThat(BilledBytes.of(10_000_001, ByteUnit.DECIMAL).bytes()).as("10 decimal MB + 1 byte").isEqualTo(11_000_000);
        assertThat(BilledBytes.of(10_000_001, ByteUnit.BINARY).bytes()).as("the same bytes are under 10 binary MB").isEqualTo(10 * MB);
        assertThat(BilledBytes.of(0, ByteUnit.DECIMAL).bytes()).as("decimal minimum").isEqualTo(10_000_000);
    }

    @Test
    void keepsWhatWasScannedNextToWhatIsBilled()
    {
        BilledBytes billed = BilledBytes.of(123);
        assertThat(billed.bytesScanned()).as("scanned").isEqualTo(123);
        assertThat(billed.unit()).as("default unit").isEqualTo(ByteUnit.BINARY);
    }

    @Test
    void rejectsNegativeByteCounts()
    {
        assertThatThrownBy(() -> BilledBytes.of(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("negative");
    }

    @Test
    void rejectsBilledBytesThatAreNotWholeMegabytes()
    {
        assertThatThrownBy(() -> new BilledBytes(0, 10 * MB + 1, ByteUnit.BINARY))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
