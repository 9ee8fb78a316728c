package io.trawl.cli.remote;

import io.trawl.api.rest.RestShapes;
import io.trawl.cli.output.OutputColumn;
import io.trawl.cli.output.ResultText;
import io.trawl.cli.output.ValueKind;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/** Rows read a JSON page at a time (a DDL or utility statement's text lines, which the API does not serve as CSV). */
final class PagedResultText
        implements ResultText
{
    private final TrawlApiClient client;
    private final String queryId;
    private final RestShapes.ResultPage firstPage;
    private final List<OutputColumn> columns;

    PagedResultText(TrawlApiClient client, String queryId, RestShapes.ResultPage firstPage)
    {
        this.client = requireNonNull(client, "client is null");
        this.queryId = requireNonNull(queryId, "queryId is null");
        this.firstPage = requireNonNull(firstPage, "firstPage is null");
        this.columns = firstPage.columns().stream().map(column -> new OutputColumn(column.name(), ValueKind.ofAthenaType(column.type()))).toList();
    }

    @Override
    public List<OutputColumn> columns()
    {
        return columns;
    }

    @Override
    public void forEachRow(Consumer<String[]> action)
    {
        RestShapes.ResultPage page = firstPage;
        while (true) {
            for (List<String> row : page.rows()) {
                action.accept(row.toArray(String[]::new));
            }
            if (page.nextToken() == null) {
                return;
            }
            page = client.resultPage(queryId, Optional.of(page.nextToken()), TrawlApiClient.MAX_PAGE_ROWS);
        }
    }
}
