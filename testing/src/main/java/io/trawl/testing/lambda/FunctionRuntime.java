package io.trawl.testing.lambda;

import com.amazonaws.services.lambda.runtime.ClientContext;
import io.trawl.testing.lambda.InvocationRecord.Outcome;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import static java.util.Objects.requireNonNull;

/**
 * One registered function at run time: its pool of containers (idle ones reused, the most recently used first;
 * new ones created up to the reserved concurrency), its planned faults and the record of its invocations.
 */
final class FunctionRuntime
{
    static final String THROTTLE_REASON = "ReservedFunctionConcurrentInvocationLimitExceeded";

    private final LambdaFunction function;
    private final FunctionFaults faults = new FunctionFaults();
    private final AtomicLong sequence = new AtomicLong();
    private final List<InvocationRecord> records = new ArrayList<>();
    private final Deque<Container> idle = new ArrayDeque<>();
    private final List<Container> busy = new ArrayList<>();
    private int containersCreated;
    private boolean closed;

    FunctionRuntime(LambdaFunction function)
    {
        this.function = requireNonNull(function, "function is null");
    }

    LambdaFunction function()
    {
        return function;
    }

    FunctionFaults faults()
    {
        return faults;
    }

    synchronized List<InvocationRecord> records()
    {
        return List.copyOf(records);
    }

    synchronized int inFlight()
    {
        return busy.size();
    }

    synchronized int idleContainers()
    {
        return idle.size();
    }

    synchronized void discardIdleContainers()
    {
        while (!idle.isEmpty()) {
            idle.pollFirst().discard();
        }
    }

    synchronized void close()
    {
        closed = true;
        discardIdleContainers();
        for (Container container : busy) {
            container.discard();
        }
    }

