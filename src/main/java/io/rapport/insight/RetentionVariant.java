package io.rapport.insight;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Whom period k of a cohort counts: buyers who purchased in that period, or in it or any later one. */
public enum RetentionVariant {
    IN, IN_OR_AFTER;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<RetentionVariant> fromWire(String text) {
        return Arrays.stream(values()).filter(v -> v.wire().equalsIgnoreCase(text.strip())).findFirst();
    }
}
