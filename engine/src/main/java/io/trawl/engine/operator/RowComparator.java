package io.trawl.engine.operator;

import io.trino.spi.Page;
import io.trino.spi.connector.SortOrder;
import io.trino.spi.type.Type;

import java.util.List;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * Orders rows of pages by a list of sort channels, each with its own {@link SortOrder}, and sorts row
 * indexes of one page with a stable merge sort over a primitive array (no boxing of row numbers).
 * <p>
 * Public only because operator.window sorts its input with it.
 */
public final class RowComparator
{
    private final int[] channels;
    private final SortOrder[] orders;
    private final ValueOperations[] operations;

    /**
     * @param types the types of all channels of the pages compared
     * @param sortChannels the channels to order by, most significant first
     * @param orders one order per sort channel
     */
    public RowComparator(List<Type> types, List<Integer> sortChannels, List<SortOrder> orders)
    {
        checkArgument(sortChannels.size() == orders.size(), "sortChannels and orders differ in size");
        this.channels = new int[sortChannels.size()];
        this.orders = orders.toArray(new SortOrder[0]);
        this.operations = new ValueOperations[channels.length];
        for (int i = 0; i < channels.length; i++) {
            channels[i] = sortChannels.get(i);
            operations[i] = ValueOperations.forType(types.get(channels[i]));
        }
    }

    public int compare(Page left, int leftPosition, Page right, int rightPosition)
    {
        for (int i = 0; i < channels.length; i++) {
            int channel = channels[i];
            int result = operations[i].compare(orders[i], left.getBlock(channel), leftPosition, right.getBlock(channel), rightPosition);
            if (result != 0) {
                return result;
            }
        }
        return 0;
    }

    /** Row indexes of {@code page} in sorted order (stable). */
    public int[] sortedPositions(Page page)
    {
        int count = page.getPositionCount();
        int[] positions = new int[count];
        for (int i = 0; i < count; i++) {
            positions[i] = i;
        }
        if (channels.length > 0 && count > 1) {
            mergeSort(page, positions, new int[count], 0, count);
        }
        return positions;
    }

    private void mergeSort(Page page, int[] positions, int[] scratch, int from, int to)
    {
        int length = to - from;
        if (length < 16) {
            insertionSort(page, positions, from, to);
            return;
        }
        int middle = (from + to) >>> 1;
        mergeSort(page, positions, scratch, from, middle);
        mergeSort(page, positions, scratch, middle, to);
        if (compare(page, positions[middle - 1], page, positions[middle]) <= 0) {
            return;
        }
        System.arraycopy(positions, from, scratch, from, length);
        int left = from;
        int right = middle;
        for (int i = from; i < to; i++) {
            if (right >= to || (left < middle && compare(page, scratch[left], page, scratch[right]) <= 0)) {
                positions[i] = scratch[left++];
            }
            else {
                positions[i] = scratch[right++];
            }
        }
    }

    private void insertionSort(Page page, int[] positions, int from, int to)
    {
        for (int i = from + 1; i < to; i++) {
            int current = positions[i];
            int j = i - 1;
            while (j >= from && compare(page, positions[j], page, current) > 0) {
                positions[j + 1] = positions[j];
                j--;
            }
            positions[j + 1] = current;
        }
    }
}
