package io.rapport.insight;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How a customer is judged churned: by the BG/NBD model's probability of being alive ({@code MODEL}), or by a
 * purchase-free window ({@code SIMPLE}); docs/metrics.md, "Churn".
 */
public enum ChurnMode {
    MODEL, SIMPLE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ChurnMode> fromWire(String text) {
        return Arrays.stream(values()).filter(m -> m.wire().equalsIgnoreCase(text.strip())).findFirst();
    }
}
