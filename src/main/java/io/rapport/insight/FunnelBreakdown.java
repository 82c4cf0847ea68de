package io.rapport.insight;

import java.util.Locale;

import io.rapport.platform.ApiProblem;
import org.jspecify.annotations.Nullable;

/** What a funnel's entrants are grouped by: the channel, device type or UTM campaign of their first step. */
public enum FunnelBreakdown {
    CHANNEL, DEVICE, CAMPAIGN;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The breakdown named in a request; none when the text is blank or {@code none}. */
    public static @Nullable FunnelBreakdown parse(@Nullable String text) {
        if (text == null || text.isBlank() || "none".equalsIgnoreCase(text.strip())) {
            return null;
        }
        for (FunnelBreakdown breakdown : values()) {
            if (breakdown.wire().equals(text.strip().toLowerCase(Locale.ROOT))) {
                return breakdown;
            }
        }
        throw ApiProblem.invalidField("breakdown", "breakdown must be channel, device or campaign.");
    }
}
