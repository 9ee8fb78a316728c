package io.trawl.cli.remote;

import io.trawl.api.rest.RestShapes;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A query's rows streamed from its result CSV ({@code Accept: text/csv}), the API's fast path: one request, no
 * paging, one row in memory at a time. The columns and their types come from a first JSON page of one row, which is
 * the whole result when the query answered at most one row.
 */
final class CsvResultText
        extends ApiResultText
{
    CsvResultText(TrawlApiClient client, String queryId, RestShapes.ResultPage firstPage)
    {
        super(client, queryId, firstPage);
    }

    @Override
    public void forEachRow(Consumer<String[]> action)
    {
        if (firstPage.nextToken() == null) {
            firstPage.rows().forEach(row -> action.accept(row.toArray(String[]::new)));
            return;
        }
        try (ResultCsvReader csv = new ResultCsvReader(client.resultCsv(queryId))) {
            if (csv.next().isEmpty()) {
                throw new TrawlApiException("The result of query %s has no header row".formatted(queryId));
            }
            String[] row = new String[columns().size()];
            for (Optional<List<String>> record = csv.next(); record.isPresent(); record = csv.next()) {
                if (record.get().size() != row.length) {
                    throw new TrawlApiException("The result of query %s has a row of %d values for %d columns".formatted(queryId, record.get().size(), row.length));
                }
                action.accept(record.get().toArray(row));
            }
        }
        catch (IOException e) {
            throw new TrawlApiException("Reading the result of query %s from %s failed: %s".formatted(queryId, client.endpoint(), e.getMessage()), e);
        }
    }
}
