package io.trawl.cli.remote;

import io.trawl.api.rest.RestShapes;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** Rows read a JSON page at a time (a DDL or utility statement's text lines, which the API does not serve as CSV). */
final class PagedResultText
        extends ApiResultText
{
    PagedResultText(TrawlApiClient client, String queryId, RestShapes.ResultPage firstPage)
    {
        super(client, queryId, firstPage);
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