    /** Runs one RequestResponse invocation to its answer: the handler's payload, a function error, or a throttle. */
    Answer invoke(Invocation invocation)
            throws InterruptedException
    {
        InvocationRequest request = new InvocationRequest(function.name(), invocation.requestId(), sequence.incrementAndGet(),
                new String(invocation.payload(), StandardCharsets.UTF_8));
        Optional<Fault> fault = faults.take(request);
        if (fault.isPresent() && fault.get() instanceof Fault.Throttle) {
            return throttled(request, fault, invocation);
        }
        Lease lease = acquire();
        if (lease == null) {
            return throttled(request, fault, invocation);
        }
        Container container = lease.container();
        boolean reusable = false;
        InvocationLog log = new InvocationLog(request.requestId(), invocation.executedVersion());
        try {
            Duration initDuration = Duration.ZERO;
            if (lease.cold()) {
                Initialization initialization = initialize(container);
                initDuration = initialization.duration();
                if (initialization.failure() != null) {
                    byte[] error = LambdaErrors.exception(initialization.failure());
                    return record(request, Outcome.INIT_FAILED, fault, lease, initDuration, Duration.ZERO, invocation, error, log, Answer.unhandled(error));
                }
            }
            long deadline = System.nanoTime() + function.timeout().toNanos();
            LocalContext context = new LocalContext(request.requestId(), function, invocation.executedVersion(), invocation.invokedArn(),
                    invocation.clientContext(), deadline, log.handlerLog());
            Future<Container.Run> running = container.invoke(invocation.payload(), context, fault);
            Container.Run run;
            try {
                run = running.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            catch (TimeoutException _) {
                running.cancel(true);
                byte[] error = LambdaErrors.timedOut(request.requestId(), function.timeout());
                return record(request, Outcome.TIMED_OUT, fault, lease, initDuration, function.timeout(), invocation, error, log, Answer.unhandled(error));
            }
            catch (ExecutionException e) {
                throw new IllegalStateException("container %d of %s failed outside the handler".formatted(container.id(), function.name()), e.getCause());
            }
            reusable = run.kind() != Container.Run.Kind.CRASHED;
            return answer(request, fault, lease, initDuration, run, invocation, log);
        }
        finally {
            release(container, reusable);
        }
    }

    private Answer answer(InvocationRequest request, Optional<Fault> fault, Lease lease, Duration initDuration, Container.Run run, Invocation invocation, InvocationLog log)
    {
        return switch (run.kind()) {
            case CRASHED -> {
                byte[] error = LambdaErrors.runtimeExited(request.requestId());
                yield record(request, Outcome.CRASHED, fault, lease, initDuration, run.duration(), invocation, error, log, Answer.unhandled(error));
            }
            case THREW -> {
                byte[] error = LambdaErrors.exception(run.failure());
                yield record(request, Outcome.FUNCTION_ERROR, fault, lease, initDuration, run.duration(), invocation, error, log, Answer.unhandled(error));
            }
            case RETURNED_GARBAGE -> record(request, Outcome.GARBAGE, fault, lease, initDuration, run.duration(), invocation, run.output(), log, Answer.ok(run.output()));
            case RETURNED -> {
                if (run.output().length > LambdaErrors.MAX_RESPONSE_BYTES) {
                    byte[] error = LambdaErrors.responseTooLarge();
                    yield record(request, Outcome.RESPONSE_TOO_LARGE, fault, lease, initDuration, run.duration(), invocation, error, log, Answer.unhandled(error));
                }
                yield record(request, Outcome.SUCCEEDED, fault, lease, initDuration, run.duration(), invocation, run.output(), log, Answer.ok(run.output()));
            }
        };
    }

    private Initialization initialize(Container container)
            throws InterruptedException
    {
        long start = System.nanoTime();
        Future<Duration> init = container.initialize();
        try {
            return new Initialization(init.get(function.initTimeout().toNanos(), TimeUnit.NANOSECONDS), null);
        }
        catch (ExecutionException e) {
            return new Initialization(Duration.ofNanos(System.nanoTime() - start), e.getCause());
        }
        catch (TimeoutException _) {
            init.cancel(true);
            return new Initialization(function.initTimeout(), new IllegalStateException(
                    "INIT of %s did not finish within %d ms (class loading, static initializers and the handler constructor)".formatted(function.name(), function.initTimeout().toMillis())));
        }
    }

    private Answer throttled(InvocationRequest request, Optional<Fault> fault, Invocation invocation)
    {
        synchronized (this) {
            records.add(new InvocationRecord(function.name(), request.requestId(), request.sequence(), Outcome.THROTTLED, fault, OptionalInt.empty(), false,
                    Duration.ZERO, Duration.ZERO, 0, function.memoryMb(), invocation.payload().length, 0, ""));
        }
        return Answer.throttled();
    }

    private Answer record(InvocationRequest request, Outcome outcome, Optional<Fault> fault, Lease lease, Duration initDuration, Duration duration,
            Invocation invocation, byte[] responsePayload, InvocationLog log, Answer answer)
    {
        long billedMillis = ceilMillis(initDuration.plus(duration));
        String logs = log.finish(outcome, duration, billedMillis, function.memoryMb(), lease.cold() ? initDuration : null);
        synchronized (this) {
            records.add(new InvocationRecord(function.name(), request.requestId(), request.sequence(), outcome, fault, OptionalInt.of(lease.container().id()),
                    lease.cold(), initDuration, duration, billedMillis, function.memoryMb(), invocation.payload().length, responsePayload.length, logs));
        }
        return answer.withLogs(logs);
    }

    private static long ceilMillis(Duration duration)
    {
        long nanos = duration.toNanos();
        return (nanos + 999_999) / 1_000_000;
    }

    private synchronized Lease acquire()
    {
        if (closed) {
            return null;
        }
        Container warm = idle.pollFirst();
        if (warm != null) {
            busy.add(warm);
            return new Lease(warm, false);
        }
        if (busy.size() >= function.reservedConcurrency()) {
            return null;
        }
        containersCreated++;
        Container cold = new Container(function, containersCreated);
        busy.add(cold);
        return new Lease(cold, true);
    }

    private synchronized void release(Container container, boolean reusable)
    {
        busy.remove(container);
        if (reusable && !closed) {
            idle.addFirst(container);
        }
        else {
            container.discard();
        }
    }

    private record Lease(Container container, boolean cold) {}

    private record Initialization(Duration duration, Throwable failure) {}

    /** An invocation the server has checked: the function and version exist, the payload is JSON within the limit. */
    record Invocation(String requestId, byte[] payload, String executedVersion, String invokedArn, ClientContext clientContext)
    {
        Invocation
        {
            requireNonNull(requestId, "requestId is null");
            requireNonNull(payload, "payload is null");
            requireNonNull(executedVersion, "executedVersion is null");
            requireNonNull(invokedArn, "invokedArn is null");
        }
    }

    /** What goes back on the wire. */
    record Answer(int status, byte[] body, String functionError, String logs)
    {
        static Answer ok(byte[] payload)
        {
            return new Answer(200, payload, null, "");
        }

        static Answer unhandled(byte[] error)
        {
            return new Answer(200, error, "Unhandled", "");
        }

        static Answer throttled()
        {
            return new Answer(429, LambdaErrors.throttled(THROTTLE_REASON), null, "");
        }

        Answer withLogs(String text)
        {
            return new Answer(status, body, functionError, text);
        }
    }

    /** START, the handler's lines, END and REPORT, as in CloudWatch. */
    private static final class InvocationLog
    {
        private final String requestId;
        private final LocalContext.InvocationLog handlerLog = new LocalContext.InvocationLog();
        private final String start;

        private InvocationLog(String requestId, String version)
        {
            this.requestId = requestId;
            this.start = "START RequestId: %s Version: %s%n".formatted(requestId, version);
        }

        LocalContext.InvocationLog handlerLog()
        {
            return handlerLog;
        }

        String finish(Outcome outcome, Duration duration, long billedMillis, int memoryMb, Duration initDuration)
        {
            StringBuilder text = new StringBuilder(start).append(handlerLog.text());
            text.append("END RequestId: ").append(requestId).append('\n');
            text.append(String.format(Locale.ROOT, "REPORT RequestId: %s\tDuration: %.2f ms\tBilled Duration: %d ms\tMemory Size: %d MB",
                    requestId, duration.toNanos() / 1e6, billedMillis, memoryMb));
            if (initDuration != null) {
                text.append(String.format(Locale.ROOT, "\tInit Duration: %.2f ms", initDuration.toNanos() / 1e6));
            }
            if (outcome == Outcome.TIMED_OUT) {
                text.append("\tStatus: timeout");
            }
            return text.append('\n').toString();
        }
    }
}
