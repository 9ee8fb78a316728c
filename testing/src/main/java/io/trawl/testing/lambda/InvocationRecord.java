package io.trawl.testing.lambda;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

import static java.util.Objects.requireNonNull;

/**
 * What one invocation did, as Lambda's REPORT log line and CloudWatch metrics would tell it.
 *
 * @param container the container that ran it (numbered from 1 per function); empty when it was throttled
 * @param coldStart whether a new container was initialized for it
 * @param initDuration the cold container's initialization (class loading, static initializers, handler
 * constructor); zero when warm
 * @param duration from the container starting the invocation to its answer (the timeout when it timed out)
 * @param billedMillis {@code ceil(init + duration)} in milliseconds: Lambda bills in 1 ms steps and, since
 * August 2025, bills the INIT phase of on-demand functions too; 0 when throttled
 * @param responseBytes the payload the caller received (the error document for function errors)
 * @param logs the invocation's log: START, what the handler logged through {@code Context.getLogger()}, END, REPORT
 */
public record InvocationRecord(
        String functionName,
        String requestId,
        long sequence,
        Outcome outcome,
        Optional<Fault> fault,
        OptionalInt container,
        boolean coldStart,
        Duration initDuration,
        Duration duration,
        long billedMillis,
        int memoryMb,
        long requestBytes,
        long responseBytes,
        String logs)
{
    public enum Outcome
    {
        /** 200, the handler's payload */
        SUCCEEDED,
        /** 200 + Unhandled: the handler threw */
        FUNCTION_ERROR,
        /** 200 + Unhandled, {@code Sandbox.Timedout}; container discarded */
        TIMED_OUT,
        /** 200 + Unhandled, {@code Runtime.ExitError}; container discarded */
        CRASHED,
        /** 200 + Unhandled: the container could not be initialized (handler class missing, initializer threw); container discarded */
        INIT_FAILED,
        /** 200 + Unhandled, {@code Function.ResponseSizeTooLarge} */
        RESPONSE_TOO_LARGE,
        /** 200, a payload that is not JSON (injected) */
        GARBAGE,
        /** 429 {@code TooManyRequestsException}: no container ran it */
        THROTTLED
    }

    public InvocationRecord
    {
        requireNonNull(functionName, "functionName is null");
        requireNonNull(requestId, "requestId is null");
        requireNonNull(outcome, "outcome is null");
        requireNonNull(fault, "fault is null");
        requireNonNull(container, "container is null");
        requireNonNull(initDuration, "initDuration is null");
        requireNonNull(duration, "duration is null");
        requireNonNull(logs, "logs is null");
    }

    /** GB-seconds billed: billed milliseconds times the memory size in GB (1,024 MB), as Lambda prices them. */
    public double billedGigabyteSeconds()
    {
        return billedMillis / 1000.0 * memoryMb / 1024.0;
    }
}
