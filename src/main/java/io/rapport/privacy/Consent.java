package io.rapport.privacy;

import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/** A customer's answer for one purpose, when it was given and through which way. */
public record Consent(Purpose purpose, Status status, Source source, Instant setAt) {

    public enum Status {
        GRANTED, DENIED, REVOKED;

        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Status> fromWire(String name) {
            return Arrays.stream(values()).filter(s -> s.wireName().equals(name)).findFirst();
        }

        /** Whether the purpose may be pursued: only after an explicit grant. */
        public boolean allows() {
            return this == GRANTED;
        }
    }

    /** Where the answer came from: the REST API, the console, or a tracked {@code Consent Updated} event. */
    public enum Source {
        API, CONSOLE, EVENT,
        /** The person followed the unsubscribe link of a mail. */
        EMAIL;

        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
