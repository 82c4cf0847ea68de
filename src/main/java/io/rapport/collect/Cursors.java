package io.rapport.collect;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
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
            throw unknownCursor();
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

    /**
     * A position in a listing ordered by time, then by a number, and (for listings merged from several places)
     * by a name: its cursor holds all three.
     */
    public record Position(Instant at, long key, String name) {

        public String encode() {
            String text = at.getEpochSecond() + ":" + at.getNano() + ":" + key + ":" + name;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
        }

        public static Position decode(String cursor) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8)
                        .split(":", 4);
                return new Position(Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])),
                        Long.parseLong(parts[2]), parts[3]);
            } catch (RuntimeException e) {
                throw unknownCursor();
            }
        }
    }

    private static ApiProblem unknownCursor() {
        return ApiProblem.invalidField("cursor", "This cursor is not one Rapport gave out; pass the 'next' value "
                + "of the previous page unchanged.");
    }

    public static int limit(int requested) {
        if (requested < 1 || requested > EventQuery.MAX_LIMIT) {
            throw ApiProblem.invalidField("limit", "limit must be between 1 and " + EventQuery.MAX_LIMIT + ".");
        }
        return requested;
    }
}
