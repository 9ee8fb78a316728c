package io.trawl.engine.execution;

import io.trawl.engine.operator.Operator;

/**
 * The work each scan task does after reading its split: filters, projections, probes of broadcast hash
 * joins and partial aggregation. {@link #prepare} runs once on the coordinator before any task starts
 * (it builds the shared hash tables); {@link #create} makes one task's operator chain.
 */
interface TaskPipeline
        extends AutoCloseable
{
    void prepare();

    /** After {@link #prepare}: whether the tasks would output nothing whatever they read (an inner join with an empty build side). */
    boolean yieldsNothing();

    Operator create(Operator splitPages);

    @Override
    void close();
}
