package io.rapport.insight;

import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;
import org.jspecify.annotations.Nullable;

/**
 * One step of a funnel: a tracked event by its name, or a page or screen view (by its name, or any when the name is
 * empty); optionally only messages whose top-level property {@code property} equals {@code equals} (compared as
 * text, so {@code 10} matches the number 10 and the string "10").
 */
public record FunnelStep(Kind type, String name, @Nullable String property, @Nullable String equals) {

    /** The longest step, property name or value: the event log's limit for event names. */
    public static final int MAX_TEXT = 200;

    /** The Segment message types a step can be. */
    public enum Kind {
        TRACK, PAGE, SCREEN;

        @JsonValue
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Kind> fromWire(@Nullable String text) {
            if (text == null || text.isBlank()) {
                return Optional.of(TRACK);
            }
            for (Kind kind : values()) {
                if (kind.wire().equals(text.strip().toLowerCase(Locale.ROOT))) {
                    return Optional.of(kind);
                }
            }
            return Optional.empty();
        }
    }

    /** Whether a message of this kind and name (before its property filter) is this step. */
    public boolean matches(Kind kind, String name) {
        return type == kind && (this.name.equals(name) || type != Kind.TRACK && this.name.isEmpty());
    }

    /** What the step is called on charts: the event's name, or "page Checkout", "any screen" … */
    public String label() {
        String base = type == Kind.TRACK ? name : name.isEmpty() ? "any " + type.wire() : type.wire() + " " + name;
        return property == null ? base : base + " where " + property + " = " + equals;
    }
}
