package io.trawl.api.athena;

import com.fasterxml.jackson.databind.JsonNode;
import io.trawl.api.athena.wire.DataCatalogShapes.Column;
import io.trawl.api.athena.wire.DataCatalogShapes.DataCatalog;
import io.trawl.api.athena.wire.DataCatalogShapes.DataCatalogSummary;
import io.trawl.api.athena.wire.DataCatalogShapes.Database;
import io.trawl.api.athena.wire.DataCatalogShapes.GetDataCatalogRequest;
import io.trawl.api.athena.wire.DataCatalogShapes.GetDataCatalogResponse;
import io.trawl.api.athena.wire.DataCatalogShapes.GetDatabaseRequest;
import io.trawl.api.athena.wire.DataCatalogShapes.GetDatabaseResponse;
import io.trawl.api.athena.wire.DataCatalogShapes.GetTableMetadataRequest;
import io.trawl.api.athena.wire.DataCatalogShapes.GetTableMetadataResponse;
import io.trawl.api.athena.wire.DataCatalogShapes.ListDataCatalogsRequest;
import io.trawl.api.athena.wire.DataCatalogShapes.ListDataCatalogsResponse;
import io.trawl.api.athena.wire.DataCatalogShapes.ListDatabasesRequest;
import io.trawl.api.athena.wire.DataCatalogShapes.ListDatabasesResponse;
import io.trawl.api.athena.wire.DataCatalogShapes.ListTableMetadataRequest;
import io.trawl.api.athena.wire.DataCatalogShapes.ListTableMetadataResponse;
import io.trawl.api.athena.wire.DataCatalogShapes.TableMetadata;
import io.trawl.api.auth.Caller;
import io.trawl.api.protocol.AwsJson;
import io.trawl.api.protocol.AwsJsonService.Operation;
import io.trawl.api.protocol.AwsServiceException;
import io.trawl.catalog.CatalogStore;
import io.trawl.catalog.StorageDescriptor;
import io.trawl.catalog.Table;
import io.trawl.engine.access.AccessControl;
import io.trawl.engine.access.MetadataAccess;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import static java.util.Objects.requireNonNull;

/**
 * Athena's catalog-metadata operations over Trawl's catalog, which Athena calls {@code AwsDataCatalog} (a Glue
 * catalog): ListDataCatalogs, GetDataCatalog, ListDatabases, GetDatabase, ListTableMetadata, GetTableMetadata.
 *
 * <p>Errors are Athena's: a catalog other than {@code AwsDataCatalog} is {@code InvalidRequestException}
 * {@code DataCatalog <name> was not found.}; a database or table that is not there is {@code MetadataException}
 * with the Glue error Athena passes on, {@code Entity Not Found (Service: AmazonDataCatalog; Status Code: 400; Error
 * Code: EntityNotFoundException; Request ID: <id>; Proxy: null)}. A table's metadata carries its storage the way
 * Athena flattens Glue's StorageDescriptor into the parameters ({@code location}, {@code inputformat},
 * {@code outputformat}, {@code serde.serialization.lib}, {@code serde.param.<name>}).
 */
