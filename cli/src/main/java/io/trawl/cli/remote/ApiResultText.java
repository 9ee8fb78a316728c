package io.trawl.cli.remote;

import io.trawl.api.rest.RestShapes;
import io.trawl.cli.output.OutputColumn;
import io.trawl.cli.output.ResultText;
import io.trawl.cli.output.ValueKind;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** A remote statement's rows, read after a first JSON page that names the columns and their Athena types. */
abstract class ApiResultText
        implements ResultText
{
    protected final TrawlApiClient client;
    protected final String queryId;
    protected final RestShapes.ResultPage firstPage;
    private final List<OutputColumn> columns;

    ApiResultText(TrawlApiClient client, String queryId, RestShapes.ResultPage firstPage)
    {
        this.client = requireNonNull(client, "client is null");
        this.queryId = requireNonNull(queryId, "queryId is null");
        this.firstPage = requireNonNull(firstPage, "firstPage is null");
        this.columns = firstPage.columns().stream().map(column -> new OutputColumn(column.name(), ValueKind.ofAthenaType(column.type()))).toList();
    }

    @Override
    public final List<OutputColumn> columns()
    {
        return columns;
    }
}
