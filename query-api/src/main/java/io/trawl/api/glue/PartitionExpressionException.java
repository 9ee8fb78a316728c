package io.trawl.api.glue;

/** A GetPartitions Expression that is not the language, or names a key or value the table cannot have; Glue's InvalidInputException. */
final class PartitionExpressionException
        extends RuntimeException
{
    private final int position;

    PartitionExpressionException(int position, String problem)
    {
        super("Invalid Expression at position %d: %s".formatted(position, problem));
        this.position = position;
    }

    /** 1-based character position in the expression. */
    int position()
    {
        return position;
    }
}
