package io.trawl.cli;

import io.trawl.cli.remote.ApiCredentials;
import io.trawl.cli.remote.TrawlApiClient;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/** {@code --endpoint}: run the statements on a Trawl API ({@code trawl serve}) instead of in this process. */
final class EndpointOptions
{
    static final String DEFAULT_REGION = "us-east-1";

    @Option(names = "--endpoint", paramLabel = "URL", description = {
            "Send the statements to the Trawl API at URL (e.g. http://localhost:8080, see trawl serve) instead of running them in this process. "
                    + "Requests are signed with AWS Signature V4 using $AWS_ACCESS_KEY_ID, $AWS_SECRET_ACCESS_KEY and $AWS_SESSION_TOKEN; "
                    + "when they are not set, the access key id is your user name with a dummy secret, which a server in development mode "
                    + "(no TRAWL_ACCESS_KEYS) accepts. Region: $AWS_REGION, else $AWS_DEFAULT_REGION, else " + DEFAULT_REGION})
    URI endpoint;

    /** The engine in this process, or the API at --endpoint (whose own settings then apply: --home and --s3-endpoint are refused). */
    StatementTarget open(CliContext context, CommonOptions common, ProgressLine progress, CommandLine commandLine)
    {
        return client(context, common, commandLine)
                .<StatementTarget>map(client -> new RemoteStatements(client, progress))
                .orElseGet(() -> new EmbeddedStatements(common.openTrawl(context)));
    }

    /** A client of the API at --endpoint, signed with the environment's credentials; empty without --endpoint. */
    Optional<TrawlApiClient> client(CliContext context, CommonOptions common, CommandLine commandLine)
    {
        if (endpoint == null) {
            return Optional.empty();
        }
        if (common.home != null || common.s3Endpoint != null) {
            throw new CommandLine.ParameterException(commandLine, "--home and --s3-endpoint set up the engine in this process; with --endpoint the server's settings apply");
        }
        ApiCredentials credentials;
        TrawlApiClient client;
        try {
            credentials = ApiCredentials.fromEnvironment(context.environment(), System.getProperty("user.name", "trawl"));
            client = TrawlApiClient.create(endpoint, credentials, region(context.environment()));
        }
        catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(commandLine, e.getMessage());
        }
        return Optional.of(client);
    }

    private static String region(Map<String, String> environment)
    {
        return Optional.ofNullable(environment.get("AWS_REGION"))
                .or(() -> Optional.ofNullable(environment.get("AWS_DEFAULT_REGION")))
                .map(String::trim)
                .filter(value -> !value.isEmpty())
                .orElse(DEFAULT_REGION);
    }
}
