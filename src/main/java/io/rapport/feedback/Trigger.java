package io.rapport.feedback;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * What brings a survey to a person: a tracked event (with a delay in days), or a visit to a page. A help desk's
 * solved ticket is the tracked event {@code Ticket Solved}. Manual sends need no trigger.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({@JsonSubTypes.Type(value = Trigger.Event.class, name = "event"),
        @JsonSubTypes.Type(value = Trigger.Page.class, name = "page")})
public sealed interface Trigger {

    /**
     * Each {@code event} tracked for a person (e.g. {@code Order Completed}) invites them {@code delayDays} after
     * it happened, through {@code channel} ({@code web}: the widget offers it on their next visit).
     */
    record Event(String event, Integer delayDays, String channel) implements Trigger {

        /** Left out of the JSON: no delay, on the web. */
        public Event {
            delayDays = delayDays == null ? 0 : delayDays;
            channel = channel == null ? SurveyInvitations.WEB : channel;
        }
    }

    /**
     * A page whose URL matches {@code urlPattern}: {@code *} stands for any characters; a pattern starting with
     * {@code /} is matched against the URL's path (and its query, if the pattern has a {@code ?}), any other against
     * the whole URL without its fragment. Offered by the widget on that page.
     */
    record Page(String urlPattern) implements Trigger {
    }
}
