package io.trawl.testing.lambda;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

import java.nio.charset.StandardCharsets;

import static java.util.Objects.requireNonNull;

/** The Lambda {@link Context} of one invocation: its ids, its deadline, its memory size and a logger into its log. */
final class LocalContext
        implements Context
{
    private final String requestId;
    private final LambdaFunction function;
    private final String executedVersion;
    private final String invokedArn;
    private final ClientContext clientContext;
    private final long deadlineNanos;
    private final InvocationLog log;

    LocalContext(String requestId, LambdaFunction function, String executedVersion, String invokedArn, ClientContext clientContext, long deadlineNanos, InvocationLog log)
    {
        this.requestId = requireNonNull(requestId, "requestId is null");
        this.function = requireNonNull(function, "function is null");
        this.executedVersion = requireNonNull(executedVersion, "executedVersion is null");
        this.invokedArn = requireNonNull(invokedArn, "invokedArn is null");
        this.clientContext = clientContext;
        this.deadlineNanos = deadlineNanos;
        this.log = requireNonNull(log, "log is null");
    }

    @Override
    public String getAwsRequestId()
    {
        return requestId;
    }

    @Override
    public String getLogGroupName()
    {
        return "/aws/lambda/" + function.name();
    }

    @Override
    public String getLogStreamName()
    {
        return "local/[" + executedVersion + "]" + function.name();
    }

    @Override
    public String getFunctionName()
    {
        return function.name();
    }

    @Override
    public String getFunctionVersion()
    {
        return executedVersion;
    }

    @Override
    public String getInvokedFunctionArn()
    {
        return invokedArn;
    }

    @Override
    public CognitoIdentity getIdentity()
    {
        return null;
    }

    @Override
    public ClientContext getClientContext()
    {
        return clientContext;
    }

    @Override
    public int getRemainingTimeInMillis()
    {
        long remainingNanos = deadlineNanos - System.nanoTime();
        return (int) Math.max(0, remainingNanos / 1_000_000);
    }

    @Override
    public int getMemoryLimitInMB()
    {
        return function.memoryMb();
    }

    @Override
    public LambdaLogger getLogger()
    {
        return log;
    }

    /** One invocation's log, as CloudWatch would hold it; the last 4 KB go back in {@code X-Amz-Log-Result}. */
    static final class InvocationLog
            implements LambdaLogger
    {
        private final StringBuilder text = new StringBuilder();

        @Override
        public synchronized void log(String message)
        {
            text.append(message);
            if (!message.endsWith("\n")) {
                text.append('\n');
            }
        }

        @Override
        public void log(byte[] message)
        {
            log(new String(message, StandardCharsets.UTF_8));
        }

        synchronized String text()
        {
            return text.toString();
        }
    }
}
