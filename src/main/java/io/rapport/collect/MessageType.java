package io.rapport.collect;

import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/** The six Segment spec calls. */
public enum MessageType {
    TRACK, IDENTIFY, PAGE, SCREEN, GROUP, ALIAS;

    /** The name on the wire: {@code "track"}, {@code "identify"} … */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<MessageType> fromWire(String name) {
        for (MessageType type : values()) {
            if (type.wireName().equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
