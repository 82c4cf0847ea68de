package io.rapport.insight.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

import io.rapport.collect.Cursors;
import io.rapport.collect.Page;
import io.rapport.platform.ApiProblem;
import org.jspecify.annotations.Nullable;

/**
 * Pages of a list computed whole for each request (model scores): the cursor is the position in the list in
 * {@code order}. Only the items up to the page's end are put in order (a heap of that many), not the whole list.
 */
final class OffsetPages {

    private OffsetPages() {
    }

    static <T> Page<T> page(List<T> items, Comparator<T> order, int limit, @Nullable String cursor) {
        int size = Cursors.limit(limit);
        long offset = cursor == null || cursor.isBlank() ? 0 : Cursors.decode(cursor);
        if (offset < 0 || offset > items.size()) {
            throw ApiProblem.invalidField("cursor", "This cursor is not one Rapport gave out; pass the 'next' value "
                    + "of the previous page unchanged.");
        }
        int from = (int) offset;
        int to = Math.min(items.size(), from + size);
        // The first `to` items in order: a heap whose head is the last of them so far.
        PriorityQueue<T> first = new PriorityQueue<>(Math.max(1, to), order.reversed());
        for (T item : items) {
            if (first.size() < to) {
                first.add(item);
            } else if (to > 0 && order.compare(item, first.peek()) < 0) {
                first.poll();
                first.add(item);
            }
        }
        List<T> sorted = new ArrayList<>(first);
        sorted.sort(order);
        return new Page<>(List.copyOf(sorted.subList(from, to)), to < items.size() ? Cursors.encode(to) : null);
    }
}
