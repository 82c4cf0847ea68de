package io.rapport.customer.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.rapport.collect.EventLog;
import io.rapport.collect.TrackedEvent;
import io.rapport.customer.Identifier;
import io.rapport.customer.TimelineEntry;
import io.rapport.customer.TimelineSource;
import org.springframework.stereotype.Component;

/** The person's messages from the event log, at their (clock-skew corrected) timestamps; the key is their seq. */
@Component
class EventTimeline implements TimelineSource {

    private final EventLog eventLog;

    EventTimeline(EventLog eventLog) {
        this.eventLog = eventLog;
    }

    @Override
    public String name() {
        return "events";
    }

    @Override
    public List<TimelineEntry> entries(Collection<Identifier> identifiers, Before before, int limit) {
        List<String> userIds = new ArrayList<>();
        List<String> anonymousIds = new ArrayList<>();
        for (Identifier identifier : identifiers) {
            switch (identifier.type()) {
                case USER_ID -> userIds.add(identifier.value());
                case ANONYMOUS_ID -> anonymousIds.add(identifier.value());
                default -> { }
            }
        }
        return eventLog.ofIdentities(userIds, anonymousIds, before.at(), before.key(), limit).stream()
                .map(this::entry).toList();
    }

    private TimelineEntry entry(TrackedEvent event) {
        String subject = event.subject(event.payload());
        String type = event.type().wireName();
        return new TimelineEntry(name(), event.seq(), event.timestamp(), type, subject.isBlank() ? type : subject,
                null, event.json());
    }
}
