package io.trawl.cli;

import io.trawl.api.embedded.StatementRunner;
import io.trawl.api.embedded.EmbeddedTrawl;
import io.trawl.scan.store.s3.S3Config;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * What a CLI invocation talks to: its streams, its environment, and how to open Trawl at a home
 * directory with the S3 settings the options and environment give. Tests pass their own to run {@link Main}
 * in-process.
 */
public record CliContext(
        PrintWriter out,
        PrintWriter err,
        InputStream in,
        Map<String, String> environment,
        Path userHome,
        BiFunction<Path, S3Config, StatementRunner> openTrawl)
{
    /** For openers that have no use for S3 settings (scripted runners in tests). */
    public CliContext(PrintWriter out, PrintWriter err, InputStream in, Map<String, String> environment, Path userHome, Function<Path, StatementRunner> openTrawl)
    {
        this(out, err, in, environment, userHome, (home, _) -> requireNonNull(openTrawl, "openTrawl is null").apply(home));
    }

    public CliContext
    {
        requireNonNull(out, "out is null");
        requireNonNull(err, "err is null");
        requireNonNull(in, "in is null");
        environment = Map.copyOf(requireNonNull(environment, "environment is null"));
        requireNonNull(userHome, "userHome is null");
        requireNonNull(openTrawl, "openTrawl is null");
    }

    static CliContext system()
    {
        return new CliContext(
                new PrintWriter(System.out, false, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8),
                System.in,
                System.getenv(),
                Path.of(System.getProperty("user.home")),
                (home, s3) -> EmbeddedTrawl.open(home, s3, catalogLocation(System.getenv()), billingSettings(System.getenv()), System.getenv()));
    }

    /** The embedded engine's prices from TRAWL_PRICE_PER_TB, TRAWL_PRICE_CURRENCY, TRAWL_PRICE_UNIT and TRAWL_PRICE_VERSION. */
    public static io.trawl.api.embedded.BillingSettings billingSettings(Map<String, String> environment)
    {
        try {
            return io.trawl.api.embedded.BillingSettings.fromEnvironmentWithLimits(environment);
        }
        catch (IllegalArgumentException e) {
            throw new io.trawl.error.TrawlException(io.trawl.error.ErrorCode.INVALID_ARGUMENT, "Invalid billing setting: " + e.getMessage(), e);
        }
    }

    /** TRAWL_CATALOG: where the catalog lives when not under the home directory (e.g. s3://bucket/meta/). */
    public static java.util.Optional<java.net.URI> catalogLocation(Map<String, String> environment)
    {
        String value = environment.get("TRAWL_CATALOG");
        return value == null || value.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(java.net.URI.create(value.trim()));
    }
}
