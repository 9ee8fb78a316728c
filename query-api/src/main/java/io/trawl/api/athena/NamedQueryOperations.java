package io.trawl.api.athena;

import com.fasterxml.jackson.databind.JsonNode;
import io.trawl.api.athena.wire.NamedQueryShapes.BatchGetNamedQueryRequest;
import io.trawl.api.athena.wire.NamedQueryShapes.BatchGetNamedQueryResponse;
import io.trawl.api.athena.wire.NamedQueryShapes.CreateNamedQueryRequest;
import io.trawl.api.athena.wire.NamedQueryShapes.CreateNamedQueryResponse;
import io.trawl.api.athena.wire.NamedQueryShapes.DeleteNamedQueryRequest;
import io.trawl.api.athena.wire.NamedQueryShapes.GetNamedQueryRequest;
import io.trawl.api.athena.wire.NamedQueryShapes.GetNamedQueryResponse;
import io.trawl.api.athena.wire.NamedQueryShapes.ListNamedQueriesRequest;
import io.trawl.api.athena.wire.NamedQueryShapes.ListNamedQueriesResponse;
import io.trawl.api.athena.wire.NamedQueryShapes.UnprocessedNamedQueryId;
import io.trawl.api.athena.wire.NamedQueryShapes.UpdateNamedQueryRequest;
import io.trawl.api.auth.Caller;
import io.trawl.api.namedquery.NamedQuery;
import io.trawl.api.namedquery.NamedQueryStore;
import io.trawl.api.protocol.AwsJson;
import io.trawl.api.protocol.AwsJsonService.Operation;
import io.trawl.api.workgroup.WorkGroup;
import io.trawl.api.workgroup.WorkGroupStore;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * Athena's named-query operations: CreateNamedQuery, GetNamedQuery, BatchGetNamedQuery, ListNamedQueries,
 * UpdateNamedQuery, DeleteNamedQuery, over the {@link NamedQueryStore}.
 *
 * <p>CreateNamedQuery is idempotent on its {@code ClientRequestToken} (which the AWS SDKs fill in when the caller
 * does not): the query's id is derived from the token, so a retried request stores nothing new and answers the same
 * id, whichever API instance it reaches; the same token with other parameters is Athena's
 * {@code Idempotent parameters do not match}.
 */
