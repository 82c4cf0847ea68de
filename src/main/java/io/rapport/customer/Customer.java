package io.rapport.customer;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * One person as Rapport knows them: every identifier they were seen with, their traits (the newest value of
 * each, with when it was set), and their touchpoints per channel, most used first.
 */
public record Customer(Id id, Instant createdAt, List<Identity> identities, Map<String, Trait> traits,
        List<ChannelActivity> channels) {

    public record Id(@JsonValue UUID value) {

        @Override
        public String toString() {
            return value.toString();
        }
    }

    public record Identity(Identifier.Type type, String value, Instant firstSeen) {
    }

    public record ChannelActivity(Channel channel, long events, Instant firstSeen, Instant lastSeen) {
    }

    /** A trait's value as JSON, and the time of the message that set it. */
    public record Trait(@JsonRawValue String value, Instant setAt) {
    }
}
