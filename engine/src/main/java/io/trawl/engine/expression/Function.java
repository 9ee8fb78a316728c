package io.trawl.engine.expression;

/**
 * Built-in scalar functions and operators. Argument conventions (the analyzer guarantees the types):
 * <ul>
 * <li>arithmetic: both arguments of the same integer type, both DOUBLE/REAL, or both DECIMAL (any
 * precision/scale: the evaluator rescales to the call's result type following Trino's rules);</li>
 * <li>comparisons and IN: all arguments of one type;</li>
 * <li>CASE: when1, then1, when2, then2, ..., else (always present, NULL constant when omitted);</li>
 * <li>LIKE: value, pattern, optional escape; DATE_DIFF / DATE_TRUNC: a unit constant first.</li>
 * </ul>
 */
public enum Function
{
    ADD, SUBTRACT, MULTIPLY, DIVIDE, MODULUS, NEGATE,
    EQUAL, NOT_EQUAL, LESS_THAN, LESS_THAN_OR_EQUAL, GREATER_THAN, GREATER_THAN_OR_EQUAL, IS_DISTINCT_FROM,
    AND, OR, NOT, IS_NULL, IN, LIKE, CASE, COALESCE, NULLIF, CAST, TRY_CAST,
    SUBSTRING, LENGTH, UPPER, LOWER, TRIM, LTRIM, RTRIM, REVERSE, CONCAT, REPLACE, STRPOS, STARTS_WITH, SPLIT_PART, LPAD, RPAD, REGEXP_LIKE,
    YEAR, MONTH, DAY, QUARTER, DAY_OF_WEEK, DAY_OF_YEAR, WEEK,
    DATE_ADD_DAYS, DATE_ADD_MONTHS, DATE_DIFF, DATE_TRUNC,
    ROW_FIELD, SUBSCRIPT, ELEMENT_AT, CARDINALITY, CONTAINS,
    ABS, SIGN, ROUND, FLOOR, CEIL, SQRT, POWER, LN, LOG10, EXP, GREATEST, LEAST, RANDOM;

    public boolean isComparison()
    {
        return switch (this) {
            case EQUAL, NOT_EQUAL, LESS_THAN, LESS_THAN_OR_EQUAL, GREATER_THAN, GREATER_THAN_OR_EQUAL -> true;
            default -> false;
        };
    }

    public boolean isDeterministic()
    {
        return this != RANDOM;
    }
}