public final class NamedQueryOperations
        implements AthenaService.OperationGroup
{
    private static final int MAXIMUM_PAGE = 50;

    private final NamedQueryStore namedQueries;
    private final WorkGroupStore workGroups;

    public NamedQueryOperations(NamedQueryStore namedQueries, WorkGroupStore workGroups)
    {
        this.namedQueries = requireNonNull(namedQueries, "namedQueries is null");
        this.workGroups = requireNonNull(workGroups, "workGroups is null");
    }

    @Override
    public Map<String, Operation> operations()
    {
        Map<String, Operation> operations = new LinkedHashMap<>();
        operations.put("CreateNamedQuery", this::createNamedQuery);
        operations.put("GetNamedQuery", this::getNamedQuery);
        operations.put("BatchGetNamedQuery", this::batchGetNamedQuery);
        operations.put("ListNamedQueries", this::listNamedQueries);
        operations.put("UpdateNamedQuery", this::updateNamedQuery);
        operations.put("DeleteNamedQuery", this::deleteNamedQuery);
        return operations;
    }

    /** Athena's text for an id it does not know. */
    static String notFound(String id)
    {
        return "NamedQuery %s does not exist".formatted(id);
    }

    private JsonNode createNamedQuery(JsonNode input, Caller caller)
    {
        CreateNamedQueryRequest request = AwsJson.readInput(input, CreateNamedQueryRequest.class);
        MemberChecks.check()
                .required("name", request.name())
                .length("name", request.name(), 1, 128)
                .length("description", request.description(), 1, 1024)
                .required("database", request.database())
                .length("database", request.database(), 1, 255)
                .required("queryString", request.queryString())
                .length("queryString", request.queryString(), 1, 262144)
                .length("clientRequestToken", request.clientRequestToken(), 32, 128)
                .pattern("workGroup", request.workGroup(), WorkGroupOperations.WORK_GROUP_NAME)
                .verify();
        String workGroup = existingWorkGroup(request.workGroup());
        Optional<String> token = Optional.ofNullable(request.clientRequestToken());
        NamedQuery query = new NamedQuery(
                token.map(NamedQueryOperations::idFromToken).orElseGet(() -> UUID.randomUUID().toString()),
                workGroup,
                request.name(),
                Optional.ofNullable(request.description()),
                request.database(),
                request.queryString(),
                token);
        if (token.isPresent()) {
            // a retry of a request that was stored (here or by another instance) answers what the first one did
            Optional<NamedQuery> earlier = namedQueries.find(query.id());
            if (earlier.isPresent()) {
                return sameRequest(earlier.get(), query);
            }
        }
        if (!namedQueries.create(query)) {
            return sameRequest(namedQueries.find(query.id()).orElseThrow(() -> MemberChecks.invalidInput(notFound(query.id()))), query);
        }
        return AwsJson.toTree(new CreateNamedQueryResponse(query.id()));
    }

    private JsonNode getNamedQuery(JsonNode input, Caller caller)
    {
        GetNamedQueryRequest request = AwsJson.readInput(input, GetNamedQueryRequest.class);
        checkId("namedQueryId", request.namedQueryId());
        NamedQuery query = namedQueries.find(request.namedQueryId()).orElseThrow(() -> MemberChecks.invalidInput(notFound(request.namedQueryId())));
        return AwsJson.toTree(new GetNamedQueryResponse(toWire(query)));
    }

    private JsonNode batchGetNamedQuery(JsonNode input, Caller caller)
    {
        BatchGetNamedQueryRequest request = AwsJson.readInput(input, BatchGetNamedQueryRequest.class);
        MemberChecks.check()
                .required("namedQueryIds", request.namedQueryIds())
                .size("namedQueryIds", request.namedQueryIds(), 1, 50)
                .verify();
        List<io.trawl.api.athena.wire.NamedQueryShapes.NamedQuery> found = new ArrayList<>();
        List<UnprocessedNamedQueryId> unprocessed = new ArrayList<>();
        for (String id : request.namedQueryIds()) {
            Optional<NamedQuery> query = id == null || id.isEmpty() || id.length() > 128 ? Optional.empty() : namedQueries.find(id);
            if (query.isPresent()) {
                found.add(toWire(query.get()));
            }
            else {
                unprocessed.add(new UnprocessedNamedQueryId(id, "INVALID_INPUT", notFound(id)));
            }
        }
        return AwsJson.toTree(new BatchGetNamedQueryResponse(found, unprocessed));
    }

    private JsonNode listNamedQueries(JsonNode input, Caller caller)
    {
        ListNamedQueriesRequest request = AwsJson.readInput(input, ListNamedQueriesRequest.class);
        MemberChecks.check()
                .range("maxResults", request.maxResults(), 0, MAXIMUM_PAGE)
                .length("nextToken", request.nextToken(), 1, 1024)
                .pattern("workGroup", request.workGroup(), WorkGroupOperations.WORK_GROUP_NAME)
                .verify();
        String workGroup = existingWorkGroup(request.workGroup());
        int maxResults = request.maxResults() == null || request.maxResults() == 0 ? MAXIMUM_PAGE : request.maxResults();
        ListPage<String> page = ListPage.of(namedQueries.ids(workGroup), id -> id, request.nextToken(), maxResults);
        return AwsJson.toTree(new ListNamedQueriesResponse(page.items(), page.nextToken().orElse(null)));
    }

    private JsonNode updateNamedQuery(JsonNode input, Caller caller)
    {
        UpdateNamedQueryRequest request = AwsJson.readInput(input, UpdateNamedQueryRequest.class);
        MemberChecks.check()
                .required("namedQueryId", request.namedQueryId())
                .length("namedQueryId", request.namedQueryId(), 1, 128)
                .required("name", request.name())
                .length("name", request.name(), 1, 128)
                .length("description", request.description(), 0, 1024)
                .required("queryString", request.queryString())
                .length("queryString", request.queryString(), 1, 262144)
                .verify();
        namedQueries.update(request.namedQueryId(), query -> new NamedQuery(
                        query.id(),
                        query.workGroup(),
                        request.name(),
                        Optional.ofNullable(request.description()).filter(description -> !description.isEmpty()),
                        query.database(),
                        request.queryString(),
                        query.clientRequestToken()))
                .orElseThrow(() -> MemberChecks.invalidInput(notFound(request.namedQueryId())));
        return AwsJson.mapper().createObjectNode();
    }

    private JsonNode deleteNamedQuery(JsonNode input, Caller caller)
    {
        DeleteNamedQueryRequest request = AwsJson.readInput(input, DeleteNamedQueryRequest.class);
        checkId("namedQueryId", request.namedQueryId());
        if (!namedQueries.delete(request.namedQueryId())) {
            throw MemberChecks.invalidInput(notFound(request.namedQueryId()));
        }
        return AwsJson.mapper().createObjectNode();
    }

    private JsonNode sameRequest(NamedQuery earlier, NamedQuery retried)
    {
        if (!earlier.sameRequestAs(retried)) {
            throw MemberChecks.invalidInput("Idempotent parameters do not match");
        }
        return AwsJson.toTree(new CreateNamedQueryResponse(earlier.id()));
    }

    /** The named work group ({@code primary} when none is named), which must exist. */
    private String existingWorkGroup(String name)
    {
        String workGroup = name == null ? WorkGroup.PRIMARY : name;
        if (workGroups.find(workGroup).isEmpty()) {
            throw MemberChecks.invalidInput(WorkGroupOperations.NOT_FOUND);
        }
        return workGroup;
    }

    private static void checkId(String member, String id)
    {
        MemberChecks.check()
                .required(member, id)
                .length(member, id, 1, 128)
                .verify();
    }

    private static String idFromToken(String token)
    {
        return UUID.nameUUIDFromBytes(("named-query:" + token).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static io.trawl.api.athena.wire.NamedQueryShapes.NamedQuery toWire(NamedQuery query)
    {
        return new io.trawl.api.athena.wire.NamedQueryShapes.NamedQuery(
                query.name(),
                query.description().orElse(null),
                query.database(),
                query.queryString(),
                query.id(),
                query.workGroup());
    }
}
