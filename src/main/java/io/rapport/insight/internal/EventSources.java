package io.rapport.insight.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.rapport.collect.Source;
import io.rapport.collect.SourceType;
import io.rapport.collect.Sources;
import io.rapport.collect.TrackedEvent;
import io.rapport.customer.Channel;
import org.springframework.stereotype.Component;

/**
 * The channel and source name of an event. Sources are looked up once and kept: consumers read thousands of events
 * of a handful of sources. A source renamed later keeps its old name here until restart, as in the roll-ups' past
 * days; a deleted one counts as a server source named by its id.
 */
@Component
class EventSources {

    private record Known(SourceType type, String name) {
    }

    private final Sources sources;
    private final Map<Source.Id, Known> known = new ConcurrentHashMap<>();

    EventSources(Sources sources) {
        this.sources = sources;
    }

    Channel channel(TrackedEvent event) {
        return Channel.of(known(event.sourceId()).type(), event);
    }

    String name(TrackedEvent event) {
        return known(event.sourceId()).name();
    }

    private Known known(Source.Id id) {
        return known.computeIfAbsent(id, key -> sources.find(key).map(s -> new Known(s.type(), s.name()))
                .orElse(new Known(SourceType.SERVER, key.toString())));
    }
}
