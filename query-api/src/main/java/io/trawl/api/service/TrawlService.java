package io.trawl.api.service;

import io.trawl.api.auth.Caller;
import io.trawl.api.auth.RequestAuthenticator;
import io.trawl.api.embedded.EmbeddedTrawl;
import io.trawl.api.glue.GlueService;
import io.trawl.api.protocol.AwsJsonService;
import io.trawl.api.protocol.AwsServiceException;
import io.trawl.api.workgroup.WorkGroupStore;
import io.trawl.catalog.lake.CatalogDocuments;
import io.trawl.scan.store.ObjectStoreCatalogDocuments;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * One API instance's object graph, in plain Java so it runs the same under Netty, behind API Gateway on Lambda, and
 * in tests: the engine with its billing ({@link EmbeddedTrawl}), the meta store's documents (work groups, query
 * history), and the AWS services it speaks. It holds no state another instance could not rebuild from the meta store.
 */
public final class TrawlService
        implements AutoCloseable
{
    private final ServerSettings settings;
    private final EmbeddedTrawl trawl;
    private final CatalogDocuments metaDocuments;
    private final WorkGroupStore workGroups;
    private final RequestAuthenticator authenticator;
    private final List<AwsJsonService> awsServices = new ArrayList<>();

    private TrawlService(ServerSettings settings)
    {
        this.settings = requireNonNull(settings, "settings is null");
        this.trawl = EmbeddedTrawl.open(settings.home(), settings.s3(), settings.catalogLocation(), settings.billing(), settings.environment());
        this.metaDocuments = new ObjectStoreCatalogDocuments(trawl.store(), trawl.metaLocation());
        this.workGroups = new WorkGroupStore(metaDocuments, settings.clock());
        this.authenticator = TrawlService::accessKeyOnly;
        awsServices.add(new GlueService(trawl.catalog()));
    }

    public static TrawlService create(ServerSettings settings)
    {
        return new TrawlService(settings);
    }

    public ServerSettings settings()
    {
        return settings;
    }

    public EmbeddedTrawl trawl()
    {
        return trawl;
    }

    /** The meta store's documents: work groups, query history, named queries, prepared statements. */
    public CatalogDocuments metaDocuments()
    {
        return metaDocuments;
    }

    public WorkGroupStore workGroups()
    {
        return workGroups;
    }

    public RequestAuthenticator authenticator()
    {
        return authenticator;
    }

    public List<AwsJsonService> awsServices()
    {
        return List.copyOf(awsServices);
    }

    @Override
    public void close() {}

    private static Caller accessKeyOnly(io.trawl.api.auth.SignedRequest request)
    {
        String authorization = request.header("Authorization")
                .orElseThrow(() -> new AwsServiceException("UnrecognizedClientException", 403, "The security token included in the request is invalid."));
        int credential = authorization.indexOf("Credential=");
        if (credential < 0) {
            throw new AwsServiceException("UnrecognizedClientException", 403, "The security token included in the request is invalid.");
        }
        String keyId = authorization.substring(credential + "Credential=".length()).split("/", 2)[0];
        return new Caller(keyId, keyId);
    }
}
