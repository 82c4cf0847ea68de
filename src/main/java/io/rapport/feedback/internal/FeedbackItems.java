package io.rapport.feedback.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import io.rapport.collect.Cursors;
import io.rapport.collect.Page;
import io.rapport.feedback.FeedbackFilter;
import io.rapport.feedback.FeedbackInbox;
import io.rapport.feedback.FeedbackItem;
import io.rapport.feedback.FeedbackReceived;
import io.rapport.feedback.FeedbackSummary;
import io.rapport.feedback.TextAnalysis;
import io.rapport.feedback.TextAnalyzer;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The feedback inbox: texts are analysed, upserted by (source, source id) and each new or changed item is published
 * as a {@link FeedbackReceived} inside the transaction that stores it. Storing what is already stored changes nothing.
 */
@Service
class FeedbackItems implements FeedbackInbox {

    /** Batches at least this large are analysed on all cores; smaller ones are not worth the hand-over. */
    private static final int PARALLEL_FROM = 16;
    private static final int EXPORT_PAGE = 500;

    private final InboxStore store;
    private final TextAnalyzer analyzer;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    FeedbackItems(InboxStore store, TextAnalyzer analyzer, ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.analyzer = analyzer;
        this.events = events;
        this.clock = clock;
    }

    /** Analyses and stores texts of one source (the last of equal source ids wins); answers how many changed. */
    @Transactional
    public int store(String source, List<NewFeedback> texts) {
        Map<String, NewFeedback> latest = new LinkedHashMap<>();
        texts.forEach(t -> latest.put(t.sourceId(), t));
        List<NewFeedback> unique = List.copyOf(latest.values());
        Map<String, InboxStore.Stored> existing = store.lock(source, latest.keySet());
        // A stored text keeps its reading (the re-read after a rule change renews it): replays cost no analysis.
        List<TextAnalysis> analyses = (unique.size() >= PARALLEL_FROM ? unique.parallelStream() : unique.stream())
                .map(t -> {
                    InboxStore.Stored before = existing.get(t.sourceId());
                    return before != null && before.item().text().equals(t.text()) ? before.item().analysis()
                            : analyzer.analyze(t.text(), t.languageHint());
                }).toList();
        Instant now = clock.instant();
        List<FeedbackItem> inserted = new ArrayList<>();
        List<FeedbackItem> updated = new ArrayList<>();
        for (int i = 0; i < unique.size(); i++) {
            NewFeedback text = unique.get(i);
            InboxStore.Stored before = existing.get(text.sourceId());
            if (before == null) {
                inserted.add(item(UUID.randomUUID(), text, analyses.get(i), text.receivedAt(), now));
                continue;
            }
            // An item keeps the time it first arrived: a comment edited later stays where it was in the inbox.
            FeedbackItem item = item(before.item().id(), text, analyses.get(i), before.item().receivedAt(), now);
            if (!sameContent(before.item(), item)) {
                updated.add(item);
            }
        }
        store.insert(inserted);
        store.update(updated);
        inserted.forEach(item -> events.publishEvent(item.received()));
        updated.forEach(item -> events.publishEvent(item.received()));
        return inserted.size() + updated.size();
    }

    /** Stores the items as re-read (same ids), publishing each. */
    @Transactional
    public void replace(List<FeedbackItem> items) {
        store.update(items);
        items.forEach(item -> events.publishEvent(item.received()));
    }

    private static FeedbackItem item(UUID id, NewFeedback text, TextAnalysis analysis, Instant receivedAt,
            Instant now) {
        return new FeedbackItem(id, text.source(), text.sourceId(), text.identifier(), text.surveyId(),
                text.surveyType(), text.score(), text.text(), analysis, text.channel(), text.orderId(), text.ticketId(),
                receivedAt.truncatedTo(ChronoUnit.MICROS), now);
    }

    /** Equal but for when it was analysed (times are stored to the microsecond). */
    static boolean sameContent(FeedbackItem a, FeedbackItem b) {
        return Objects.equals(a.identifier(), b.identifier()) && Objects.equals(a.surveyId(), b.surveyId())
                && a.surveyType() == b.surveyType() && Objects.equals(a.score(), b.score()) && a.text().equals(b.text())
                && a.analysis().equals(b.analysis()) && a.channel().equals(b.channel())
                && Objects.equals(a.orderId(), b.orderId()) && Objects.equals(a.ticketId(), b.ticketId())
                && a.receivedAt().equals(b.receivedAt());
    }

    @Override
    public Page<FeedbackItem> find(FeedbackFilter filter, int limit, @Nullable String cursor) {
        return store.find(filter, Cursors.limit(limit), cursor);
    }

    @Override
    public Optional<FeedbackItem> get(UUID id) {
        return store.get(id);
    }

    @Override
    public Map<String, FeedbackItem> ofSources(String source, Collection<String> sourceIds) {
        Map<String, FeedbackItem> items = new HashMap<>();
        store.read(source, sourceIds).forEach((sourceId, stored) -> items.put(sourceId, stored.item()));
        return items;
    }

    @Override
    public FeedbackSummary summary(FeedbackFilter filter) {
        return store.summary(filter);
    }

    @Override
    public void forEach(FeedbackFilter filter, Consumer<FeedbackItem> action) {
        store.forEach(filter, EXPORT_PAGE, action);
    }
}
