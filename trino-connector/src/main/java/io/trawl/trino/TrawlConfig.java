package io.trawl.trino;

import io.trawl.billing.BillingConfig;

import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * The plugin's settings, the same for the catalog file ({@code etc/catalog/trawl.properties}), the event
 * listener and the access control: each mirrors an environment variable of Trawl's own processes, so one
 * deployment's values can be copied over unchanged.
 * <pre>
 *   trawl.home                  a local Trawl home: catalog in {@code <home>/catalog}, usage in {@code <home>/usage}
 *   trawl.meta-location         TRAWL_CATALOG: lake-native catalog and usage ledger at this URI (s3://bucket/meta/, file:///dir/)
 *   trawl.catalog-store         TRAWL_CATALOG_STORE: lake (default) or glue
 *   trawl.glue.endpoint|region|catalog-id      TRAWL_GLUE_*
 *   trawl.s3.endpoint|region|path-style        TRAWL_S3_*
 *   trawl.aws.endpoint          TRAWL_AWS_ENDPOINT: one endpoint for S3 and Glue (LocalStack)
 *   trawl.aws.access-key-id, trawl.aws.secret-access-key    static credentials (else the AWS SDK's default chain)
 *   trawl.admins                TRAWL_ADMINS: administrators (access control)
 *   trawl.catalogs              the Trino catalogs governed by Trawl's grants and metered by the listener (default trawl)
 *   trawl.workgroup             TRAWL_WORKGROUP: the work group usage is recorded under (default primary)
 *   billing.*                   prices, as in Trawl's billing configuration ({@link BillingConfig})
 * </pre>
 * One of {@code trawl.home} and {@code trawl.meta-location} is required: it is where the usage ledger and the
 * grants live.
 */
public record TrawlConfig(Map<String, String> properties)
{
    private static final Set<String> KEYS = Set.of(
            "trawl.home", "trawl.meta-location", "trawl.catalog-store",
            "trawl.glue.endpoint", "trawl.glue.region", "trawl.glue.catalog-id",
            "trawl.s3.endpoint", "trawl.s3.region", "trawl.s3.path-style",
            "trawl.aws.endpoint", "trawl.aws.access-key-id", "trawl.aws.secret-access-key",
            "trawl.admins", "trawl.catalogs", "trawl.workgroup");

    public static final String DEFAULT_WORK_GROUP = "primary";

    public TrawlConfig
    {
        properties = Map.copyOf(requireNonNull(properties, "properties is null"));
        Set<String> unknown = new TreeSet<>();
        for (String key : properties.keySet()) {
            if (!KEYS.contains(key) && !key.startsWith(BillingConfig.PREFIX)) {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("Unknown Trawl properties: %s (known: %s, billing.*)".formatted(unknown, new TreeSet<>(KEYS)));
        }
        if (valueOf(properties, "trawl.home").isEmpty() && valueOf(properties, "trawl.meta-location").isEmpty()) {
            throw new IllegalArgumentException("Set trawl.meta-location (where Trawl's catalog, grants and usage ledger live, e.g. s3://bucket/meta/) or trawl.home (a local Trawl home directory)");
        }
        BillingConfig.fromProperties(billingProperties(properties));
    }

    public Optional<String> value(String key)
    {
        return valueOf(properties, key);
    }

    private static Optional<String> valueOf(Map<String, String> properties, String key)
    {
        return Optional.ofNullable(properties.get(key)).map(String::strip).filter(value -> !value.isEmpty());
    }

    /** The local home, when the catalog and ledger are kept as Trawl's CLI keeps them. */
    public Optional<Path> home()
    {
        return value("trawl.home").map(Path::of).map(Path::toAbsolutePath);
    }

    /** Where the lake-native catalog lives when it is not under the home: {@code TRAWL_CATALOG}. */
    public Optional<URI> catalogLocation()
    {
        return value("trawl.meta-location").map(TrawlConfig::folder);
    }

    /** Where the usage ledger and the grants live: the catalog location, else the home. */
    public URI metaLocation()
    {
        return catalogLocation().orElseGet(() -> folder(home().orElseThrow().toString()));
    }

    public Set<String> administrators()
    {
        return names("trawl.admins");
    }

    public Set<String> governedCatalogs()
    {
        Set<String> catalogs = names("trawl.catalogs");
        return catalogs.isEmpty() ? Set.of("trawl") : catalogs;
    }

    public String workGroup()
    {
        return value("trawl.workgroup").orElse(DEFAULT_WORK_GROUP);
    }

    public BillingConfig billing()
    {
        return BillingConfig.fromProperties(billingProperties(properties));
    }

    /**
     * The settings as the environment variables Trawl's own configuration reads ({@code trawl.s3.endpoint} is
     * {@code TRAWL_S3_ENDPOINT}), so S3 and Glue are configured by exactly the code Trawl's processes use.
     */
    public Map<String, String> environment()
    {
        Map<String, String> environment = new HashMap<>();
        properties.forEach((key, value) -> {
            if (key.equals("trawl.aws.access-key-id")) {
                environment.put("AWS_ACCESS_KEY_ID", value);
            }
            else if (key.equals("trawl.aws.secret-access-key")) {
                environment.put("AWS_SECRET_ACCESS_KEY", value);
            }
            else if (key.startsWith("trawl.")) {
                environment.put(key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'), value);
            }
        });
        return Map.copyOf(environment);
    }

    private Set<String> names(String key)
    {
        return value(key).stream()
                .flatMap(list -> Arrays.stream(list.split(",")))
                .map(String::strip)
                .filter(name -> !name.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    private static Map<String, String> billingProperties(Map<String, String> properties)
    {
        Map<String, String> billing = new HashMap<>();
        properties.forEach((key, value) -> {
            if (key.startsWith(BillingConfig.PREFIX)) {
                billing.put(key, value);
            }
        });
        return billing;
    }

    private static URI folder(String location)
    {
        // a plain path is a local folder
        String uri = URI.create(location).getScheme() == null ? Path.of(location).toAbsolutePath().toUri().toString() : location;
        return URI.create(uri.endsWith("/") ? uri : uri + "/");
    }
}
