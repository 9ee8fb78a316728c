package io.trawl.engine.operator.aggregate;

/** Aggregate functions the hash aggregation evaluates; output types follow Trino (see AggregateCall). */
public enum AggregateFunction
{
    COUNT_ALL, COUNT, SUM, AVG, MIN, MAX, COUNT_IF, BOOL_AND, BOOL_OR, ARBITRARY, STDDEV_SAMP, STDDEV_POP, VAR_SAMP, VAR_POP
}
