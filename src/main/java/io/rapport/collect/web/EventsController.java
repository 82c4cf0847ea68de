package io.rapport.collect.web;

import java.util.Locale;
import java.util.UUID;

import io.rapport.collect.EventLog;
import io.rapport.collect.EventQuery;
import io.rapport.collect.FailedEvent;
import io.rapport.collect.FailedEvents;
import io.rapport.collect.MessageType;
import io.rapport.collect.Page;
import io.rapport.collect.Source;
import io.rapport.collect.TrackedEvent;
import io.rapport.platform.ApiProblem;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Reads the event log and the failed events, newest first, with cursor pagination. */
@RestController
@PreAuthorize("hasAnyRole('ANALYST', 'MARKETER')")
class EventsController {

    private final EventLog eventLog;
    private final FailedEvents failedEvents;

    EventsController(EventLog eventLog, FailedEvents failedEvents) {
        this.eventLog = eventLog;
        this.failedEvents = failedEvents;
    }

    @GetMapping("/api/v1/events")
    Page<TrackedEvent> events(@RequestParam(required = false) @Nullable UUID source,
            @RequestParam(required = false) @Nullable String type,
            @RequestParam(required = false) @Nullable String userId,
            @RequestParam(required = false) @Nullable String anonymousId,
            @RequestParam(defaultValue = "50") int limit,
            @RequestParam(required = false) @Nullable String cursor) {
        MessageType messageType = type == null ? null : MessageType.fromWire(type.toLowerCase(Locale.ROOT))
                .orElseThrow(() -> ApiProblem.invalidField("type",
                        "type must be one of track, identify, page, screen, group, alias."));
        return eventLog.find(new EventQuery(source == null ? null : new Source.Id(source), messageType, userId,
                anonymousId, limit, cursor));
    }

    @GetMapping("/api/v1/failed-events")
    Page<FailedEvent> failed(@RequestParam(required = false) @Nullable UUID source,
            @RequestParam(defaultValue = "50") int limit,
            @RequestParam(required = false) @Nullable String cursor) {
        return failedEvents.find(source == null ? null : new Source.Id(source), limit, cursor);
    }
}
