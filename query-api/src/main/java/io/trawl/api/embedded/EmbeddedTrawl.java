package io.trawl.api.embedded;

import io.trawl.billing.Charge;
import io.trawl.billing.ChargingRules;
import io.trawl.billing.PricingPolicy;
import io.trawl.billing.QueryOutcome;
import io.trawl.billing.StatementType;
import io.trawl.billing.ledger.LedgerWrite;
import io.trawl.billing.ledger.UsageLedger;
import io.trawl.billing.ledger.UsageRecord;
import io.trawl.billing.limits.AlertNotifier;
import io.trawl.billing.limits.UsageAlerts;
import io.trawl.billing.limits.WorkGroupLimits;
import io.trawl.catalog.CatalogStore;
import io.trawl.catalog.glue.GlueCatalogStore;
import io.trawl.catalog.glue.GlueConfig;
import io.trawl.catalog.local.LocalCatalogStore;
import io.trawl.api.embedded.StatementRun;
import io.trawl.api.embedded.StatementRunner;
import io.trawl.engine.EngineConfig;
import io.trawl.engine.QueryControl;
import io.trawl.engine.QueryEngine;
import io.trawl.engine.QueryResult;
import io.trawl.engine.Session;
import io.trawl.engine.StatementKind;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trawl.engine.fragment.RemoteWorkers;
import io.trawl.scan.LakeScanProvider;
import io.trawl.scan.runtime.ScanRuntimes;
import io.trawl.scan.store.ObjectStoreLocationValidator;
import io.trawl.scan.store.ObjectStoreWriteStorage;
import io.trawl.scan.writer.LakeFileWriters;
import io.trawl.engine.write.WriteLocations;
import io.trawl.scan.store.RoutingObjectStore;
import io.trawl.scan.store.s3.S3Config;
import io.trawl.scan.usage.ObjectStoreLedgerStorage;
import io.trawl.scan.usage.UsageSystemTables;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * Trawl in this process, with no server: the catalog is JSON under {@code <home>/catalog}, tables read
 * local files ({@code file://} locations) and S3 ({@code s3://}, through the given {@link S3Config}: AWS, or
 * LocalStack/MinIO with an endpoint), and {@code <home>/lake} is where the CLI puts data it makes (the demo's
 * TPC-H tables). A table's LOCATION is checked against its storage at CREATE (an S3 bucket must exist).
 *
 * <p>Billing: every statement is charged by Athena's rules ({@link ChargingRules}) at the work group's price, and
 * each billed one is recorded in the usage ledger under the meta location ({@code <home>} or the
 * {@code TRAWL_CATALOG} location): {@code usage/yyyy/mm/dd/<queryId>.avro}, principal the session's user, work group
 * {@code primary}. Failed statements are free and not recorded (Athena's history shows them, its bill does not); the
 * ledger holds billed statements only. A statement cancelled through its {@link QueryControl} (its bytes-scanned
 * cutoff, or the user) fails but is billed for the bytes it read before the cancel. Reading system tables is free: a statement that read nothing but system
 * tables ({@code system.billing.usage}) is not billed or recorded, so {@code trawl usage} does not change the usage it
 * reports, and one that also read lake tables is billed for the lake bytes only.
 */
public final class EmbeddedTrawl
        implements StatementRunner
{
    public static final String CATALOG_STORE_VARIABLE = "TRAWL_CATALOG_STORE";
    /** The administrators, comma-separated; setting it turns access control on (off when unset or blank). */
    public static final String ADMINS_VARIABLE = "TRAWL_ADMINS";
    /** With access control on, the only prefixes table locations and CTAS/UNLOAD destinations may fall under (comma-separated); unset, any. */
    public static final String ALLOWED_LOCATIONS_VARIABLE = "TRAWL_ALLOWED_LOCATIONS";

    private final Path home;
    private final URI metaLocation;
    private final RoutingObjectStore store;
    private final CatalogStore catalog;
    private final QueryEngine engine;
    private final UsageLedger ledger;
    private final UsageAlerts alerts;
    private final AlertNotifier notifier;
    private final BillingSettings billing;

    private EmbeddedTrawl(Path home, URI metaLocation, RoutingObjectStore store, CatalogStore catalog, QueryEngine engine, UsageLedger ledger, UsageAlerts alerts, BillingSettings billing)
    {
        this.metaLocation = requireNonNull(metaLocation, "metaLocation is null");
        this.store = requireNonNull(store, "store is null");
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.alerts = requireNonNull(alerts, "alerts is null");
        this.notifier = new AlertNotifier(billing.alertLog());
        this.home = requireNonNull(home, "home is null");
        this.engine = requireNonNull(engine, "engine is null");
        this.ledger = requireNonNull(ledger, "ledger is null");
        this.billing = requireNonNull(billing, "billing is null");
    }

    /** Opens Trawl's state at {@code home}, creating the directories on first use; S3 is AWS's, default chain. */
    public static EmbeddedTrawl open(Path home)
    {
        return open(home, S3Config.defaults());
    }

    /** Opens Trawl's state at {@code home}, with {@code s3://} locations read as {@code s3} says. */
    public static EmbeddedTrawl open(Path home, S3Config s3)
    {
        return open(home, s3, Optional.empty());
    }

    /**
     * As {@link #open(Path, S3Config)}, with the catalog kept at {@code catalogLocation} ({@code s3://bucket/meta/}
     * or {@code file:///dir/}) as lake-native JSON documents with conditional writes, so several processes
     * (CLI runs, API instances) can share one catalog; empty keeps it under {@code <home>/catalog}. The usage ledger
     * lives next to the catalog: {@code <catalogLocation>/usage/}, else {@code <home>/usage/}.
     */
    public static EmbeddedTrawl open(Path home, S3Config s3, Optional<URI> catalogLocation)
    {
        return open(home, s3, catalogLocation, BillingSettings.defaults());
    }

    /** As {@link #open(Path, S3Config, Optional)}, billing with {@code billing}'s prices, work group and clock. */
    public static EmbeddedTrawl open(Path home, S3Config s3, Optional<URI> catalogLocation, BillingSettings billing)
    {
        return open(home, s3, catalogLocation, billing, Map.of());
    }

    /**
     * As {@link #open(Path, S3Config, Optional, BillingSettings)}, with scans run where {@code workersEnvironment}
     * says ({@link ScanRuntimes#fromEnvironment}: {@code TRAWL_WORKERS=in-process|pool[:N]|lambda:FUNCTION}) and the
     * catalog in the store it names ({@code TRAWL_CATALOG_STORE=lake|glue}, see {@link #catalogStoreKind}).
     */
    public static EmbeddedTrawl open(Path home, S3Config s3, Optional<URI> catalogLocation, BillingSettings billing, Map<String, String> workersEnvironment)
    {
        requireNonNull(s3, "s3 is null");
        requireNonNull(catalogLocation, "catalogLocation is null");
        Path absoluteHome = home.toAbsolutePath();
        URI metaLocation = catalogLocation.orElse(absoluteHome.toUri());
        try {
            Files.createDirectories(absoluteHome.resolve("catalog"));
            Files.createDirectories(absoluteHome.resolve("lake"));
            if ("file".equals(metaLocation.getScheme())) {
                // on local disk a table location must exist, even before the first billed query
                Files.createDirectories(Path.of(ObjectStoreLedgerStorage.usageLocation(metaLocation)));
            }
        }
        catch (IOException e) {
            throw new TrawlException(ErrorCode.STORAGE_ERROR, "Cannot create Trawl's home directory %s: %s".formatted(absoluteHome, e.getMessage()), e);
        }
        // the S3 client is built on the first s3:// location, so local-only use never resolves AWS credentials
        RoutingObjectStore store = RoutingObjectStore.create(s3);
        Optional<RemoteWorkers> workers = ScanRuntimes.fromEnvironment(workersEnvironment, store, metaLocation);
        CatalogStore catalog = catalogStoreKind(workersEnvironment).equals("glue")
                ? GlueCatalogStore.create(GlueConfig.fromEnvironment(workersEnvironment))
                : catalogLocation
                        .<CatalogStore>map(location -> new io.trawl.catalog.lake.LakeCatalogStore(new io.trawl.scan.store.ObjectStoreCatalogDocuments(store, location)))
                        .orElseGet(() -> new LocalCatalogStore(absoluteHome.resolve("catalog")));
        // a CTAS without external_location, run from the CLI, puts its table under the lake directory; the API gives
        // each statement its own place under its output location instead (WriteLocations)
        EngineConfig config = EngineConfig.defaults().withTablesLocation(absoluteHome.resolve("lake").resolve("tables").toUri());
        io.trawl.scan.store.ObjectStoreCatalogDocuments metaDocuments = new io.trawl.scan.store.ObjectStoreCatalogDocuments(store, metaLocation);
        io.trawl.engine.access.AccessControl access = accessControl(workersEnvironment, metaDocuments);
        QueryEngine inProcess = new QueryEngine(catalog, systemTables(metaLocation, metaDocuments.root(), access), LakeScanProvider.create(store), config,
                new ObjectStoreLocationValidator(store), Set.of())
                .withWriters(new LakeFileWriters(store), new ObjectStoreWriteStorage(store));
        QueryEngine engine = workers.map(inProcess::withWorkers).orElse(inProcess).withAccessControl(access);
        UsageLedger ledger = new UsageLedger(new ObjectStoreLedgerStorage(store, metaLocation));
        return new EmbeddedTrawl(absoluteHome, metaLocation, store, catalog, engine, ledger, new UsageAlerts(ledger, ObjectStoreLedgerStorage.limitsState(store, metaLocation)), billing);
    }

    /**
     * Access control from {@code TRAWL_ADMINS=alice,bob}: those users administer it and every statement is checked
     * against the grants kept under {@code access/} at the meta location, and table locations and write destinations
     * against {@code TRAWL_ALLOWED_LOCATIONS}. Unset or blank: off, everyone may do everything.
     */
    private static io.trawl.engine.access.AccessControl accessControl(Map<String, String> environment, io.trawl.catalog.lake.CatalogDocuments metaDocuments)
    {
        Set<String> administrators = java.util.Arrays.stream(environment.getOrDefault(ADMINS_VARIABLE, "").split(","))
                .map(String::strip)
                .filter(name -> !name.isEmpty())
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
        return administrators.isEmpty()
                ? io.trawl.engine.access.AccessControl.DISABLED
                : io.trawl.engine.access.AccessControl.enforcing(new io.trawl.catalog.access.AccessStore(metaDocuments, administrators),
                        new io.trawl.catalog.access.AuditLog(metaDocuments))
                        .withAllowedLocations(java.util.Arrays.stream(environment.getOrDefault(ALLOWED_LOCATIONS_VARIABLE, "").split(","))
                                .map(String::strip)
                                .filter(prefix -> !prefix.isEmpty())
                                .toList());
    }

    /** {@code system.billing.usage}, and with access control on {@code system.audit.events} (administrators only). */
    private static io.trawl.engine.analyzer.SystemTables systemTables(URI metaLocation, URI metaDocumentsRoot, io.trawl.engine.access.AccessControl access)
    {
        UsageSystemTables usage = new UsageSystemTables(metaLocation);
        if (access.audit().isEmpty()) {
            return usage;
        }
        if ("file".equals(metaDocumentsRoot.getScheme())) {
            // on local disk a table location must exist, even before the first event
            try {
                Files.createDirectories(Path.of(metaDocumentsRoot).resolve(io.trawl.catalog.access.AuditLog.PREFIX));
            }
            catch (IOException e) {
                throw new TrawlException(ErrorCode.STORAGE_ERROR, "Cannot create the audit folder under %s: %s".formatted(metaDocumentsRoot, e.getMessage()), e);
            }
        }
        io.trawl.catalog.Table events = io.trawl.catalog.access.AuditLog.table(metaDocumentsRoot, UsageSystemTables.CATALOG, io.trawl.engine.analyzer.SystemTables.SYSTEM_TABLE_PARAMETER);
        return new io.trawl.engine.analyzer.SystemTables()
        {
            @Override
            public Set<String> catalogs()
            {
                return usage.catalogs();
            }

            @Override
            public Optional<io.trawl.catalog.Table> find(String catalog, String schema, String table)
            {
                if (UsageSystemTables.CATALOG.equals(catalog) && io.trawl.catalog.access.AuditLog.SYSTEM_SCHEMA.equals(schema) && io.trawl.catalog.access.AuditLog.SYSTEM_TABLE.equals(table)) {
                    return Optional.of(events);
                }
                return usage.find(catalog, schema, table);
            }
        };
    }

    /**
     * Where table definitions live, from {@code TRAWL_CATALOG_STORE}: {@code lake} (the default: lake-native documents
     * at the catalog location, else under the home directory) or {@code glue} (an AWS Glue Data Catalog reached as
     * {@link GlueConfig#fromEnvironment} says: {@code TRAWL_GLUE_ENDPOINT}, {@code TRAWL_GLUE_REGION},
     * {@code TRAWL_GLUE_CATALOG_ID}). Trawl's own records (usage, query history) stay at the meta location either way.
     */
    private static String catalogStoreKind(Map<String, String> environment)
    {
        String kind = environment.getOrDefault(CATALOG_STORE_VARIABLE, "").trim().toLowerCase(java.util.Locale.ROOT);
        if (kind.isEmpty() || kind.equals("lake") || kind.equals("glue")) {
            return kind;
        }
        throw new TrawlException(ErrorCode.INVALID_ARGUMENT, "%s must be 'lake' or 'glue', not '%s'".formatted(CATALOG_STORE_VARIABLE, environment.get(CATALOG_STORE_VARIABLE)));
    }

    /** Whether statements are checked against grants and row filters (TRAWL_ADMINS set): then what a query returns depends on who runs it. */
    public boolean accessControlled()
    {
        return engine.accessControl().enabled();
    }

    /**
     * Whether {@code reader} may read what a query run by {@code owner} returned: anyone when access control is off;
     * with it on, the owner and administrators only, since the rows depend on the owner's grants and row filters.
     */
    public boolean mayReadResultsOf(String reader, String owner)
    {
        return reader.equals(owner) || administers(reader);
    }

    /** Whether {@code user} administers this Trawl: anyone when access control is off, else the configured administrators. */
    public boolean administers(String user)
    {
        return engine.accessControl().snapshot().map(model -> model.isAdministrator(user)).orElse(true);
    }

    /** What {@code user} may see and change of the catalog through the metadata APIs, by the grants as they stand now. */
    public io.trawl.engine.access.MetadataAccess metadataAccess(String user)
    {
        return io.trawl.engine.access.MetadataAccess.of(engine.accessControl(), user);
    }

    /** Removes the grants and row filters of a table (or a database) dropped through the metadata APIs. */
    public io.trawl.engine.access.AccessControl accessControl()
    {
        return engine.accessControl();
    }

    public Path home()
    {
        return home;
    }

    /** Where Trawl's own records live: the usage ledger, and the API's query history and work groups ({@code TRAWL_CATALOG}, else the home directory). */
    public URI metaLocation()
    {
        return metaLocation;
    }

    /** The object store every location ({@code file://}, {@code s3://}) is read and written through. */
    public RoutingObjectStore store()
    {
        return store;
    }

    public CatalogStore catalog()
    {
        return catalog;
    }

    public BillingSettings billing()
    {
        return billing;
    }

    /** Where the CLI keeps data it generates, as plain files readable by any engine. */
    public Path lakeDirectory()
    {
        return home.resolve("lake");
    }

    /** The usage ledger this Trawl records billed statements in. */
    public UsageLedger ledger()
    {
        return ledger;
    }

    @Override
    public QueryResult execute(String sql, Session session)
    {
        return run(sql, session).result();
    }

    /**
     * Runs the statement, charges it and, when billed, records it in the usage ledger before returning.
     *
     * @throws TrawlException when the statement fails (nothing is billed), or when its usage cannot be recorded
     */
    @Override
    public StatementRun run(String sql, Session session)
    {
        return run(sql, session, new QueryControl(UUID.randomUUID().toString(), billing.limits().limitsFor(billing.workGroup()).bytesScannedCutoffPerQuery()));
    }

    /**
     * As {@link #run(String, Session)}, under {@code control}: its id is the query id, and when it is cancelled (by its
     * bytes-scanned cutoff or by the user) the statement fails but is billed, and recorded, for what it read before.
     */
    public StatementRun run(String sql, Session session, QueryControl control)
    {
        return run(sql, session, control, billing.workGroup());
    }

    /**
     * As {@link #run(String, Session, QueryControl)}, charged to {@code workGroup}: its price, its usage alerts, and
     * its record in the ledger (the API runs each statement in the work group its request names).
     */
    public StatementRun run(String sql, Session session, QueryControl control, String workGroup)
    {
        return run(sql, session, control, workGroup, WriteLocations.none());
    }

    /**
     * As {@link #run(String, Session, QueryControl, String)}, with writes placed as {@code writeLocations} says: where a
     * CTAS without {@code external_location} puts its table, and where the data manifest of a write goes.
     */
    public StatementRun run(String sql, Session session, QueryControl control, String workGroup, WriteLocations writeLocations)
    {
        checkWorkGroupEnabled(workGroup);
        String queryId = control.queryId();
        Instant start = billing.clock().instant();
        PricingPolicy policy = billing.prices().policyFor(workGroup);
        QueryResult result;
        try {
            result = engine.execute(sql, session, control, writeLocations);
        }
        catch (TrawlException e) {
            if (control.isCancelled()) {
                // the bytes of a cancelled statement are not split by table: all of them are billed
                StatementType type = StatementTypes.of(sql, StatementKind.QUERY);
                Charge charge = ChargingRules.charge(type, QueryOutcome.CANCELLED, control.bytesScanned(), policy);
                record(UsageRecord.of(queryId, workGroup, session.user(), type, QueryOutcome.CANCELLED, charge, start, billing.clock().instant()));
            }
            // any other failure is free and not recorded
            throw e;
        }
        Instant end = billing.clock().instant();

        Charge charge = StatementRun.charge(sql, result, policy);
        if (charge.billable()) {
            record(UsageRecord.of(queryId, workGroup, session.user(), StatementTypes.of(sql, result.kind()), QueryOutcome.SUCCEEDED, charge, start, end));
            checkAlerts(workGroup, end);
        }
        return new StatementRun(queryId, result, charge);
    }

    /** Refuses statements while a usage alert keeps the work group disabled. */
    private void checkWorkGroupEnabled(String workGroup)
    {
        Optional<String> reason;
        try {
            reason = alerts.disabledReason(workGroup);
        }
        catch (IOException e) {
            throw new TrawlException(ErrorCode.STORAGE_ERROR, "Cannot read the state of work group %s: %s".formatted(workGroup, e.getMessage()), e);
        }
        if (reason.isPresent()) {
            throw new TrawlException(ErrorCode.WORKGROUP_DISABLED, "Work group %s is disabled: %s".formatted(workGroup, reason.get()));
        }
    }

    /** After a billed statement: the work group's usage alerts that fire now are announced (and may disable it for the next statement). */
    private void checkAlerts(String workGroup, Instant now)
    {
        WorkGroupLimits limits = billing.limits().limitsFor(workGroup);
        if (limits.alerts().isEmpty()) {
            return;
        }
        try {
            alerts.check(workGroup, limits, now).forEach(notifier::notify);
        }
        catch (IOException e) {
            // the statement ran and is billed; a failed check is reported, and the next billed statement checks again
            billing.alertLog().accept("ALERT check for work group %s failed: %s".formatted(workGroup, e.getMessage()));
        }
    }

    private void record(UsageRecord usage)
    {
        LedgerWrite write;
        try {
            write = ledger.record(usage);
        }
        catch (IOException | RuntimeException e) {
            throw new TrawlException(ErrorCode.STORAGE_ERROR, "Query %s ran, but its usage could not be recorded: %s".formatted(usage.queryId(), e.getMessage()), e);
        }
        if (write instanceof LedgerWrite.Conflict conflict) {
            throw new TrawlException(ErrorCode.INTERNAL_ERROR, conflict.message());
        }
    }
}
