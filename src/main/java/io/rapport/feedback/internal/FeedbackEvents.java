package io.rapport.feedback.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.rapport.collect.EventConsumer;
import io.rapport.collect.MessageType;
import io.rapport.collect.TrackedEvent;
import io.rapport.customer.Identifier;
import io.rapport.feedback.FeedbackItem;
import io.rapport.feedback.TextAnalyzer;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads the event log for product reviews ({@code Product Reviewed}) and other feedback events
 * ({@link #FEEDBACK_EVENTS}) and puts their text into the feedback inbox, a batch at a time: one item per message,
 * so a replayed log changes nothing. Events without text (a rating alone) are left out.
 */
@Component
class FeedbackEvents implements EventConsumer {

    static final String REVIEW_EVENT = "Product Reviewed";
    static final Set<String> FEEDBACK_EVENTS = Set.of("Feedback Submitted", "Feedback Given", "Comment Submitted",
            "Complaint Submitted");
    /** Properties that hold the text, in order of preference; a title goes before the first found. */
    static final List<String> TEXT_PROPERTIES = List.of("review_body", "text", "body", "comment", "feedback",
            "message", "content", "review");
    static final List<String> TITLE_PROPERTIES = List.of("review_title", "title", "subject");
    static final List<String> RATING_PROPERTIES = List.of("rating", "score", "stars", "review_score");
    private static final int MAX_CHANNEL_LENGTH = 20;

    private final FeedbackItems items;

    FeedbackEvents(FeedbackItems items) {
        this.items = items;
    }

    @Override
    public String name() {
        return "feedback.inbox";
    }

    @Override
    public void consume(List<TrackedEvent> events) {
        List<NewFeedback> reviews = new ArrayList<>();
        List<NewFeedback> others = new ArrayList<>();
        for (TrackedEvent event : events) {
            if (event.type() != MessageType.TRACK || event.event() == null) {
                continue;
            }
            boolean review = REVIEW_EVENT.equals(event.event());
            if (!review && !FEEDBACK_EVENTS.contains(event.event())) {
                continue;
            }
            NewFeedback text = feedback(event, review ? FeedbackItem.REVIEW : FeedbackItem.EVENT);
            if (text != null) {
                (review ? reviews : others).add(text);
            }
        }
        if (!reviews.isEmpty()) {
            items.store(FeedbackItem.REVIEW, reviews);
        }
        if (!others.isEmpty()) {
            items.store(FeedbackItem.EVENT, others);
        }
    }

    private static @Nullable NewFeedback feedback(TrackedEvent event, String source) {
        ObjectNode payload = event.payload();
        JsonNode properties = payload.path("properties");
        String body = firstText(properties, TEXT_PROPERTIES);
        if (body == null) {
            return null;
        }
        String title = firstText(properties, TITLE_PROPERTIES);
        String text = title == null ? body : title + "\n" + body;
        if (text.length() > TextAnalyzer.MAX_TEXT_LENGTH) {
            text = text.substring(0, TextAnalyzer.MAX_TEXT_LENGTH);
        }
        String identifier = event.userId() != null ? Identifier.userId(event.userId()).encoded()
                : event.anonymousId() != null ? Identifier.anonymousId(event.anonymousId()).encoded() : null;
        JsonNode context = payload.path("context");
        JsonNode locale = context.path("locale");
        String hint = locale.isString() ? Languages.normalize(locale.stringValue()).map(Languages::language).orElse(null)
                : null;
        String channel = firstText(properties, List.of("channel"));
        if (channel == null) {
            channel = firstText(context, List.of("channel"));
        }
        channel = channel == null || channel.length() > MAX_CHANNEL_LENGTH ? "event" : channel;
        return new NewFeedback(source, event.sourceId().value() + "/" + event.messageId(), identifier, null, null,
                rating(properties), text, hint, channel, SurveyTriggers.id(properties.path("order_id")),
                SurveyTriggers.id(properties.path("ticket_id")), event.timestamp());
    }

    private static @Nullable String firstText(JsonNode node, List<String> names) {
        for (String name : names) {
            JsonNode value = node.path(name);
            if (value.isString() && !value.stringValue().isBlank()) {
                return value.stringValue().strip();
            }
        }
        return null;
    }

    /** A whole-number rating (or a number string) from 0 to 100; anything else is no rating. */
    private static @Nullable Integer rating(JsonNode properties) {
        for (String name : RATING_PROPERTIES) {
            JsonNode value = properties.path(name);
            double rating = value.isNumber() ? value.doubleValue()
                    : value.isString() && value.stringValue().strip().matches("\\d{1,3}")
                    ? Integer.parseInt(value.stringValue().strip()) : Double.NaN;
            if (rating >= 0 && rating <= 100 && rating == Math.rint(rating)) {
                return (int) rating;
            }
        }
        return null;
    }
}
