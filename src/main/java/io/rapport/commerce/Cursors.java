package io.rapport.commerce;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.ToLongFunction;

import io.rapport.collect.Page;
import io.rapport.platform.ApiProblem;
import org.jspecify.annotations.Nullable;

/** Opaque page cursors, as in the events API: the position to continue below, stable while rows arrive. */
final class Cursors {

    static final int MAX_LIMIT = 1_000;

    private Cursors() {
    }

    static String encode(long position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Long.toString(position)
                .getBytes(StandardCharsets.US_ASCII));
    }

    static long decode(@Nullable String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return Long.MAX_VALUE;
        }
        try {
            return Long.parseLong(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalidField("cursor", "This cursor is not one Rapport gave out; pass the 'next' value "
                    + "of the previous page unchanged.");
        }
    }

    /** A page from rows fetched with {@code limit + 1}: the extra row only tells that a next page exists. */
    static <T> Page<T> page(List<T> rows, int limit, ToLongFunction<T> position) {
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        List<T> kept = rows.subList(0, limit);
        return new Page<>(List.copyOf(kept), encode(position.applyAsLong(kept.getLast())));
    }

    static int limit(int requested) {
        if (requested < 1 || requested > MAX_LIMIT) {
            throw ApiProblem.invalidField("limit", "limit must be between 1 and " + MAX_LIMIT + ".");
        }
        return requested;
    }
}
