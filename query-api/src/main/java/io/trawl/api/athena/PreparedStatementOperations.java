package io.trawl.api.athena;

import com.fasterxml.jackson.databind.JsonNode;
import io.trawl.api.athena.wire.PreparedStatementShapes.BatchGetPreparedStatementRequest;
import io.trawl.api.athena.wire.PreparedStatementShapes.BatchGetPreparedStatementResponse;
import io.trawl.api.athena.wire.PreparedStatementShapes.CreatePreparedStatementRequest;
import io.trawl.api.athena.wire.PreparedStatementShapes.DeletePreparedStatementRequest;
import io.trawl.api.athena.wire.PreparedStatementShapes.GetPreparedStatementRequest;
import io.trawl.api.athena.wire.PreparedStatementShapes.GetPreparedStatementResponse;
import io.trawl.api.athena.wire.PreparedStatementShapes.ListPreparedStatementsRequest;
import io.trawl.api.athena.wire.PreparedStatementShapes.ListPreparedStatementsResponse;
import io.trawl.api.athena.wire.PreparedStatementShapes.PreparedStatementSummary;
import io.trawl.api.athena.wire.PreparedStatementShapes.UnprocessedPreparedStatementName;
import io.trawl.api.athena.wire.PreparedStatementShapes.UpdatePreparedStatementRequest;
import io.trawl.api.auth.Caller;
import io.trawl.api.prepared.PreparedStatement;
import io.trawl.api.prepared.PreparedStatementStore;
import io.trawl.api.protocol.AwsJson;
import io.trawl.api.protocol.AwsJsonService.Operation;
import io.trawl.api.protocol.AwsServiceException;
import io.trawl.api.workgroup.WorkGroupStore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Athena's prepared-statement operations, per work group: CreatePreparedStatement, GetPreparedStatement,
 * BatchGetPreparedStatement, ListPreparedStatements, UpdatePreparedStatement, DeletePreparedStatement. They share the
 * {@link PreparedStatementStore} with SQL's {@code PREPARE} and {@code DEALLOCATE PREPARE}, so a statement made one
 * way is seen the other. A statement that is not there is {@code ResourceNotFoundException} (with its
 * {@code ResourceName}) for the operations whose reference documents it, and {@code STATEMENT_NOT_FOUND} in a
 * batch's unprocessed names.
 */
