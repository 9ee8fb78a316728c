package io.trawl.testing.lambda;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import static java.util.Objects.requireNonNull;

/**
 * What {@link LocalLambdaServer} does to one invocation instead of (or before) running the handler normally.
 * Planned per function with {@link FunctionFaults}; each fault is what a caller of the real service can see.
 */
public sealed interface Fault
{
    /**
     * The container's process dies during the invocation: 200 with {@code X-Amz-Function-Error: Unhandled} and
     * {@code {"errorType":"Runtime.ExitError","errorMessage":"RequestId: ... Error: Runtime exited with error: exit status 1"}};
     * the handler does not run and the container is discarded (the next invocation on it is a cold start).
     */
    static Fault crash()
    {
        return new Crash();
    }

    /** The handler never returns: the function's timeout fires ({@code Sandbox.Timedout}) and the container is discarded. */
    static Fault hang()
    {
        return new Hang();
    }

    /**
     * Lambda refuses the invocation before any container runs it: 429 {@code TooManyRequestsException}
     * (Reason {@code ReservedFunctionConcurrentInvocationLimitExceeded}), which the SDK retries as a throttle.
     */
    static Fault throttle()
    {
        return new Throttle();
    }

    /** 200 without a function error, whose payload is not JSON; the handler does not run, the container stays warm. */
    static Fault garbage()
    {
        return new Garbage("\u0000\u0007garbage{ not: json ]\u00ff");
    }

    static Fault garbage(String payload)
    {
        return new Garbage(payload);
    }

    /** A straggler: the container waits this long, then runs the handler; the wait counts towards the timeout. */
    static Fault delay(Duration delay)
    {
        return new Delay(delay);
    }

    /**
     * A straggler the test controls: the container waits until {@code release} is counted down (or the
     * function's timeout fires), then runs the handler. No sleeping in the test: it releases the latch when it
     * has seen what it wanted to see (e.g. a duplicate invocation).
     */
    static Fault holdUntil(CountDownLatch release)
    {
        return new HoldUntil(release);
    }

    record Crash() implements Fault {}

    record Hang() implements Fault {}

    record Throttle() implements Fault {}

    record Garbage(String payload) implements Fault
    {
        public Garbage
        {
            requireNonNull(payload, "payload is null");
        }
    }

    record Delay(Duration delay) implements Fault
    {
        public Delay
        {
            requireNonNull(delay, "delay is null");
            if (delay.isNegative()) {
                throw new IllegalArgumentException("delay is negative: " + delay);
            }
        }
    }

    record HoldUntil(CountDownLatch release) implements Fault
    {
        public HoldUntil
        {
            requireNonNull(release, "release is null");
        }
    }
}
