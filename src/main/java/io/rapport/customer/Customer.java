package io.rapport.customer;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.annotation.JsonValue;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * One person as Rapport knows them: every identifier they were seen with, their traits (the newest value of
 * each, with when it was set), and their touchpoints per channel, most used first.
 */
public record Customer(Id id, Instant createdAt, List<Identity> identities, Map<String, Trait> traits,
        List<ChannelActivity> channels) {

    /**
     * How to call the customer in a list: the name traits, else an email, else a user id, else "Anonymous visitor".
     */
    public static String displayName(Customer customer) {
        String first = text(customer.traits().get("firstName"));
        String last = text(customer.traits().get("lastName"));
        String full = text(customer.traits().get("name"));
        if (!first.isEmpty() || !last.isEmpty()) {
            return (first + " " + last).strip();
        }
        if (!full.isEmpty()) {
            return full;
        }
        for (Identifier.Type type : List.of(Identifier.Type.EMAIL, Identifier.Type.USER_ID)) {
            for (Identity identity : customer.identities()) {
                if (identity.type() == type) {
                    return identity.value();
                }
            }
        }
        return "Anonymous visitor";
    }

    /** A trait that holds a JSON string, as plain text; empty for anything else. */
    private static String text(@Nullable Trait trait) {
        if (trait == null || !trait.value().startsWith("\"")) {
            return "";
        }
        return JsonMapper.shared().readTree(trait.value()).asString("").strip();
    }

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

    /** Activity over all channels: the first and last event (none before the first) and how many there were. */
    public record Seen(@Nullable Instant first, @Nullable Instant last, long events) {

        public static Seen of(List<ChannelActivity> channels) {
            Instant first = null;
            Instant last = null;
            long events = 0;
            for (ChannelActivity channel : channels) {
                first = first == null || channel.firstSeen().isBefore(first) ? channel.firstSeen() : first;
                last = last == null || channel.lastSeen().isAfter(last) ? channel.lastSeen() : last;
                events += channel.events();
            }
            return new Seen(first, last, events);
        }

        /** Both together: the earlier first, the later last, the events of both. */
        public Seen plus(Seen other) {
            return new Seen(first == null || other.first != null && other.first.isBefore(first) ? other.first : first,
                    last == null || other.last != null && other.last.isAfter(last) ? other.last : last,
                    events + other.events);
        }
    }

    /** A trait's value as JSON, and the time of the message that set it. */
    public record Trait(@JsonRawValue String value, Instant setAt) {
    }
}
