package io.trawl.scan.runtime.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.trawl.scan.runtime.ScanWorker;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/**
 * The scan-worker Lambda function: {@code io.trawl.scan.runtime.lambda.ScanWorkerHandler::handleRequest}.
 * The payload is a scan task (JSON, see {@link io.trawl.engine.fragment.TaskCodec}), the response its result
 * envelope. No DI container and no framework: Lambda creates one handler per container, and the handler builds
 * its worker and S3 client once, in its constructor (during the init phase, so SnapStart snapshots them), from
 * the function's environment ({@code TRAWL_S3_ENDPOINT}, {@code TRAWL_S3_REGION}, {@code AWS_REGION}, the
 * execution role's credentials). A task about to run into the function's timeout is stopped a little before
 * it, so the worker answers instead of being killed.
 */
public final class ScanWorkerHandler
        implements RequestStreamHandler
{
    /** Stop this long before Lambda's deadline, leaving time to encode and return the failure. */
    private static final long DEADLINE_MARGIN_MILLIS = 500;

    private final ScanWorker worker;

    /** What AWS Lambda calls: the function's environment is the process's. */
    public ScanWorkerHandler()
    {
        this(System.getenv());
    }

    /** With an explicit environment (the local Lambda endpoint of the tests passes each function's own). */
    public ScanWorkerHandler(Map<String, String> environment)
    {
        this.worker = ScanWorker.fromEnvironment(environment);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context)
            throws IOException
    {
        byte[] request = input.readAllBytes();
        byte[] response = worker.handle(request, () -> context != null && context.getRemainingTimeInMillis() < DEADLINE_MARGIN_MILLIS);
        output.write(response);
    }
}
