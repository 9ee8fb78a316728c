package io.trawl.cli;

import io.trawl.api.embedded.StatementRunner;
import io.trawl.scan.store.s3.S3Config;
import picocli.CommandLine.Option;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** Options every command that touches Trawl's state takes. */
final class CommonOptions
{
    static final String HOME_VARIABLE = "TRAWL_HOME";
    static final String S3_ENDPOINT_VARIABLE = "TRAWL_S3_ENDPOINT";
    static final String S3_REGION_VARIABLE = "TRAWL_S3_REGION";
    static final String S3_PATH_STYLE_VARIABLE = "TRAWL_S3_PATH_STYLE";

    @Option(names = "--home", paramLabel = "DIR", description = "Trawl's state directory (catalog, lake). Default: $TRAWL_HOME, else ~/.trawl")
    Path home;

    @Option(names = "--debug", description = "Print stack traces of failures")
    boolean debug;

    @Option(names = "--s3-endpoint", paramLabel = "URL", description = "S3-compatible endpoint for s3:// locations, e.g. http://localhost:4566 (LocalStack). "
            + "Default: $TRAWL_S3_ENDPOINT, else AWS. Region: $TRAWL_S3_REGION (default us-east-1); path-style: $TRAWL_S3_PATH_STYLE "
            + "(default true with an endpoint); credentials: $AWS_ACCESS_KEY_ID/$AWS_SECRET_ACCESS_KEY, else the AWS default chain")
    URI s3Endpoint;

    /** Opens Trawl at the resolved home with the resolved S3 settings. */
    StatementRunner openTrawl(CliContext context)
    {
        return context.openTrawl().apply(resolveHome(context), resolveS3(context.environment()));
    }

    /** --home, else $TRAWL_HOME, else ~/.trawl. */
    Path resolveHome(CliContext context)
    {
        if (home != null) {
            return home.toAbsolutePath();
        }
        String fromEnvironment = context.environment().get(HOME_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return Path.of(fromEnvironment).toAbsolutePath();
        }
        return context.userHome().resolve(".trawl");
    }

    /**
     * S3 settings: --s3-endpoint, else $TRAWL_S3_ENDPOINT, else AWS itself; $TRAWL_S3_REGION (else $AWS_REGION,
     * else us-east-1); $TRAWL_S3_PATH_STYLE, by default on exactly when an endpoint is set (local servers need
     * it, AWS prefers virtual-hosted); static credentials from $AWS_ACCESS_KEY_ID and $AWS_SECRET_ACCESS_KEY,
     * else the AWS SDK's default chain (profiles, SSO, instance and container roles).
     */
    S3Config resolveS3(Map<String, String> environment)
    {
        S3Config config = S3Config.fromEnvironment(environment);
        if (s3Endpoint != null) {
            config = config.withEndpoint(s3Endpoint);
            String pathStyle = environment.get(S3_PATH_STYLE_VARIABLE);
            if (pathStyle != null && !pathStyle.isBlank()) {
                config = config.withPathStyle(Boolean.parseBoolean(pathStyle.trim().toLowerCase(Locale.ROOT)));
            }
        }
        return config;
    }
}