public final class PreparedStatementOperations
        implements AthenaService.OperationGroup
{
    static final Pattern STATEMENT_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_@:]{1,256}");
    private static final int MAXIMUM_PAGE = 50;

    private final PreparedStatementStore statements;
    private final WorkGroupStore workGroups;

    public PreparedStatementOperations(PreparedStatementStore statements, WorkGroupStore workGroups)
    {
        this.statements = requireNonNull(statements, "statements is null");
        this.workGroups = requireNonNull(workGroups, "workGroups is null");
    }

    @Override
    public Map<String, Operation> operations()
    {
        Map<String, Operation> operations = new LinkedHashMap<>();
        operations.put("CreatePreparedStatement", this::createPreparedStatement);
        operations.put("GetPreparedStatement", this::getPreparedStatement);
        operations.put("BatchGetPreparedStatement", this::batchGetPreparedStatement);
        operations.put("ListPreparedStatements", this::listPreparedStatements);
        operations.put("UpdatePreparedStatement", this::updatePreparedStatement);
        operations.put("DeletePreparedStatement", this::deletePreparedStatement);
        return operations;
    }

    private JsonNode createPreparedStatement(JsonNode input, Caller caller)
    {
        CreatePreparedStatementRequest request = AwsJson.readInput(input, CreatePreparedStatementRequest.class);
        checkStatement(request.statementName(), request.workGroup(), request.queryStatement(), request.description());
        existingWorkGroup(request.workGroup());
        PreparedStatement statement = new PreparedStatement(
                request.workGroup(),
                request.statementName(),
                request.queryStatement(),
                Optional.ofNullable(request.description()),
                statements.now());
        if (!statements.create(statement)) {
            throw MemberChecks.invalidInput("Prepared statement %s already exists in WorkGroup %s".formatted(request.statementName(), request.workGroup()));
        }
        return AwsJson.mapper().createObjectNode();
    }

    private JsonNode getPreparedStatement(JsonNode input, Caller caller)
    {
        GetPreparedStatementRequest request = AwsJson.readInput(input, GetPreparedStatementRequest.class);
        checkName(MemberChecks.check(), request.statementName(), request.workGroup()).verify();
        PreparedStatement statement = statements.find(request.workGroup(), request.statementName())
                .orElseThrow(() -> notFound(request.statementName(), request.workGroup()));
        return AwsJson.toTree(new GetPreparedStatementResponse(toWire(statement)));
    }

    private JsonNode batchGetPreparedStatement(JsonNode input, Caller caller)
    {
        BatchGetPreparedStatementRequest request = AwsJson.readInput(input, BatchGetPreparedStatementRequest.class);
        MemberChecks.check()
                .required("preparedStatementNames", request.preparedStatementNames())
                .size("preparedStatementNames", request.preparedStatementNames(), 1, 50)
                .required("workGroup", request.workGroup())
                .pattern("workGroup", request.workGroup(), WorkGroupOperations.WORK_GROUP_NAME)
                .verify();
        List<io.trawl.api.athena.wire.PreparedStatementShapes.PreparedStatement> found = new ArrayList<>();
        List<UnprocessedPreparedStatementName> unprocessed = new ArrayList<>();
        for (String name : request.preparedStatementNames()) {
            if (name == null || !STATEMENT_NAME.matcher(name).matches()) {
                unprocessed.add(new UnprocessedPreparedStatementName(name, "INVALID_INPUT", "The prepared statement name %s is not valid".formatted(name)));
                continue;
            }
            Optional<PreparedStatement> statement = statements.find(request.workGroup(), name);
            if (statement.isPresent()) {
                found.add(toWire(statement.get()));
            }
            else {
                unprocessed.add(new UnprocessedPreparedStatementName(name, "STATEMENT_NOT_FOUND", notFoundMessage(name, request.workGroup())));
            }
        }
        return AwsJson.toTree(new BatchGetPreparedStatementResponse(found, unprocessed));
    }

    private JsonNode listPreparedStatements(JsonNode input, Caller caller)
    {
        ListPreparedStatementsRequest request = AwsJson.readInput(input, ListPreparedStatementsRequest.class);
        MemberChecks.check()
                .required("workGroup", request.workGroup())
                .pattern("workGroup", request.workGroup(), WorkGroupOperations.WORK_GROUP_NAME)
                .range("maxResults", request.maxResults(), 1, MAXIMUM_PAGE)
                .length("nextToken", request.nextToken(), 1, 1024)
                .verify();
        existingWorkGroup(request.workGroup());
        ListPage<String> page = ListPage.of(statements.names(request.workGroup()), name -> name, request.nextToken(), Optional.ofNullable(request.maxResults()).orElse(MAXIMUM_PAGE));
        List<PreparedStatementSummary> summaries = new ArrayList<>();
        for (String name : page.items()) {
            // a statement deleted between the listing and this read is left out, as if listed a moment later
            statements.find(request.workGroup(), name)
                    .ifPresent(statement -> summaries.add(new PreparedStatementSummary(statement.name(), epochSeconds(statement))));
        }
        return AwsJson.toTree(new ListPreparedStatementsResponse(summaries, page.nextToken().orElse(null)));
    }

    private JsonNode updatePreparedStatement(JsonNode input, Caller caller)
    {
        UpdatePreparedStatementRequest request = AwsJson.readInput(input, UpdatePreparedStatementRequest.class);
        checkStatement(request.statementName(), request.workGroup(), request.queryStatement(), request.description());
        statements.update(request.workGroup(), request.statementName(), statement -> new PreparedStatement(
                        statement.workGroup(),
                        statement.name(),
                        request.queryStatement(),
                        Optional.ofNullable(request.description()),
                        statements.now()))
                .orElseThrow(() -> notFound(request.statementName(), request.workGroup()));
        return AwsJson.mapper().createObjectNode();
    }

    private JsonNode deletePreparedStatement(JsonNode input, Caller caller)
    {
        DeletePreparedStatementRequest request = AwsJson.readInput(input, DeletePreparedStatementRequest.class);
        checkName(MemberChecks.check(), request.statementName(), request.workGroup()).verify();
        if (!statements.delete(request.workGroup(), request.statementName())) {
            throw notFound(request.statementName(), request.workGroup());
        }
        return AwsJson.mapper().createObjectNode();
    }

    private static void checkStatement(String name, String workGroup, String queryStatement, String description)
    {
        checkName(MemberChecks.check(), name, workGroup)
                .required("queryStatement", queryStatement)
                .length("queryStatement", queryStatement, 1, 262144)
                .length("description", description, 1, 1024)
                .verify();
    }

    private static MemberChecks checkName(MemberChecks checks, String name, String workGroup)
    {
        return checks
                .required("statementName", name)
                .length("statementName", name, 1, 256)
                .pattern("statementName", name, STATEMENT_NAME)
                .required("workGroup", workGroup)
                .pattern("workGroup", workGroup, WorkGroupOperations.WORK_GROUP_NAME);
    }

    private void existingWorkGroup(String name)
    {
        if (workGroups.find(name).isEmpty()) {
            throw MemberChecks.invalidInput(WorkGroupOperations.NOT_FOUND);
        }
    }

    private static AwsServiceException notFound(String name, String workGroup)
    {
        return new AwsServiceException("ResourceNotFoundException", 400, notFoundMessage(name, workGroup), Map.of("ResourceName", name));
    }

    private static String notFoundMessage(String name, String workGroup)
    {
        return "Prepared statement %s was not found in WorkGroup %s".formatted(name, workGroup);
    }

    private static io.trawl.api.athena.wire.PreparedStatementShapes.PreparedStatement toWire(PreparedStatement statement)
    {
        return new io.trawl.api.athena.wire.PreparedStatementShapes.PreparedStatement(
                statement.name(),
                statement.queryStatement(),
                statement.workGroup(),
                statement.description().orElse(null),
                epochSeconds(statement));
    }

    private static double epochSeconds(PreparedStatement statement)
    {
        return statement.lastModifiedTime().toEpochMilli() / 1000.0;
    }
}
