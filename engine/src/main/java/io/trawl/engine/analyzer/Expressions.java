package io.trawl.engine.analyzer;

import io.trawl.engine.expression.Call;
import io.trawl.engine.expression.CompiledExpression;
import io.trawl.engine.expression.Constant;
import io.trawl.engine.expression.Function;
import io.trawl.engine.expression.RowExpression;
import io.trawl.engine.expression.Variable;
import io.trawl.engine.plan.Symbol;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trino.spi.type.Type;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static io.trino.spi.type.BooleanType.BOOLEAN;

/** Builders and inspections of row expressions shared by the analyzer and the optimizer. */
public final class Expressions
{
    private Expressions() {}

    /** Builds a call, folding it to a constant when every argument is constant. */
    public static RowExpression call(Function function, Type type, List<RowExpression> arguments)
    {
        Call call = new Call(function, arguments, type);
        if (function.isDeterministic() && !arguments.isEmpty() && arguments.stream().allMatch(Constant.class::isInstance)) {
            try {
                return new Constant(CompiledExpression.evaluateConstant(call), type);
            }
            catch (TrawlException e) {
                // keep the call: the error must surface only if a row actually evaluates it (e.g. a CASE branch)
                return call;
            }
        }
        return call;
    }

    public static RowExpression call(Function function, Type type, RowExpression... arguments)
    {
        return call(function, type, List.of(arguments));
    }

    public static RowExpression coerce(RowExpression expression, Type target)
    {
        if (expression.type().equals(target)) {
            return expression;
        }
        return call(Function.CAST, target, expression);
    }

    public static RowExpression and(List<RowExpression> conjuncts)
    {
        List<RowExpression> terms = new ArrayList<>();
        for (RowExpression conjunct : conjuncts) {
            if (conjunct instanceof Constant constant && Boolean.TRUE.equals(constant.value())) {
                continue;
            }
            terms.addAll(conjuncts(conjunct));
        }
        if (terms.isEmpty()) {
            return new Constant(true, BOOLEAN);
        }
        if (terms.size() == 1) {
            return terms.getFirst();
        }
        return new Call(Function.AND, terms, BOOLEAN);
    }

    public static RowExpression or(List<RowExpression> disjuncts)
    {
        List<RowExpression> terms = new ArrayList<>();
        for (RowExpression disjunct : disjuncts) {
            terms.addAll(disjuncts(disjunct));
        }
        if (terms.size() == 1) {
            return terms.getFirst();
        }
        return new Call(Function.OR, terms, BOOLEAN);
    }

    public static List<RowExpression> conjuncts(RowExpression expression)
    {
        if (expression instanceof Call call && call.function() == Function.AND) {
            List<RowExpression> result = new ArrayList<>();
            call.arguments().forEach(argument -> result.addAll(conjuncts(argument)));
            return result;
        }
        return List.of(expression);
    }

    public static List<RowExpression> disjuncts(RowExpression expression)
    {
        if (expression instanceof Call call && call.function() == Function.OR) {
            List<RowExpression> result = new ArrayList<>();
            call.arguments().forEach(argument -> result.addAll(disjuncts(argument)));
            return result;
        }
        return List.of(expression);
    }

    public static Set<Symbol> symbols(RowExpression expression)
    {
        Set<Symbol> symbols = new LinkedHashSet<>();
        collect(expression, symbols);
        return symbols;
    }

    private static void collect(RowExpression expression, Set<Symbol> symbols)
    {
        switch (expression) {
            case Variable variable -> symbols.add(variable.symbol());
            case Constant _ -> {}
            case Call call -> call.arguments().forEach(argument -> collect(argument, symbols));
        }
    }

    public static boolean isTrue(RowExpression expression)
    {
        return expression instanceof Constant constant && Boolean.TRUE.equals(constant.value());
    }

    public static boolean isDeterministic(RowExpression expression)
    {
        return switch (expression) {
            case Variable _, Constant _ -> true;
            case Call call -> call.function().isDeterministic() && call.arguments().stream().allMatch(Expressions::isDeterministic);
        };
    }

    /** Replaces variables by the mapped expressions. */
    public static RowExpression replace(RowExpression expression, java.util.Map<Symbol, ? extends RowExpression> mapping)
    {
        return switch (expression) {
            case Variable variable -> mapping.containsKey(variable.symbol()) ? mapping.get(variable.symbol()) : variable;
            case Constant constant -> constant;
            case Call call -> {
                List<RowExpression> arguments = new ArrayList<>();
                boolean changed = false;
                for (RowExpression argument : call.arguments()) {
                    RowExpression replaced = replace(argument, mapping);
                    changed |= replaced != argument;
                    arguments.add(replaced);
                }
                yield changed ? call(call.function(), call.type(), arguments) : call;
            }
        };
    }

    public static TrawlException typeError(String message)
    {
        return new TrawlException(ErrorCode.TYPE_MISMATCH, message);
    }
}
