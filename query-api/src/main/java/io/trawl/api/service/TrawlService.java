package io.trawl.api.service;

import io.trawl.api.athena.AthenaService;
import io.trawl.api.athena.DataCatalogOperations;
import io.trawl.api.athena.NamedQueryOperations;
import io.trawl.api.athena.PreparedStatementOperations;
import io.trawl.api.athena.QueryExecutionOperations;
import io.trawl.api.athena.WorkGroupOperations;
import io.trawl.api.auth.RequestAuthenticator;
import io.trawl.api.auth.RequestAuthenticators;
import io.trawl.api.embedded.EmbeddedTrawl;
import io.trawl.api.glue.GlueService;
import io.trawl.api.lambda.LambdaCoordinatorDispatcher;
import io.trawl.api.namedquery.NamedQueryStore;
import io.trawl.api.prepared.PreparedStatementStore;
import io.trawl.api.prepared.SqlPreprocessor;
import io.trawl.api.protocol.AwsJsonService;
import io.trawl.api.query.QueryHistory;
import io.trawl.api.query.QueryService;
import io.trawl.api.report.ReportService;
import io.trawl.api.report.ReportSettings;
import io.trawl.api.report.ReportStore;
import io.trawl.api.workgroup.WorkGroupStore;
import io.trawl.catalog.lake.CatalogDocuments;
import io.trawl.scan.store.ObjectStoreCatalogDocuments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * One API instance's object graph, in plain Java so it runs the same under Netty, behind API Gateway on Lambda, and
 * in tests: the engine with its billing ({@link EmbeddedTrawl}), the meta store's documents (work groups, query
 * history, reports), and the AWS services it speaks. It holds no state another instance could not rebuild from the meta store.
 */
public final class TrawlService
        implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(TrawlService.class);

    private final ServerSettings settings;
    private final EmbeddedTrawl trawl;
    private final CatalogDocuments metaDocuments;
    private final WorkGroupStore workGroups;
    private final NamedQueryStore namedQueries;
    private final PreparedStatementStore preparedStatements;
    private final SqlPreprocessor sqlPreprocessor;
    private final RequestAuthenticator authenticator;
    private final QueryService queries;
    private final ReportService reports;
    private final List<AwsJsonService> awsServices = new ArrayList<>();
    private final List<String> startupWarnings = new ArrayList<>();

    private TrawlService(ServerSettings settings)
    {
        this.settings = requireNonNull(settings, "settings is null");
        this.trawl = EmbeddedTrawl.open(settings.home(), settings.s3(), settings.catalogLocation(), settings.billing(), settings.environment());
        this.metaDocuments = new ObjectStoreCatalogDocuments(trawl.store(), trawl.metaLocation());
        this.workGroups = new WorkGroupStore(metaDocuments, settings.clock());
        this.namedQueries = new NamedQueryStore(metaDocuments);
        this.preparedStatements = new PreparedStatementStore(metaDocuments, settings.clock());
        this.sqlPreprocessor = new SqlPreprocessor(preparedStatements);
        this.authenticator = RequestAuthenticators.fromEnvironment(settings.environment(), settings.clock(), warning -> {
            LOG.warn(warning);
            startupWarnings.add(warning);
        });
        this.queries = new QueryService(trawl, new QueryHistory(metaDocuments), workGroups, sqlPreprocessor, settings,
                LambdaCoordinatorDispatcher.fromEnvironment(settings.environment()).map(dispatcher -> dispatcher));
        this.reports = new ReportService(new ReportStore(metaDocuments), workGroups, queries, trawl.store(), ReportSettings.fromEnvironment(settings.environment()),
                settings.clock(), settings.instanceId());
        awsServices.add(new AthenaService(athenaOperations()));
        awsServices.add(new GlueService(trawl.catalog(), trawl.accessControl()));
    }

    /** Athena's operations, one group per kind of resource. */
    private List<AthenaService.OperationGroup> athenaOperations()
    {
        List<AthenaService.OperationGroup> groups = new ArrayList<>();
        groups.add(new QueryExecutionOperations(queries));
        groups.add(new WorkGroupOperations(workGroups, namedQueries, preparedStatements, settings.clock(), trawl::administers));
        groups.add(new NamedQueryOperations(namedQueries, workGroups));
        groups.add(new PreparedStatementOperations(preparedStatements, workGroups));
        groups.add(new DataCatalogOperations(trawl.catalog(), trawl.accessControl()));
        return groups;
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

    /** What runs before a statement: binds ExecutionParameters, expands EXECUTE, carries out PREPARE and DEALLOCATE PREPARE. */
    public SqlPreprocessor sqlPreprocessor()
    {
        return sqlPreprocessor;
    }

    /** What the operator must know at start-up (development mode), for {@code trawl serve} to print whatever logging is bound. */
    public List<String> startupWarnings()
    {
        return List.copyOf(startupWarnings);
    }

    public QueryService queries()
    {
        return queries;
    }

    /** Scheduled reports; their scheduler ticks only when started ({@code trawl serve}) or asked (the coordinator function). */
    public ReportService reports()
    {
        return reports;
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
    public void close()
    {
        reports.close();
        queries.close();
    }
}
