package io.trawl.engine.expression;

import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trino.spi.block.Block;
import io.trino.spi.block.SqlMap;
import io.trino.spi.block.SqlRow;
import io.trino.spi.type.ArrayType;
import io.trino.spi.type.MapType;
import io.trino.spi.type.RowType;
import io.trino.spi.type.Type;

/**
 * Access into nested values with Trino's semantics: {@code row.field}; {@code array[i]} (1-based, an index
 * out of bounds is an error) and {@code element_at} (NULL instead); {@code map[key]} (a missing key is an
 * error) and {@code element_at(map, key)} (NULL); {@code cardinality}; {@code contains(array, x)}.
 */
final class Nested
{
    private Nested() {}

    static void apply(Function function, Vector[] args, int i, Vector out)
    {
        Object container = args[0].objects[i];
        switch (function) {
            case ROW_FIELD -> {
                SqlRow row = (SqlRow) container;
                int field = (int) args[1].longs[i];
                read(((RowType) args[0].type).getFields().get(field).getType(), row.getRawFieldBlock(field), row.getRawIndex(), out, i);
            }
            case CARDINALITY -> out.longs[i] = container instanceof SqlMap map ? map.getSize() : ((Block) container).getPositionCount();
            case CONTAINS -> {
                Block elements = (Block) container;
                Type elementType = ((ArrayType) args[0].type).getElementType();
                boolean found = false;
                boolean sawNull = false;
                for (int position = 0; position < elements.getPositionCount() && !found; position++) {
                    if (elements.isNull(position)) {
                        sawNull = true;
                        continue;
                    }
                    found = equal(elementType, elements, position, args[1], i);
                }
                if (!found && sawNull) {
                    out.setNull(i);
                }
                else {
                    out.longs[i] = found ? 1 : 0;
                }
            }
            case SUBSCRIPT, ELEMENT_AT -> {
                boolean lenient = function == Function.ELEMENT_AT;
                if (args[0].type instanceof ArrayType arrayType) {
                    Block elements = (Block) container;
                    long index = args[1].longs[i];
                    int size = elements.getPositionCount();
                    long position = index > 0 ? index - 1 : lenient && index < 0 ? size + index : -1;
                    if (position < 0 || position >= size) {
                        if (lenient && index != 0) {
                            out.setNull(i);
                            return;
                        }
                        throw new TrawlException(ErrorCode.INVALID_ARGUMENT, "Array subscript must be in [1, %d], got %d".formatted(size, index));
                    }
                    read(arrayType.getElementType(), elements, (int) position, out, i);
                    return;
                }
                MapType mapType = (MapType) args[0].type;
                SqlMap map = (SqlMap) container;
                Block keys = map.getRawKeyBlock();
                int offset = map.getRawOffset();
                for (int entry = 0; entry < map.getSize(); entry++) {
                    if (!keys.isNull(offset + entry) && equal(mapType.getKeyType(), keys, offset + entry, args[1], i)) {
                        read(mapType.getValueType(), map.getRawValueBlock(), offset + entry, out, i);
                        return;
                    }
                }
                if (lenient) {
                    out.setNull(i);
                    return;
                }
                throw new TrawlException(ErrorCode.INVALID_ARGUMENT, "Key not present in map");
            }
            default -> throw new IllegalStateException(function.name());
        }
    }

    private static boolean equal(Type type, Block block, int position, Vector value, int i)
    {
        Vector element = Vector.read(type, block, new int[] {position}, 1);
        return Comparisons.compare(element, 0, value, i) == 0;
    }

    private static void read(Type type, Block block, int position, Vector out, int i)
    {
        Vector value = Vector.read(type, block, new int[] {position}, 1);
        Evaluator.copy(value, 0, out, i);
    }
}
