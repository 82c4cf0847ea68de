package io.rapport.feedback.web;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

import io.rapport.collect.Page;
import io.rapport.feedback.FeedbackFilter;
import io.rapport.feedback.FeedbackInbox;
import io.rapport.feedback.FeedbackItem;
import io.rapport.feedback.FeedbackSummary;
import io.rapport.feedback.SuggestedTopic;
import io.rapport.feedback.TopicRule;
import io.rapport.feedback.TopicRules;
import io.rapport.platform.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The feedback inbox: every analysed text, its counts, and the topic rules. Analysts, marketers and agents read;
 * analysts (and admins) edit the rules. See docs/feedback-inbox.md.
 */
@RestController
@RequestMapping("/api/v1/feedback")
@PreAuthorize("hasAnyRole('ANALYST', 'MARKETER', 'AGENT')")
@Tag(name = "Feedback", description = "The feedback inbox and its topic rules; see docs/feedback-inbox.md")
class FeedbackController {

    private final FeedbackInbox inbox;
    private final TopicRules topics;

    FeedbackController(FeedbackInbox inbox, TopicRules topics) {
        this.inbox = inbox;
        this.topics = topics;
    }

    @GetMapping
    @Operation(summary = "Analysed texts newest first, filtered; from inclusive, to exclusive (ISO instants)")
    Page<FeedbackItem> list(@RequestParam(required = false) @Nullable String language,
            @RequestParam(required = false) @Nullable String sentiment,
            @RequestParam(required = false) @Nullable String topic,
            @RequestParam(required = false) @Nullable String source,
            @RequestParam(required = false) @Nullable UUID surveyId,
            @RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable String q,
            @Parameter(description = "1 to 1,000") @RequestParam(defaultValue = "50") int limit,
            @RequestParam(required = false) @Nullable String cursor) {
        return inbox.find(filter(language, sentiment, topic, source, surveyId, from, to, q), limit, cursor);
    }

    @GetMapping("/summary")
    @Operation(summary = "Counts of the filtered texts per UTC day and sentiment, per topic and per language")
    FeedbackSummary summary(@RequestParam(required = false) @Nullable String language,
            @RequestParam(required = false) @Nullable String sentiment,
            @RequestParam(required = false) @Nullable String topic,
            @RequestParam(required = false) @Nullable String source,
            @RequestParam(required = false) @Nullable UUID surveyId,
            @RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable String q) {
        return inbox.summary(filter(language, sentiment, topic, source, surveyId, from, to, q));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One analysed text")
    FeedbackItem get(@PathVariable UUID id) {
        return inbox.get(id).orElseThrow(() -> ApiProblem.notFound("No feedback item has the id " + id + "."));
    }

    record RuleSet(List<TopicRules.Draft> rules) {
    }

    record RulesAnswer(List<TopicRule> rules, boolean edited, long version,
            @Nullable Instant updatedAt, TopicRules.Reread reread) {
    }

    @GetMapping("/topics")
    @Operation(summary = "The topic rules in use (Rapport's defaults until edited) and the re-read of stored texts")
    RulesAnswer rules() {
        return answer(topics.current());
    }

    @PutMapping("/topics")
    @PreAuthorize("hasRole('ANALYST')")
    @Operation(summary = "Replace the whole set of topic rules; stored texts are then re-read in the background")
    RulesAnswer replace(@RequestBody RuleSet body) {
        if (body == null || body.rules() == null) {
            throw ApiProblem.invalidField("rules", "Give the whole set of rules as {\"rules\": [...]}.");
        }
        return answer(topics.replace(body.rules()));
    }

    @GetMapping("/topics/suggestions")
    @Operation(summary = "Recurring phrases of the stored texts of one language that no topic rule covers")
    List<SuggestedTopic> suggestions(@RequestParam(required = false) @Nullable String language,
            @RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to) {
        if (language == null || language.isBlank()) {
            throw ApiProblem.invalidField("language", "Give the language of the texts, such as language=pt.");
        }
        Instant start = instant("from", from);
        Instant end = instant("to", to);
        return topics.suggestions(language.strip(), start, end);
    }

    private RulesAnswer answer(TopicRules.Current current) {
        return new RulesAnswer(current.rules(), current.edited(), current.version(), current.updatedAt(),
                topics.reread());
    }

    private static FeedbackFilter filter(@Nullable String language, @Nullable String sentiment, @Nullable String topic,
            @Nullable String source, @Nullable UUID surveyId, @Nullable String from, @Nullable String to,
            @Nullable String q) {
        return new FeedbackFilter(language, FeedbackFilter.sentiment(sentiment), topic, source, surveyId,
                instant("from", from), instant("to", to), q);
    }

    private static @Nullable Instant instant(String field, @Nullable String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw ApiProblem.invalidField(field, field + " is an ISO-8601 instant such as 2026-06-01T00:00:00Z, not '"
                    + text + "'.");
        }
    }
}
