package io.rapport.console;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/** Instants as people read them on a console page: UTC, to the second, and how long ago. */
final class Times {

    private static final DateTimeFormatter FULL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private Times() {
    }

    /** {@code 2026-11-25 08:03:12 UTC}, or an empty string for no instant. */
    static String full(@Nullable Instant instant) {
        return instant == null ? "" : FULL.format(instant);
    }

    /** {@code 08:03:12}, the time of day in UTC. */
    static String clock(Instant instant) {
        return CLOCK.format(instant);
    }

    /** {@code just now}, {@code 5 min ago}, {@code 3 h ago}, {@code 2 days ago}, or {@code in 4 h}. */
    static String relative(Instant instant, Instant now) {
        Duration age = Duration.between(instant, now);
        if (age.isNegative()) {
            Duration ahead = age.negated();
            return ahead.toMinutes() < 1 ? "just now" : "in " + amount(ahead);
        }
        return age.toSeconds() < 10 ? "just now" : amount(age) + " ago";
    }

    /** How long something has waited: {@code 0.4 s}, {@code 12 s}, {@code 3 min} … */
    static String waited(Duration d) {
        return d.toSeconds() < 10 ? String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0) : amount(d);
    }

    private static String amount(Duration d) {
        if (d.toMinutes() < 1) {
            return d.toSeconds() + " s";
        }
        if (d.toHours() < 1) {
            return d.toMinutes() + " min";
        }
        if (d.toDays() < 2) {
            return d.toHours() + " h";
        }
        return d.toDays() + " days";
    }
}
