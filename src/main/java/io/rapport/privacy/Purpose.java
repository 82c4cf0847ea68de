package io.rapport.privacy;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a customer consents to (or not). The wire name is the lower-case name, e.g. {@code marketing_email}. */
public enum Purpose {
    /** Measuring use: dashboards, funnels, metrics. */
    ANALYTICS,
    /** Recommendations and offers chosen for the person. */
    PERSONALIZATION,
    /** Marketing messages by email. */
    MARKETING_EMAIL,
    /** Marketing messages by SMS. */
    MARKETING_SMS,
    /** Marketing messages as push notifications. */
    MARKETING_PUSH,
    /** Invitations to surveys. */
    SURVEYS;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Purpose> fromWire(String name) {
        return Arrays.stream(values()).filter(p -> p.wireName().equals(name)).findFirst();
    }

    /** The wire names, comma-separated: for error messages. */
    public static String names() {
        return Arrays.stream(values()).map(Purpose::wireName).collect(Collectors.joining(", "));
    }
}
