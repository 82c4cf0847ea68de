package io.rapport.console;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

import io.rapport.collect.EventLog;
import io.rapport.collect.EventQuery;
import io.rapport.collect.FailedEvent;
import io.rapport.collect.FailedEvents;
import io.rapport.collect.MessageType;
import io.rapport.collect.Page;
import io.rapport.collect.Source;
import io.rapport.collect.Sources;
import io.rapport.collect.TrackedEvent;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The live event debugger of one source: its newest events as they arrive, each with its whole message, and
 * the messages Rapport refused with the reason. The lists are htmx fragments that the page reloads; "Show older"
 * appends the next page below them, after which the page stops reloading the list so the older rows stay.
 */
@Controller
@RequestMapping("/console/sources/{id}/debugger")
@PreAuthorize("hasAnyRole('ANALYST', 'MARKETER')")
class DebuggerPage {

    static final int SHOWN = 50;

    private final Sources sources;
    private final EventLog eventLog;
    private final FailedEvents failedEvents;
    private final JsonMapper json;
    private final ObjectWriter pretty;
    private final Clock clock;

    DebuggerPage(Sources sources, EventLog eventLog, FailedEvents failedEvents, JsonMapper json, Clock clock) {
        this.sources = sources;
        this.eventLog = eventLog;
        this.failedEvents = failedEvents;
        this.json = json;
        this.pretty = json.writerWithDefaultPrettyPrinter();
        this.clock = clock;
    }

    record EventRow(long seq, String time, String ago, String type, String name, String who, String whoKind,
            String messageId, String json) {
    }

    record FailedRow(long id, String time, String ago, String field, String reason, String payload) {
    }

    @GetMapping
    String page(@PathVariable UUID id, @RequestParam(defaultValue = "events") String tab,
            @RequestParam(defaultValue = "") String type, Model model) {
        Source source = sources.get(new Source.Id(id));
        model.addAttribute("source", source);
        model.addAttribute("tab", "failed".equals(tab) ? "failed" : "events");
        model.addAttribute("types", Arrays.stream(MessageType.values()).map(MessageType::wireName).toList());
        if ("failed".equals(tab)) {
            failedPage(id, null, model);
        } else {
            eventsPage(id, type, null, model);
        }
        return "console/debugger";
    }

    @GetMapping("/events")
    String events(@PathVariable UUID id, @RequestParam(defaultValue = "") String type, Model model) {
        eventsPage(id, type, null, model);
        return "console/debugger :: events";
    }

    /** The page of events below the cursor {@code before}: rows to append to the list, and the next button. */
    @GetMapping("/events/older")
    String olderEvents(@PathVariable UUID id, @RequestParam(defaultValue = "") String type,
            @RequestParam String before, Model model) {
        eventsPage(id, type, before, model);
        return "console/debugger :: older-events";
    }

    @GetMapping("/failed")
    String failed(@PathVariable UUID id, Model model) {
        failedPage(id, null, model);
        return "console/debugger :: failed";
    }

    @GetMapping("/failed/older")
    String olderFailed(@PathVariable UUID id, @RequestParam String before, Model model) {
        failedPage(id, before, model);
        return "console/debugger :: older-failed";
    }

    private void eventsPage(UUID id, String type, @Nullable String before, Model model) {
        MessageType filter = MessageType.fromWire(type).orElse(null);
        Instant now = clock.instant();
        Page<TrackedEvent> page = eventLog.find(
                new EventQuery(new Source.Id(id), filter, null, null, SHOWN, before));
        model.addAttribute("events", page.items().stream().map(e -> row(e, now)).toList());
        model.addAttribute("next", page.next());
        model.addAttribute("paged", before != null);
        model.addAttribute("sourceId", id);
        model.addAttribute("shown", SHOWN);
        model.addAttribute("type", filter == null ? "" : filter.wireName());
        model.addAttribute("refreshedAt", Times.clock(now));
    }

    private void failedPage(UUID id, @Nullable String before, Model model) {
        Instant now = clock.instant();
        Page<FailedEvent> page = failedEvents.find(new Source.Id(id), SHOWN, before);
        model.addAttribute("failed", page.items().stream().map(f -> row(f, now)).toList());
        model.addAttribute("next", page.next());
        model.addAttribute("paged", before != null);
        model.addAttribute("sourceId", id);
        model.addAttribute("shown", SHOWN);
        model.addAttribute("refreshedAt", Times.clock(now));
    }

    private EventRow row(TrackedEvent e, Instant now) {
        boolean known = e.userId() != null;
        ObjectNode payload = e.payload();
        return new EventRow(e.seq(), Times.full(e.receivedAt()), Times.relative(e.receivedAt(), now),
                e.type().wireName(), e.subject(payload), known ? e.userId() : String.valueOf(e.anonymousId()),
                known ? "userId" : "anonymousId", e.messageId(), pretty.writeValueAsString(payload));
    }

    private FailedRow row(FailedEvent f, Instant now) {
        return new FailedRow(f.id(), Times.full(f.receivedAt()), Times.relative(f.receivedAt(), now),
                f.field() == null ? "" : f.field(), f.reason(), prettyOrRaw(f.payload()));
    }

    /** A refused payload may not even be JSON; it is shown as it came when it cannot be parsed. */
    private String prettyOrRaw(String payload) {
        try {
            JsonNode tree = json.readTree(payload);
            return tree == null || tree.isMissingNode() ? payload : pretty.writeValueAsString(tree);
        } catch (JacksonException e) {
            return payload;
        }
    }
}
