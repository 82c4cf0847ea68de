package io.rapport.collect;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.ToLongFunction;

import io.rapport.platform.ApiProblem;
import org.jspecify.annotations.Nullable;

/**
 * Opaque page cursors for newest-first listings, shared by every module's API: the position to continue below,
 * so pages stay stable while new rows arrive.
 */
public final class Cursors {

    private Cursors() {
    }

    public static String encode(long position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Long.toString(position)
                .getBytes(StandardCharsets.US_ASCII));
    }

    public static long decode(@Nullable String cursor) {
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

    /**
     * A page from rows fetched with {@code limit + 1}: the extra row only tells that a next page exists, and
     * the last row kept gives the cursor.
     */
    public static <T> Page<T> page(List<T> rows, int limit, ToLongFunction<T> position) {
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        List<T> kept = rows.subList(0, limit);
        return new Page<>(List.copyOf(kept), encode(position.applyAsLong(kept.getLast())));
    }

    public static int limit(int requested) {
        if (requested < 1 || requested > EventQuery.MAX_LIMIT) {
            throw ApiProblem.invalidField("limit", "limit must be between 1 and " + EventQuery.MAX_LIMIT + ".");
        }
        return requested;
    }
}
