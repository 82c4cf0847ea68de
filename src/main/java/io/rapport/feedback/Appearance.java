package io.rapport.feedback;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How the web widget shows the survey: where, after how many seconds on the page, and in which colours
 * ({@code #rgb} or {@code #rrggbb}). Stored for the widget; parts left out take the defaults.
 */
public record Appearance(Position position, Integer delaySeconds, String primaryColor, String backgroundColor,
        String textColor) {

    public static final Appearance DEFAULT = new Appearance(null, null, null, null, null);

    public enum Position {
        BOTTOM_RIGHT, BOTTOM_LEFT, CENTER;

        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public Appearance {
        position = position == null ? Position.BOTTOM_RIGHT : position;
        delaySeconds = delaySeconds == null ? 5 : delaySeconds;
        primaryColor = primaryColor == null ? "#1d4ed8" : primaryColor;
        backgroundColor = backgroundColor == null ? "#ffffff" : backgroundColor;
        textColor = textColor == null ? "#111827" : textColor;
    }
}
