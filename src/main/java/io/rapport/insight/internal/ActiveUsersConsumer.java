package io.rapport.insight.internal;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.rapport.collect.EventConsumer;
import io.rapport.collect.MessageType;
import io.rapport.collect.Source;
import io.rapport.collect.SourceType;
import io.rapport.collect.Sources;
import io.rapport.collect.TrackedEvent;
import io.rapport.customer.Channel;
import io.rapport.customer.Identifier;
import org.springframework.stereotype.Component;

/**
 * Keeps who was active when, straight from the event log: a track, page, screen or identify message makes its person
 * (the user id, else the anonymous id, as an {@link Identifier}) active on the UTC day of its timestamp, in that
 * day's ISO week and month, overall and in the message's channel ({@link Channel#of}). A batch is read as the set of
 * its distinct periods; the persons' stored periods are read in one go, and only periods not stored yet change the
 * counts ({@link ActivityChanges}). The checkpoint moves with these rows, so a batch counts exactly once.
 */
@Component
class ActiveUsersConsumer implements EventConsumer {

    private static final Set<MessageType> ACTIVITY = Set.of(MessageType.TRACK, MessageType.PAGE, MessageType.SCREEN,
            MessageType.IDENTIFY);

    private final ActivityRollups rollups;
    private final Sources sources;
    /** A source's type never changes, so it is asked for once. */
    private final Map<Source.Id, SourceType> sourceTypes = new ConcurrentHashMap<>();

    ActiveUsersConsumer(ActivityRollups rollups, Sources sources) {
        this.rollups = rollups;
        this.sources = sources;
    }

    @Override
    public String name() {
        return "insight.activity";
    }

    @Override
    public Lane lane() {
        return Lane.ROLLUPS;
    }

    @Override
    public void consume(List<TrackedEvent> events) {
        Set<ActivityChanges.Period> periods = new LinkedHashSet<>();
        Set<String> persons = new LinkedHashSet<>();
        LocalDate firstDay = LocalDate.MAX;
        LocalDate lastDay = LocalDate.MIN;
        for (TrackedEvent event : events) {
            String person = event.userId() != null ? Identifier.userId(event.userId()).encoded()
                    : event.anonymousId() != null ? Identifier.anonymousId(event.anonymousId()).encoded() : "";
            if (!ACTIVITY.contains(event.type()) || person.isEmpty() || person.length() > Identifier.MAX_ENCODED_LENGTH) {
                continue;
            }
            LocalDate day = LocalDate.ofInstant(event.timestamp(), ZoneOffset.UTC);
            periods.addAll(ActivityChanges.periodsOf(person, Channel.of(sourceType(event.sourceId()), event), day));
            persons.add(person);
            firstDay = day.isBefore(firstDay) ? day : firstDay;
            lastDay = day.isAfter(lastDay) ? day : lastDay;
        }
        if (periods.isEmpty()) {
            return;
        }
        Map<ActivityChanges.Series, NavigableSet<LocalDate>> stored = rollups.stored(persons, firstDay, lastDay);
        rollups.insert(ActivityChanges.unstored(stored, periods));
        rollups.apply(ActivityChanges.adding(stored, periods));
    }

    private SourceType sourceType(Source.Id id) {
        return sourceTypes.computeIfAbsent(id, key -> sources.find(key).map(Source::type).orElse(SourceType.SERVER));
    }
}
