package io.trawl.engine.operator;

/**
 * Join kinds the hash join executes. SEMI and ANTI output only the probe side's columns. NULL_AWARE_ANTI is
 * {@code x NOT IN (subquery)}: a probe row is kept only if the build side has no equal key, has no NULL
 * key and the probe key itself is not NULL (unless the build side is empty, when every row is kept).
 */
public enum JoinType
{
    INNER, LEFT, RIGHT, FULL, SEMI, ANTI, NULL_AWARE_ANTI
}
