package io.rapport.customer.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import io.rapport.collect.EventConsumer;
import io.rapport.collect.Source;
import io.rapport.collect.SourceType;
import io.rapport.collect.Sources;
import io.rapport.collect.TrackedEvent;
import io.rapport.customer.Channel;
import io.rapport.customer.Customer;
import io.rapport.customer.Identifier;
import io.rapport.platform.Timestamps;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Counts each identifier's touchpoints per channel, with the first and last time: a customer's channel mix, and
 * the computed attributes of the directory (first and last seen, events, channels).
 */
@Component
class ActivityProjector implements EventConsumer {

    private final JdbcTemplate batch;
    private final Sources sources;
    private final DirectoryRefresh directory;
    /** A source's type never changes, so it is asked for once. */
    private final Map<Source.Id, SourceType> sourceTypes = new ConcurrentHashMap<>();

    ActivityProjector(JdbcTemplate batch, Sources sources, DirectoryRefresh directory) {
        this.batch = batch;
        this.sources = sources;
        this.directory = directory;
    }

    private record Key(String identifier, Channel channel) implements Comparable<Key> {
        @Override
        public int compareTo(Key other) {
            int byIdentifier = identifier.compareTo(other.identifier);
            return byIdentifier != 0 ? byIdentifier : channel.compareTo(other.channel);
        }
    }

    private record Tally(long events, Instant first, Instant last) {
        Tally plus(Tally other) {
            return new Tally(events + other.events, first.isBefore(other.first) ? first : other.first,
                    last.isAfter(other.last) ? last : other.last);
        }
    }

    @Override
    public String name() {
        return "customer.activity";
    }

    @Override
    public void consume(List<TrackedEvent> events) {
        Map<Key, Tally> tallies = new TreeMap<>();
        for (TrackedEvent event : events) {
            // The main identifier is the one identity resolution links everything else of the message to.
            String identifier = event.userId() != null ? Identifier.userId(event.userId()).encoded()
                    : Identifier.anonymousId(event.anonymousId()).encoded();
            if (identifier.length() > Identifier.MAX_ENCODED_LENGTH) {
                continue;
            }
            Channel channel = Channel.of(sourceType(event.sourceId()), event);
            tallies.merge(new Key(identifier, channel), new Tally(1, event.timestamp(), event.timestamp()), Tally::plus);
        }
        // One batch of updates; the rows it did not find are inserted in a second batch.
        List<Map.Entry<Key, Tally>> rows = new ArrayList<>(tallies.entrySet());
        int[] updated = batch.batchUpdate("""
                update customer_activity set events = events + ?, first_seen = least(first_seen, ?),
                       last_seen = greatest(last_seen, ?)
                where identifier = ? and channel = ?""", rows.stream().map(row -> new Object[] {row.getValue().events(),
                Timestamps.of(row.getValue().first()), Timestamps.of(row.getValue().last()), row.getKey().identifier(),
                row.getKey().channel().name()}).toList());
        List<Object[]> inserts = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (updated[i] == 0) {
                Key key = rows.get(i).getKey();
                Tally tally = rows.get(i).getValue();
                inserts.add(new Object[] {key.identifier(), key.channel().name(), tally.events(),
                        Timestamps.of(tally.first()), Timestamps.of(tally.last())});
            }
        }
        batch.batchUpdate("""
                insert into customer_activity (identifier, channel, events, first_seen, last_seen)
                values (?, ?, ?, ?, ?)""", inserts);
        Map<String, List<Customer.ChannelActivity>> added = new HashMap<>();
        tallies.forEach((key, tally) -> added.computeIfAbsent(key.identifier(), identifier -> new ArrayList<>())
                .add(new Customer.ChannelActivity(key.channel(), tally.events(), tally.first(), tally.last())));
        directory.activityAdded(added);
    }

    private SourceType sourceType(Source.Id id) {
        return sourceTypes.computeIfAbsent(id, key -> sources.find(key).map(Source::type).orElse(SourceType.SERVER));
    }
}
