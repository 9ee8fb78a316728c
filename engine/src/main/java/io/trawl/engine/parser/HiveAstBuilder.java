package io.trawl.engine.parser;

import io.trawl.catalog.CatalogStore.DropMode;
import io.trawl.engine.parser.HiveStatement.ColumnDefinition;
import io.trawl.engine.parser.HiveStatement.CreateDatabase;
import io.trawl.engine.parser.HiveStatement.CreateTable;
import io.trawl.engine.parser.HiveStatement.DelimitedRowFormat;
import io.trawl.engine.parser.HiveStatement.DescribeTable;
import io.trawl.engine.parser.HiveStatement.DropDatabase;
import io.trawl.engine.parser.HiveStatement.DropTable;
import io.trawl.engine.parser.HiveStatement.InputOutputStorageFormat;
import io.trawl.engine.parser.HiveStatement.NamedStorageFormat;
import io.trawl.engine.parser.HiveStatement.RepairTable;
import io.trawl.engine.parser.HiveStatement.RowFormat;
import io.trawl.engine.parser.HiveStatement.SerdeRowFormat;
import io.trawl.engine.parser.HiveStatement.ShowCreateTable;
import io.trawl.engine.parser.HiveStatement.ShowDatabases;
import io.trawl.engine.parser.HiveStatement.ShowTables;
import io.trawl.engine.parser.HiveStatement.StorageFormat;
import io.trawl.engine.parser.HiveStatement.TableName;
import io.trawl.engine.parser.hive.HiveDdlBaseVisitor;
import io.trawl.engine.parser.hive.HiveDdlParser;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.misc.Interval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Turns a Hive DDL parse tree into {@link HiveStatement} records. */
final class HiveAstBuilder
        extends HiveDdlBaseVisitor<HiveStatement>
{
    private final java.util.function.Function<String, io.trino.sql.tree.Statement> trinoParser;

    /** @param trinoParser parses what Trino's grammar owns inside a Hive statement (UNLOAD's query), with its error positions */
    HiveAstBuilder(java.util.function.Function<String, io.trino.sql.tree.Statement> trinoParser)
    {
        this.trinoParser = java.util.Objects.requireNonNull(trinoParser, "trinoParser is null");
    }

    @Override
    public HiveStatement visitSingleStatement(HiveDdlParser.SingleStatementContext context)
    {
        return visit(context.statement());
    }

    @Override
    public HiveStatement visitCreateTable(HiveDdlParser.CreateTableContext context)
    {
        List<ColumnDefinition> columns = context.columnDefinition().stream()
                .filter(column -> !context.partitionColumn.contains(column))
                .map(HiveAstBuilder::column)
                .toList();
        return new CreateTable(
                tableName(context.qualifiedName()),
                context.EXTERNAL() != null,
                context.EXISTS() != null,
                columns,
                optionalString(context.tableComment),
                context.partitionColumn.stream().map(HiveAstBuilder::column).toList(),
                Optional.ofNullable(context.rowFormat()).map(HiveAstBuilder::rowFormat),
                Optional.ofNullable(context.storageFormat()).map(HiveAstBuilder::storageFormat),
                optionalString(context.location),
                properties(context.tableProperties));
    }

    @Override
    public HiveStatement visitCreateDatabase(HiveDdlParser.CreateDatabaseContext context)
    {
        return new CreateDatabase(
                identifier(context.identifier()),
                context.EXISTS() != null,
                optionalString(context.comment),
                optionalString(context.location),
                properties(context.databaseProperties));
    }

    @Override
    public HiveStatement visitCreateRowFilter(HiveDdlParser.CreateRowFilterContext context)
    {
        Optional<List<String>> columns = context.COLUMNS() == null ? Optional.empty() : Optional.of(context.columns.stream().map(HiveAstBuilder::identifier).toList());
        HiveDdlParser.RowPredicateContext predicate = context.rowPredicate();
        String text = predicate.start.getInputStream().getText(Interval.of(predicate.start.getStartIndex(), predicate.stop.getStopIndex()));
        return new HiveStatement.CreateRowFilter(identifier(context.name), tableName(context.qualifiedName()), columns, text);
    }

    @Override
    public HiveStatement visitDropRowFilter(HiveDdlParser.DropRowFilterContext context)
    {
        return new HiveStatement.DropRowFilter(identifier(context.name), tableName(context.qualifiedName()), context.EXISTS() != null);
    }

    @Override
    public HiveStatement visitShowRowFilters(HiveDdlParser.ShowRowFiltersContext context)
    {
        return new HiveStatement.ShowRowFilters(Optional.ofNullable(context.qualifiedName()).map(HiveAstBuilder::tableName));
    }

    @Override
    public HiveStatement visitGrantRowFilter(HiveDdlParser.GrantRowFilterContext context)
    {
        return new HiveStatement.GrantRowFilter(true, identifier(context.name), tableName(context.qualifiedName()), context.grantees.stream().map(HiveAstBuilder::grantee).toList());
    }

    @Override
    public HiveStatement visitRevokeRowFilter(HiveDdlParser.RevokeRowFilterContext context)
    {
        return new HiveStatement.GrantRowFilter(false, identifier(context.name), tableName(context.qualifiedName()), context.grantees.stream().map(HiveAstBuilder::grantee).toList());
    }

    @Override
    public HiveStatement visitCreatePrincipal(HiveDdlParser.CreatePrincipalContext context)
    {
        return new HiveStatement.CreatePrincipal(principal(context.kind.getText(), identifier(context.identifier())));
    }

    @Override
    public HiveStatement visitDropPrincipal(HiveDdlParser.DropPrincipalContext context)
    {
        return new HiveStatement.DropPrincipal(principal(context.kind.getText(), identifier(context.identifier())), context.EXISTS() != null);
    }

    @Override
    public HiveStatement visitAlterGroup(HiveDdlParser.AlterGroupContext context)
    {
        return new HiveStatement.AlterGroup(identifier(context.group), context.users.stream().map(HiveAstBuilder::identifier).toList(), context.ADD() != null);
    }

    @Override
    public HiveStatement visitGrant(HiveDdlParser.GrantContext context)
    {
        return grantPrivileges(true, context.grantPrivileges(), context.grantObject(), context.grantee(), context.OPTION() != null);
    }

    @Override
    public HiveStatement visitRevoke(HiveDdlParser.RevokeContext context)
    {
        return grantPrivileges(false, context.grantPrivileges(), context.grantObject(), context.grantee(), false);
    }

    @Override
    public HiveStatement visitGrantRoles(HiveDdlParser.GrantRolesContext context)
    {
        return new HiveStatement.GrantRoles(true, context.roles.stream().map(HiveAstBuilder::identifier).toList(), context.grantees.stream().map(HiveAstBuilder::grantee).toList());
    }

    @Override
    public HiveStatement visitRevokeRoles(HiveDdlParser.RevokeRolesContext context)
    {
        return new HiveStatement.GrantRoles(false, context.roles.stream().map(HiveAstBuilder::identifier).toList(), context.grantees.stream().map(HiveAstBuilder::grantee).toList());
    }

    private static io.trawl.catalog.access.Principal grantee(HiveDdlParser.GranteeContext grantee)
    {
        return principal(grantee.kind == null ? "USER" : grantee.kind.getText(), identifier(grantee.identifier()));
    }

    private static HiveStatement grantPrivileges(boolean grant, HiveDdlParser.GrantPrivilegesContext privileges, HiveDdlParser.GrantObjectContext object,
            HiveDdlParser.GranteeContext grantee, boolean grantOption)
    {
        Optional<List<String>> named = privileges.ALL() != null ? Optional.empty() : Optional.of(privileges.privileges.stream().map(privilege -> privilege.getText().toUpperCase(Locale.ROOT)).toList());
        List<String> columns = privileges.columns.stream().map(HiveAstBuilder::identifier).toList();
        String kind;
        List<String> parts;
        switch (object) {
            case HiveDdlParser.SchemaObjectContext schema -> {
                kind = "SCHEMA";
                parts = List.of(identifier(schema.identifier()));
            }
            case HiveDdlParser.AllTablesObjectContext all -> {
                kind = "ALL TABLES";
                parts = List.of(identifier(all.identifier()));
            }
            case HiveDdlParser.TableObjectContext table -> {
                kind = "TABLE";
                parts = table.qualifiedName().identifier().stream().map(HiveAstBuilder::identifier).toList();
            }
            default -> throw new IllegalStateException("Unexpected grant object: " + object.getText());
        }
        io.trawl.catalog.access.Principal principal = grantee(grantee);
        return new HiveStatement.GrantPrivileges(grant, named, columns, kind, io.trino.sql.tree.QualifiedName.of(parts.getFirst(), parts.subList(1, parts.size()).toArray(String[]::new)),
                principal, grantOption);
    }

    private static io.trawl.catalog.access.Principal principal(String kind, String name)
    {
        return new io.trawl.catalog.access.Principal(io.trawl.catalog.access.Principal.Kind.valueOf(kind.toUpperCase(Locale.ROOT)), name);
    }

    @Override
    public HiveStatement visitDropDatabase(HiveDdlParser.DropDatabaseContext context)
    {
        return new DropDatabase(identifier(context.identifier()), context.EXISTS() != null,
                context.CASCADE() != null ? DropMode.CASCADE : DropMode.RESTRICT);
    }

    @Override
    public HiveStatement visitDropTable(HiveDdlParser.DropTableContext context)
    {
        return new DropTable(tableName(context.qualifiedName()), context.EXISTS() != null);
    }

    @Override
    public HiveStatement visitShowDatabases(HiveDdlParser.ShowDatabasesContext context)
    {
        return new ShowDatabases(optionalString(context.pattern));
    }

    @Override
    public HiveStatement visitShowTables(HiveDdlParser.ShowTablesContext context)
    {
        return new ShowTables(Optional.ofNullable(context.identifier()).map(HiveAstBuilder::identifier), optionalString(context.pattern));
    }

    @Override
    public HiveStatement visitDescribeTable(HiveDdlParser.DescribeTableContext context)
    {
        return new DescribeTable(tableName(context.qualifiedName()), context.FORMATTED() != null || context.EXTENDED() != null);
    }

    @Override
    public HiveStatement visitShowCreateTable(HiveDdlParser.ShowCreateTableContext context)
    {
        return new ShowCreateTable(tableName(context.qualifiedName()));
    }

    @Override
    public HiveStatement visitRepairTable(HiveDdlParser.RepairTableContext context)
    {
        return new RepairTable(tableName(context.qualifiedName()));
    }

    @Override
    public HiveStatement visitAddPartitions(HiveDdlParser.AddPartitionsContext context)
    {
        List<HiveStatement.PartitionLocation> partitions = new java.util.ArrayList<>();
        for (HiveDdlParser.PartitionLocationContext partition : context.partitionLocation()) {
            partitions.add(new HiveStatement.PartitionLocation(partitionSpec(partition.partitionSpec()), optionalString(partition.location)));
        }
        return new HiveStatement.AddPartitions(tableName(context.qualifiedName()), context.EXISTS() != null, partitions);
    }

    @Override
    public HiveStatement visitDropPartitions(HiveDdlParser.DropPartitionsContext context)
    {
        return new HiveStatement.DropPartitions(tableName(context.qualifiedName()), context.EXISTS() != null,
                context.partitionSpec().stream().map(HiveAstBuilder::partitionSpec).toList());
    }

    @Override
    public HiveStatement visitSetLocation(HiveDdlParser.SetLocationContext context)
    {
        return new HiveStatement.SetLocation(tableName(context.qualifiedName()), Optional.ofNullable(context.partitionSpec()).map(HiveAstBuilder::partitionSpec), string(context.location));
    }

    @Override
    public HiveStatement visitSetTableProperties(HiveDdlParser.SetTablePropertiesContext context)
    {
        return new HiveStatement.SetTableProperties(tableName(context.qualifiedName()), properties(context.properties()));
    }

    @Override
    public HiveStatement visitChangeColumns(HiveDdlParser.ChangeColumnsContext context)
    {
        return new HiveStatement.ChangeColumns(tableName(context.qualifiedName()), context.REPLACE() != null,
                context.columnDefinition().stream().map(HiveAstBuilder::column).toList());
    }

    @Override
    public HiveStatement visitShowPartitions(HiveDdlParser.ShowPartitionsContext context)
    {
        return new HiveStatement.ShowPartitions(tableName(context.qualifiedName()));
    }

    @Override
    public HiveStatement visitUnload(HiveDdlParser.UnloadContext context)
    {
        io.trino.sql.tree.Statement statement = trinoParser.apply(queryText(context.unloadQuery()));
        if (!(statement instanceof io.trino.sql.tree.Query query)) {
            throw new TrawlException(ErrorCode.SYNTAX_ERROR, "%s: UNLOAD takes a query (SELECT, WITH, VALUES or TABLE), not %s"
                    .formatted(position(context.unloadQuery()), statement.getClass().getSimpleName()));
        }
        List<io.trino.sql.tree.Property> properties = new java.util.ArrayList<>();
        if (context.unloadProperties() != null) {
            for (HiveDdlParser.UnloadPropertyContext property : context.unloadProperties().unloadProperty()) {
                io.trino.sql.tree.NodeLocation location = nodeLocation(property);
                properties.add(new io.trino.sql.tree.Property(location, new io.trino.sql.tree.Identifier(location, identifier(property.identifier()), false),
                        unloadValue(property.unloadValue())));
            }
        }
        return new HiveStatement.Unload(query, string(context.location), properties, nodeLocation(context), nodeLocation(context.location));
    }

    /** Strings keep Hive's escapes here: the writer decodes them where one character is meant (field_delimiter), as for CTAS. */
    private static io.trino.sql.tree.Expression unloadValue(HiveDdlParser.UnloadValueContext context)
    {
        io.trino.sql.tree.NodeLocation location = nodeLocation(context);
        return switch (context) {
            case HiveDdlParser.StringValueContext value -> new io.trino.sql.tree.StringLiteral(location, rawString(value.string()));
            case HiveDdlParser.IntegerValueContext value -> new io.trino.sql.tree.LongLiteral(location, value.INTEGER_VALUE().getText());
            case HiveDdlParser.ArrayValueContext value -> new io.trino.sql.tree.Array(location, value.string().stream()
                    .<io.trino.sql.tree.Expression>map(element -> new io.trino.sql.tree.StringLiteral(nodeLocation(element), rawString(element)))
                    .toList());
            default -> throw new IllegalStateException("Unexpected UNLOAD property value " + context.getClass().getSimpleName());
        };
    }

    /**
     * The statement text up to the end of the query, with everything before it blanked (line breaks kept), so
     * Trino's parser sees only the part it owns and still reports, and records in its AST, positions in the statement
     * as written; a query cut short ends where it ends, not at the end of the statement.
     */
    private static String queryText(HiveDdlParser.UnloadQueryContext context)
    {
        // between the parentheses: from after '(' to before ')'
        int start = context.start.getStopIndex() + 1;
        int stop = context.stop.getStartIndex() - 1;
        char[] text = context.start.getInputStream().getText(Interval.of(0, stop)).toCharArray();
        for (int index = 0; index < start; index++) {
            if (text[index] != '\n' && text[index] != '\r') {
                text[index] = ' ';
            }
        }
        return new String(text);
    }

    private static io.trino.sql.tree.NodeLocation nodeLocation(ParserRuleContext context)
    {
        return new io.trino.sql.tree.NodeLocation(context.start.getLine(), context.start.getCharPositionInLine() + 1);
    }

    private static String position(ParserRuleContext context)
    {
        return "line %d:%d".formatted(context.start.getLine(), context.start.getCharPositionInLine() + 1);
    }

    private static String rawString(HiveDdlParser.StringContext context)
    {
        String quoted = context.getText();
        return quoted.substring(1, quoted.length() - 1);
    }

    private static HiveStatement.PartitionSpec partitionSpec(HiveDdlParser.PartitionSpecContext context)
    {
        List<Map.Entry<String, String>> values = new java.util.ArrayList<>();
        for (HiveDdlParser.PartitionValueContext value : context.partitionValue()) {
            String text;
            if (value.string() != null) {
                text = string(value.string());
            }
            else {
                text = (value.negative != null ? "-" : "") + value.number.getText();
            }
            values.add(Map.entry(identifier(value.identifier()), text));
        }
        return new HiveStatement.PartitionSpec(values);
    }

    private static ColumnDefinition column(HiveDdlParser.ColumnDefinitionContext context)
    {
        return new ColumnDefinition(identifier(context.identifier()), originalText(context.columnType()), optionalString(context.comment));
    }

    private static RowFormat rowFormat(HiveDdlParser.RowFormatContext context)
    {
        return switch (context) {
            case HiveDdlParser.DelimitedRowFormatContext delimited -> new DelimitedRowFormat(
                    optionalString(delimited.fieldsTerminatedBy),
                    optionalString(delimited.escapedBy),
                    optionalString(delimited.collectionItemsTerminatedBy),
                    optionalString(delimited.mapKeysTerminatedBy),
                    optionalString(delimited.linesTerminatedBy),
                    optionalString(delimited.nullDefinedAs));
            case HiveDdlParser.SerdeRowFormatContext serde -> new SerdeRowFormat(string(serde.serde), properties(serde.properties()));
            default -> throw new IllegalStateException("Unexpected row format " + context.getClass().getSimpleName());
        };
    }

    private static StorageFormat storageFormat(HiveDdlParser.StorageFormatContext context)
    {
        return switch (context) {
            case HiveDdlParser.NamedStorageFormatContext named -> new NamedStorageFormat(identifier(named.identifier()).toUpperCase(Locale.ROOT));
            case HiveDdlParser.InputOutputStorageFormatContext inputOutput ->
                    new InputOutputStorageFormat(string(inputOutput.inputFormat), string(inputOutput.outputFormat));
            default -> throw new IllegalStateException("Unexpected storage format " + context.getClass().getSimpleName());
        };
    }

    private static Map<String, String> properties(HiveDdlParser.PropertiesContext context)
    {
        if (context == null) {
            return Map.of();
        }
        Map<String, String> properties = new LinkedHashMap<>();
        for (HiveDdlParser.PropertyContext property : context.property()) {
            String key = string(property.key);
            if (properties.put(key, string(property.value)) != null) {
                throw new TrawlException(ErrorCode.SYNTAX_ERROR, "line %d:%d: Property '%s' is specified more than once"
                        .formatted(property.start.getLine(), property.start.getCharPositionInLine() + 1, key));
            }
        }
        return properties;
    }

    private static TableName tableName(HiveDdlParser.QualifiedNameContext context)
    {
        List<HiveDdlParser.IdentifierContext> parts = context.identifier();
        if (parts.size() == 1) {
            return new TableName(Optional.empty(), identifier(parts.getFirst()));
        }
        return new TableName(Optional.of(identifier(parts.get(0))), identifier(parts.get(1)));
    }

    private static String identifier(HiveDdlParser.IdentifierContext context)
    {
        String text = context.getText();
        if (context.BACKQUOTED_IDENTIFIER() != null) {
            text = text.substring(1, text.length() - 1).replace("``", "`");
        }
        return text.toLowerCase(Locale.ROOT);
    }

    private static Optional<String> optionalString(HiveDdlParser.StringContext context)
    {
        return Optional.ofNullable(context).map(HiveAstBuilder::string);
    }

    private static String string(HiveDdlParser.StringContext context)
    {
        String quoted = context.getText();
        return HiveStrings.unescape(quoted.substring(1, quoted.length() - 1));
    }

    /** The text as written, spaces included, so type errors quote what the user typed. */
    private static String originalText(ParserRuleContext context)
    {
        return context.start.getInputStream().getText(Interval.of(context.start.getStartIndex(), context.stop.getStopIndex()));
    }
}
