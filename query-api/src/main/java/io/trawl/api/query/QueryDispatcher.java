package io.trawl.api.query;

/**
 * Where a queued query runs. {@code trawl serve} runs it on this instance's threads; on AWS Lambda, where an API
 * request's function is frozen once it answers, the API function hands it to the coordinator function instead
 * (an asynchronous invocation), which runs it to completion for up to 15 minutes.
 */
@FunctionalInterface
public interface QueryDispatcher
{
    /**
     * Arranges for the queued query {@code queryId} to be run by {@link QueryService#runQueued} somewhere.
     *
     * @throws io.trawl.error.TrawlException when it cannot be handed over (the query is then failed, retryably)
     */
    void dispatch(String queryId);
}
