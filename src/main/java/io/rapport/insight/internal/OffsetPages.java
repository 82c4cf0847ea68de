package io.rapport.insight.internal;

import java.util.List;

import io.rapport.collect.Cursors;
import io.rapport.collect.Page;
import io.rapport.platform.ApiProblem;
import org.jspecify.annotations.Nullable;

/** Pages of a list computed whole for each request (model scores): the cursor is the position in the list. */
final class OffsetPages {

    private OffsetPages() {
    }

    static <T> Page<T> page(List<T> sorted, int limit, @Nullable String cursor) {
        int size = Cursors.limit(limit);
        long offset = cursor == null || cursor.isBlank() ? 0 : Cursors.decode(cursor);
        if (offset < 0 || offset > sorted.size()) {
            throw ApiProblem.invalidField("cursor", "This cursor is not one Rapport gave out; pass the 'next' value "
                    + "of the previous page unchanged.");
        }
        int from = (int) offset;
        int to = Math.min(sorted.size(), from + size);
        return new Page<>(List.copyOf(sorted.subList(from, to)), to < sorted.size() ? Cursors.encode(to) : null);
    }
}
