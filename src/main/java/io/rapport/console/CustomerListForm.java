package io.rapport.console;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.rapport.customer.Channel;
import io.rapport.customer.CustomerFilter;
import org.jspecify.annotations.Nullable;

/**
 * The filters of the console's customer list, as the form sends them: a search text, one trait and its value, a
 * channel, and how recently the customer was seen ({@link #SEEN}). The same fields select what the CSV export
 * holds.
 */
record CustomerListForm(String q, String trait, String value, String channel, String seen) {

    /** "Seen in the last …" choices: their parameter value, label and length. */
    static final Map<String, Period> SEEN = periods();

    record Period(String label, Duration length) {
    }

    private static Map<String, Period> periods() {
        Map<String, Period> periods = new LinkedHashMap<>();
        periods.put("1d", new Period("Last 24 hours", Duration.ofDays(1)));
        periods.put("7d", new Period("Last 7 days", Duration.ofDays(7)));
        periods.put("30d", new Period("Last 30 days", Duration.ofDays(30)));
        periods.put("90d", new Period("Last 90 days", Duration.ofDays(90)));
        periods.put("365d", new Period("Last 12 months", Duration.ofDays(365)));
        return periods;
    }

    CustomerListForm(@Nullable String q, @Nullable String trait, @Nullable String value, @Nullable String channel,
            @Nullable String seen) {
        this.q = q == null ? "" : q.strip();
        this.trait = trait == null ? "" : trait.strip();
        this.value = value == null ? "" : value.strip();
        this.channel = channel == null ? "" : channel.strip();
        this.seen = seen == null ? "" : seen.strip();
    }

    /** What is wrong with the filters, in words for the person who typed them; empty when they can be used. */
    Optional<String> problem() {
        if (q.length() == 1 || q.length() > 200) {
            return Optional.of("Search for 2 to 200 characters of a name, an email, a phone number or an id.");
        }
        if (trait.isEmpty() != value.isEmpty()) {
            return Optional.of(trait.isEmpty() ? "Name the trait to compare “" + value + "” with, e.g. plan."
                    : "Give the value the trait “" + trait + "” should have, e.g. gold.");
        }
        if (trait.length() > CustomerFilter.MAX_TRAIT_NAME_LENGTH || value.length() > CustomerFilter.MAX_TRAIT_VALUE_LENGTH) {
            return Optional.of("Trait names have at most " + CustomerFilter.MAX_TRAIT_NAME_LENGTH
                    + " characters, and values longer than " + CustomerFilter.MAX_TRAIT_VALUE_LENGTH
                    + " characters are not compared.");
        }
        if (!channel.isEmpty() && channelOf(channel) == null) {
            return Optional.of("Choose a channel from the list.");
        }
        if (!seen.isEmpty() && !SEEN.containsKey(seen)) {
            return Optional.of("Choose how recently the customers were seen from the list.");
        }
        return Optional.empty();
    }

    public boolean filtered() {
        return !(q.isEmpty() && trait.isEmpty() && channel.isEmpty() && seen.isEmpty());
    }

    /** The filter of a form without a {@link #problem()}. */
    CustomerFilter filter(Instant now) {
        Period period = SEEN.get(seen);
        return new CustomerFilter(q.isEmpty() ? null : q, List.of(), trait.isEmpty() ? Map.of() : Map.of(trait, value),
                period == null ? null : now.minus(period.length()), null, channelOf(channel), Map.of());
    }

    /** A link to {@code path} with these filters (and more parameters, e.g. a cursor). */
    String link(String path, Map<String, String> more) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("q", q);
        fields.put("trait", trait);
        fields.put("value", value);
        fields.put("channel", channel);
        fields.put("seen", seen);
        fields.putAll(more);
        return QueryLinks.of(path, fields);
    }

    private static @Nullable Channel channelOf(String name) {
        for (Channel channel : Channel.values()) {
            if (channel.name().equalsIgnoreCase(name)) {
                return channel;
            }
        }
        return null;
    }
}
