package io.rapport.feedback.internal;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.rapport.collect.EventConsumer;
import io.rapport.collect.MessageType;
import io.rapport.collect.TrackedEvent;
import io.rapport.customer.Identifier;
import io.rapport.feedback.Survey;
import io.rapport.feedback.SurveyInvitations;
import io.rapport.feedback.Trigger;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads the event log for the events that active surveys are triggered by ({@code Order Completed},
 * {@code Ticket Solved} …) and invites the person they were tracked for: the userId, else the anonymousId. The
 * order or ticket the survey is about comes from {@code properties.order_id} and {@code properties.ticket_id}, the
 * language from {@code context.locale}. One order (or ticket, or else message) invites once per survey, so a
 * replayed or re-sent event has no second effect.
 */
@Component
class SurveyTriggers implements EventConsumer {

    /** Order and ticket ids longer than this are not ids: the event still invites, without them. */
    private static final int MAX_ID_LENGTH = 200;

    private final SurveyStore surveys;
    private final InvitationService invitations;

    SurveyTriggers(SurveyStore surveys, InvitationService invitations) {
        this.surveys = surveys;
        this.invitations = invitations;
    }

    @Override
    public String name() {
        return "feedback.survey-triggers";
    }

    @Override
    public void consume(List<TrackedEvent> events) {
        List<Survey> active = surveys.active();
        Set<String> names = active.stream().flatMap(s -> s.definition().triggers().stream())
                .filter(Trigger.Event.class::isInstance).map(t -> ((Trigger.Event) t).event())
                .collect(Collectors.toSet());
        if (names.isEmpty()) {
            return;
        }
        for (TrackedEvent event : events) {
            if (event.type() != MessageType.TRACK || event.event() == null || !names.contains(event.event())) {
                continue;
            }
            String identifier = event.userId() != null ? Identifier.userId(event.userId()).encoded()
                    : event.anonymousId() != null ? Identifier.anonymousId(event.anonymousId()).encoded() : null;
            if (identifier == null) {
                continue;
            }
            ObjectNode payload = event.payload();
            JsonNode properties = payload.path("properties");
            String orderId = id(properties.path("order_id"));
            String ticketId = id(properties.path("ticket_id"));
            String key = orderId != null ? "order|" + orderId : ticketId != null ? "ticket|" + ticketId
                    : "message|" + event.sourceId().value() + "|" + event.messageId();
            JsonNode locale = payload.path("context").path("locale");
            invitations.trigger(active, new SurveyInvitations.Occurrence(event.event(), identifier, event.timestamp(),
                    event.receivedAt(), locale.isString() ? locale.stringValue() : null, orderId, ticketId, key));
        }
    }

    /** A string or integer id (an order's, a ticket's), else nothing. */
    static @Nullable String id(JsonNode value) {
        String text = value.isString() ? value.stringValue().strip() : value.isIntegralNumber() ? value.asString()
                : "";
        return text.isEmpty() || text.length() > MAX_ID_LENGTH ? null : text;
    }
}