public final class DataCatalogOperations
        implements AthenaService.OperationGroup
{
    public static final String CATALOG_NAME = "AwsDataCatalog";
    private static final String CATALOG_TYPE = "GLUE";
    private static final int MAXIMUM_PAGE = 50;
    private static final String LAST_DDL_TIME = "transient_lastDdlTime";

    private final CatalogStore catalog;
    private final AccessControl accessControl;

    /**
     * @param accessControl the grants the operations answer by, as SQL's SHOW and DESCRIBE do (see
     * {@link MetadataAccess}): listings leave out databases and tables the caller cannot see, tables show only the
     * columns it reads, and asking for one it cannot see by name is a MetadataException saying access is denied,
     * the error Athena passes on from Lake Formation
     */
    public DataCatalogOperations(CatalogStore catalog, AccessControl accessControl)
    {
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.accessControl = requireNonNull(accessControl, "accessControl is null");
    }

    @Override
    public Map<String, Operation> operations()
    {
        Map<String, Operation> operations = new LinkedHashMap<>();
        operations.put("ListDataCatalogs", this::listDataCatalogs);
        operations.put("GetDataCatalog", this::getDataCatalog);
        operations.put("ListDatabases", this::listDatabases);
        operations.put("GetDatabase", this::getDatabase);
        operations.put("ListTableMetadata", this::listTableMetadata);
        operations.put("GetTableMetadata", this::getTableMetadata);
        return operations;
    }

    private JsonNode listDataCatalogs(JsonNode input, Caller caller)
    {
        ListDataCatalogsRequest request = AwsJson.readInput(input, ListDataCatalogsRequest.class);
        MemberChecks.check()
                .range("maxResults", request.maxResults(), 2, MAXIMUM_PAGE)
                .length("nextToken", request.nextToken(), 1, 1024)
                .verify();
        ListPage<DataCatalogSummary> page = ListPage.of(List.of(new DataCatalogSummary(CATALOG_NAME, CATALOG_TYPE)), DataCatalogSummary::catalogName, request.nextToken(), MAXIMUM_PAGE);
        return AwsJson.toTree(new ListDataCatalogsResponse(page.items(), page.nextToken().orElse(null)));
    }

    private JsonNode getDataCatalog(JsonNode input, Caller caller)
    {
        GetDataCatalogRequest request = AwsJson.readInput(input, GetDataCatalogRequest.class);
        checkCatalogName("name", request.name()).verify();
        requireCatalog(request.name());
        return AwsJson.toTree(new GetDataCatalogResponse(new DataCatalog(CATALOG_NAME, null, CATALOG_TYPE, Map.of())));
    }

    private JsonNode listDatabases(JsonNode input, Caller caller)
    {
        ListDatabasesRequest request = AwsJson.readInput(input, ListDatabasesRequest.class);
        checkCatalogName("catalogName", request.catalogName())
                .range("maxResults", request.maxResults(), 1, MAXIMUM_PAGE)
                .length("nextToken", request.nextToken(), 1, 1024)
                .verify();
        requireCatalog(request.catalogName());
        List<io.trawl.catalog.Database> databases = access(caller).visibleDatabases(catalog.listDatabases()).stream()
                .sorted(java.util.Comparator.comparing(io.trawl.catalog.Database::name))
                .toList();
        ListPage<io.trawl.catalog.Database> page = ListPage.of(databases, io.trawl.catalog.Database::name, request.nextToken(), Optional.ofNullable(request.maxResults()).orElse(MAXIMUM_PAGE));
        return AwsJson.toTree(new ListDatabasesResponse(page.items().stream().map(DataCatalogOperations::toWire).toList(), page.nextToken().orElse(null)));
    }

    private JsonNode getDatabase(JsonNode input, Caller caller)
    {
        GetDatabaseRequest request = AwsJson.readInput(input, GetDatabaseRequest.class);
        checkCatalogName("catalogName", request.catalogName())
                .required("databaseName", request.databaseName())
                .length("databaseName", request.databaseName(), 1, 128)
                .verify();
        requireCatalog(request.catalogName());
        io.trawl.catalog.Database database = catalog.findDatabase(canonical(request.databaseName())).orElseThrow(DataCatalogOperations::entityNotFound);
        checking(() -> access(caller).requireDatabase(database.name()));
        return AwsJson.toTree(new GetDatabaseResponse(toWire(database)));
    }

    private JsonNode listTableMetadata(JsonNode input, Caller caller)
    {
        ListTableMetadataRequest request = AwsJson.readInput(input, ListTableMetadataRequest.class);
        checkCatalogName("catalogName", request.catalogName())
                .required("databaseName", request.databaseName())
                .length("databaseName", request.databaseName(), 1, 128)
                .length("expression", request.expression(), 0, 256)
                .range("maxResults", request.maxResults(), 1, MAXIMUM_PAGE)
                .length("nextToken", request.nextToken(), 1, 1024)
                .verify();
        requireCatalog(request.catalogName());
        String databaseName = canonical(request.databaseName());
        if (catalog.findDatabase(databaseName).isEmpty()) {
            throw entityNotFound();
        }
        Optional<Pattern> expression = Optional.ofNullable(request.expression()).filter(text -> !text.isEmpty()).map(DataCatalogOperations::tableNamePattern);
        MetadataAccess access = access(caller);
        List<String> names = catalog.listTables(databaseName).stream()
                .filter(name -> expression.map(pattern -> pattern.matcher(name).matches()).orElse(true))
                .filter(name -> access.seesTable(databaseName, name))
                .sorted()
                .toList();
        ListPage<String> page = ListPage.of(names, name -> name, request.nextToken(), Optional.ofNullable(request.maxResults()).orElse(MAXIMUM_PAGE));
        List<TableMetadata> tables = new ArrayList<>();
        for (String name : page.items()) {
            // a table dropped between the listing and this read is left out, as if listed a moment later
            catalog.findTable(databaseName, name).flatMap(access::visible).ifPresent(table -> tables.add(toWire(table)));
        }
        return AwsJson.toTree(new ListTableMetadataResponse(tables, page.nextToken().orElse(null)));
    }

    private JsonNode getTableMetadata(JsonNode input, Caller caller)
    {
        GetTableMetadataRequest request = AwsJson.readInput(input, GetTableMetadataRequest.class);
        checkCatalogName("catalogName", request.catalogName())
                .required("databaseName", request.databaseName())
                .length("databaseName", request.databaseName(), 1, 128)
                .required("tableName", request.tableName())
                .length("tableName", request.tableName(), 1, 128)
                .verify();
        requireCatalog(request.catalogName());
        Table table = catalog.findTable(canonical(request.databaseName()), canonical(request.tableName())).orElseThrow(DataCatalogOperations::entityNotFound);
        Table visible = checked(() -> access(caller).requireVisible(table));
        return AwsJson.toTree(new GetTableMetadataResponse(toWire(visible)));
    }

    private MetadataAccess access(Caller caller)
    {
        return MetadataAccess.of(accessControl, caller.principal());
    }

    /** Runs a check, answering a denial as Athena answers Lake Formation's: MetadataException, with the reason. */
    private static <T> T checked(java.util.function.Supplier<T> check)
    {
        try {
            return check.get();
        }
        catch (TrawlException e) {
            if (e.errorCode() == ErrorCode.ACCESS_DENIED) {
                throw new AwsServiceException("MetadataException", 400, e.getMessage());
            }
            throw e;
        }
    }

    private static void checking(Runnable check)
    {
        checked(() -> {
            check.run();
            return null;
        });
    }

    private static MemberChecks checkCatalogName(String member, String name)
    {
        return MemberChecks.check()
                .required(member, name)
                .length(member, name, 1, 256);
    }

    /** Catalog names are compared as Athena compares them, without regard to case ({@code awsdatacatalog} in SQL). */
    private static void requireCatalog(String name)
    {
        if (!name.equalsIgnoreCase(CATALOG_NAME)) {
            throw MemberChecks.invalidInput("DataCatalog %s was not found.".formatted(name));
        }
    }

    /** Glue stores names lower-case, and so does Trawl's catalog. */
    private static String canonical(String name)
    {
        return name.toLowerCase(Locale.ROOT);
    }

    /** The Glue error Athena passes on for a database or table that is not there; its request id is a fresh one, as Glue's is. */
    private static AwsServiceException entityNotFound()
    {
        return new AwsServiceException("MetadataException", 400,
                "Entity Not Found (Service: AmazonDataCatalog; Status Code: 400; Error Code: EntityNotFoundException; Request ID: %s; Proxy: null)".formatted(UUID.randomUUID()));
    }

    /**
     * ListTableMetadata's {@code Expression}, "a regex filter that pattern-matches table names", read as the Hive
     * metastore reads table patterns: the whole name must match, case aside, and a {@code *} that follows no
     * {@code .} stands for any characters ({@code sales*}, {@code *_2024|orders}).
     */
    static Pattern tableNamePattern(String expression)
    {
        StringBuilder regex = new StringBuilder();
        for (int index = 0; index < expression.length(); index++) {
            char character = expression.charAt(index);
            if (character == '*' && (index == 0 || expression.charAt(index - 1) != '.')) {
                regex.append(".*");
            }
            else {
                regex.append(character);
            }
        }
        try {
            return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
        }
        catch (PatternSyntaxException e) {
            throw MemberChecks.invalidInput("Expression %s is not a valid regular expression: %s".formatted(expression, e.getDescription()));
        }
    }

    private static Database toWire(io.trawl.catalog.Database database)
    {
        return new Database(database.name(), database.description().orElse(null), new TreeMap<>(database.parameters()));
    }

    static TableMetadata toWire(Table table)
    {
        Map<String, String> parameters = new TreeMap<>(table.parameters());
        if (!table.tableType().equals(Table.VIRTUAL_VIEW)) {
            StorageDescriptor storage = table.storageDescriptor();
            parameters.put("location", storage.location());
            parameters.put("inputformat", storage.inputFormat());
            parameters.put("outputformat", storage.outputFormat());
            parameters.put("serde.serialization.lib", storage.serdeInfo().serializationLibrary());
            storage.serdeInfo().parameters().forEach((name, value) -> parameters.put("serde.param." + name, value));
        }
        return new TableMetadata(
                table.name(),
                createTime(table),
                null,
                table.tableType(),
                columns(table.storageDescriptor().columns()),
                columns(table.partitionKeys()),
                parameters);
    }

    /** When the table was created, as Hive records it (seconds in {@code transient_lastDdlTime}); absent when it does not. */
    private static Double createTime(Table table)
    {
        String seconds = table.parameters().get(LAST_DDL_TIME);
        if (seconds == null) {
            return null;
        }
        try {
            return (double) Long.parseLong(seconds.trim());
        }
        catch (NumberFormatException _) {
            return null;
        }
    }

    private static List<Column> columns(List<io.trawl.catalog.Column> columns)
    {
        return columns.stream()
                .map(column -> new Column(column.name(), column.type(), column.comment().orElse(null)))
                .toList();
    }
}
