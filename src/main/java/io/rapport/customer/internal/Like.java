package io.rapport.customer.internal;

import java.util.Locale;

/** Text in SQL {@code like} patterns (with {@code escape '\'}): matched literally, wildcards and all. */
final class Like {

    private Like() {
    }

    static String escape(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** A case-insensitive pattern for {@code lower(column) like ?}: the column contains {@code text}. */
    static String containing(String text) {
        return "%" + escape(text.toLowerCase(Locale.ROOT)) + "%";
    }
}
