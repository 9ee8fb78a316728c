package io.trawl.testing.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test function that shows what belongs to its container: a token made once by the class's static
 * initializer (as a handler builds its S3 client once per container), the number of invocations this instance
 * served, the environment given to its constructor, the Context's fields, and whether a class outside its
 * deployment package is visible.
 */
public final class ContainerIdentityHandler
        implements RequestStreamHandler
{
    static final String CONTAINER_TOKEN = UUID.randomUUID().toString();

    private final Map<String, String> environment;
    private final AtomicInteger invocations = new AtomicInteger();

    /** Lambda calls this one. */
    public ContainerIdentityHandler()
    {
        this(System.getenv());
    }

    public ContainerIdentityHandler(Map<String, String> environment)
    {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context)
            throws java.io.IOException
    {
        input.readAllBytes();
        String json = """
                {"token":"%s","invocation":%d,"greeting":"%s","functionName":"%s","version":"%s","arn":"%s","memoryLimitInMB":%d,\
                "remainingMillis":%d,"requestId":"%s","logGroup":"%s","seesEngine":%s,"classLoader":"%s"}"""
                .formatted(CONTAINER_TOKEN, invocations.incrementAndGet(), environment.getOrDefault("GREETING", ""), context.getFunctionName(),
                        context.getFunctionVersion(), context.getInvokedFunctionArn(), context.getMemoryLimitInMB(), context.getRemainingTimeInMillis(),
                        context.getAwsRequestId(), context.getLogGroupName(), seesClass("io.trawl.engine.QueryEngine"), getClass().getClassLoader().getName());
        output.write(json.getBytes(StandardCharsets.UTF_8));
    }

    private boolean seesClass(String name)
    {
        try {
            Class.forName(name, false, getClass().getClassLoader());
            return true;
        }
        catch (ClassNotFoundException _) {
            return false;
        }
    }
}
