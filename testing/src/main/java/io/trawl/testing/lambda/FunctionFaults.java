package io.trawl.testing.lambda;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import static java.util.Objects.requireNonNull;

/**
 * The faults planned for one function, consumed as invocations arrive. Rules are tried in the order they were
 * added; the first whose predicate matches and which has invocations left applies and counts one down. Retries
 * are new invocations: {@code next(2, Fault.crash())} crashes the first two attempts and lets the third run.
 * <pre>
 *   server.faults("scan-worker").next(1, Fault.throttle());
 *   server.faults("scan-worker").whenPayloadContains("part-00007", 1, Fault.hang());
 * </pre>
 */
public final class FunctionFaults
{
    private final List<Rule> rules = new ArrayList<>();

    FunctionFaults() {}

    /** The next {@code count} invocations of the function get the fault. */
    public FunctionFaults next(int count, Fault fault)
    {
        return when(_ -> true, count, fault);
    }

    /** The next {@code count} invocations whose payload contains {@code text} get the fault, e.g. to target one task. */
    public FunctionFaults whenPayloadContains(String text, int count, Fault fault)
    {
        requireNonNull(text, "text is null");
        return when(request -> request.payload().contains(text), count, fault);
    }

    /** The next {@code count} invocations matching the predicate get the fault; {@code Integer.MAX_VALUE} for all of them. */
    public synchronized FunctionFaults when(Predicate<InvocationRequest> predicate, int count, Fault fault)
    {
        requireNonNull(predicate, "predicate is null");
        requireNonNull(fault, "fault is null");
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1: " + count);
        }
        rules.add(new Rule(predicate, fault, count));
        return this;
    }

    /** Invocations still to be faulted by every rule (a rule with {@code Integer.MAX_VALUE} counts as that). */
    public synchronized long pending()
    {
        long pending = 0;
        for (Rule rule : rules) {
            pending += rule.remaining;
        }
        return pending;
    }

    public synchronized void clear()
    {
        rules.clear();
    }

    synchronized Optional<Fault> take(InvocationRequest request)
    {
        for (Rule rule : rules) {
            if (rule.remaining > 0 && rule.predicate.test(request)) {
                if (rule.remaining != Integer.MAX_VALUE) {
                    rule.remaining--;
                }
                return Optional.of(rule.fault);
            }
        }
        return Optional.empty();
    }

    private static final class Rule
    {
        private final Predicate<InvocationRequest> predicate;
        private final Fault fault;
        private int remaining;

        private Rule(Predicate<InvocationRequest> predicate, Fault fault, int remaining)
        {
            this.predicate = predicate;
            this.fault = fault;
            this.remaining = remaining;
        }
    }
}
