package io.trawl.cli.remote;

/**
 * A statement sent to a Trawl API failed, or the API could not be asked: the message is for the user (the query's
 * state-change reason, exactly as the embedded engine words the failure, or what the API or the network answered).
 */
public final class TrawlApiException
        extends RuntimeException
{
    public TrawlApiException(String message)
    {
        super(message);
    }

    public TrawlApiException(String message, Throwable cause)
    {
        super(message, cause);
    }
}
