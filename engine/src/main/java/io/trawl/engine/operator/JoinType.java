package io.trawl.engine.operator;

/**
 * Join kinds the hash join executes. SEMI and ANTI output only the probe side's columns. NULL_AWARE_ANTI is
 * {@code x NOT IN (subquery)}: a probe row is kept only if the build side has no equal key, has no NULL
 * key and the probe key itself is not NULL (unless the build side is empty, when every row is kept).
 */
public enum JoinType
{
    INNER, LEFT, RIGHT, FULL, SEMI, ANTI, NULL_AWARE_ANTI,
    /**
     * SEMI / ANTI with the sides swapped, for when the rows being filtered are far fewer than the subquery's:
     * the filtered rows are the build side, the subquery streams through as the probe, and at the end the
     * build rows that matched (RIGHT_SEMI) or did not (RIGHT_ANTI) are emitted. Output: build columns only.
     */
    RIGHT_SEMI, RIGHT_ANTI;

    public boolean outputsProbe()
    {
        return this != RIGHT_SEMI && this != RIGHT_ANTI;
    }

    public boolean outputsBuild()
    {
        return this != SEMI && this != ANTI && this != NULL_AWARE_ANTI;
    }
}
