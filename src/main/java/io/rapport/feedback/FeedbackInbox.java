package io.rapport.feedback;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import io.rapport.collect.Page;
import org.jspecify.annotations.Nullable;

/**
 * Every analysed text: survey comments, product reviews and tracked feedback events (see docs/feedback-inbox.md).
 * Each stored or changed item is published as a {@link FeedbackReceived} in the transaction that stores it.
 */
public interface FeedbackInbox {

    /** Items newest first (by {@code receivedAt}); {@code limit} 1 to 1,000, {@code cursor} the previous {@code next}. */
    Page<FeedbackItem> find(FeedbackFilter filter, int limit, @Nullable String cursor);

    Optional<FeedbackItem> get(UUID id);

    /** The items of one source (e.g. {@link FeedbackItem#SURVEY}, by response id) with these source ids, by source id. */
    Map<String, FeedbackItem> ofSources(String source, Collection<String> sourceIds);

    FeedbackSummary summary(FeedbackFilter filter);

    /** Every item of the filter, newest first, read a page at a time (for exports). */
    void forEach(FeedbackFilter filter, Consumer<FeedbackItem> action);
}
