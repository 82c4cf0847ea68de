package io.rapport.feedback;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a follow-up case is: open until someone reaches the customer, then contacted, then resolved. */
public enum CaseStatus {
    /** Waiting for its owner to reach the customer. */
    OPEN,
    /** The customer was reached (an email from the case, or a call noted by setting this status). */
    CONTACTED,
    /** Closed; it can be reopened. */
    RESOLVED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<CaseStatus> fromWire(String value) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(value.strip().toLowerCase(Locale.ROOT)))
                .findFirst();
    }

    /** The statuses a case in this one may move to: open → contacted → resolved, open → resolved, resolved → open. */
    public Set<CaseStatus> next() {
        return switch (this) {
            case OPEN -> Set.of(CONTACTED, RESOLVED);
            case CONTACTED -> Set.of(RESOLVED);
            case RESOLVED -> Set.of(OPEN);
        };
    }
}
