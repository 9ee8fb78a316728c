package io.trawl.testing.s3;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Naming and clean-up shared with {@link io.trawl.testing.tpch.TpchLake}'s conventions. */
final class TpchLakeNames
{
    private TpchLakeNames() {}

    static String scaleFactorName(double scaleFactor)
    {
        return BigDecimal.valueOf(scaleFactor).stripTrailingZeros().toPlainString();
    }

    static void deleteQuietly(Path directory)
    {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path each : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(each);
            }
        }
        catch (IOException ignored) {
            // a temporary directory left behind is not worth failing the JVM's exit for
        }
    }
}
