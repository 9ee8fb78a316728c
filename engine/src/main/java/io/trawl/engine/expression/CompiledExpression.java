package io.trawl.engine.expression;

import io.trawl.engine.plan.Symbol;
import io.trino.spi.Page;
import io.trino.spi.block.Block;
import io.trino.spi.type.Type;

import java.util.Map;

/**
 * A row expression compiled against a page layout (symbol → channel). Evaluates a whole page at a time:
 * the tree of nodes is walked once per page, and each node loops over the page's rows.
 */
public final class CompiledExpression
{
    private final Evaluator.Node root;
    private final RowExpression expression;

    private CompiledExpression(Evaluator.Node root, RowExpression expression)
    {
        this.root = root;
        this.expression = expression;
    }

    public static CompiledExpression compile(RowExpression expression, Map<Symbol, Integer> layout)
    {
        return new CompiledExpression(Evaluator.compile(expression, layout), expression);
    }

    public Type type()
    {
        return expression.type();
    }

    /** A pass-through column reference needs no evaluation: the caller can reuse the input block. */
    public int inputChannel()
    {
        return root instanceof Evaluator.InputNode input ? input.channel : -1;
    }

    public Block evaluate(Page page)
    {
        if (root instanceof Evaluator.InputNode input) {
            return page.getBlock(input.channel);
        }
        return root.eval(page, Evaluator.identity(page.getPositionCount()), page.getPositionCount()).toBlock();
    }

    /** Rows where the boolean expression is true (NULL and false drop the row). */
    public boolean[] filter(Page page)
    {
        int count = page.getPositionCount();
        Vector result = root.eval(page, Evaluator.identity(count), count);
        boolean[] selected = new boolean[count];
        for (int i = 0; i < count; i++) {
            selected[i] = !result.isNull(i) && result.longs[i] != 0;
        }
        return selected;
    }

    /** Evaluates an expression without inputs (constant folding). */
    public static Object evaluateConstant(RowExpression expression)
    {
        Evaluator.Node node = Evaluator.compile(expression, Map.of());
        Vector vector = node.eval(new Page(1), new int[] {0}, 1);
        return vector.nativeValue(0);
    }

    @Override
    public String toString()
    {
        return expression.toString();
    }
}
