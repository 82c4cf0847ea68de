package io.rapport.feedback;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The topic rules a CX team edits (see docs/feedback-inbox.md): stored, used by every node's {@link TextAnalyzer},
 * and after each change applied again to every stored item by a background re-read.
 */
public interface TopicRules {

    /** Rules in one saved set at most. */
    int MAX_RULES = 500;

    /** Texts that {@link #suggestions} reads at most: the newest of the period. */
    int MAX_SUGGESTION_TEXTS = 5_000;

    /** The rules in use; {@code edited} is false while Rapport's defaults apply. */
    record Current(List<TopicRule> rules, boolean edited, long version, @Nullable Instant updatedAt) {
    }

    Current current();

    /** A rule as a person or a client wrote it, before it is checked: any part may be missing. */
    record Draft(@Nullable String language, @Nullable String topic, @Nullable List<String> keywords) {
    }

    /**
     * Replaces the whole set (all languages) and starts re-reading the stored items. Refused as one problem naming
     * every offending part ({@code rules[3].keywords[0]}); nothing changes then.
     */
    Current replace(List<Draft> rules);

    /** Recurring phrases of the stored texts of one language received in [from, to) that no rule covers yet. */
    List<SuggestedTopic> suggestions(String language, @Nullable Instant from, @Nullable Instant to);

    /** The re-reading of stored items after the rules changed: {@code idle}, {@code queued}, {@code running}, {@code done}. */
    record Reread(String status, long rulesVersion, long total, long done, long changed, @Nullable Instant startedAt,
            @Nullable Instant finishedAt) {

        public boolean active() {
            return "queued".equals(status) || "running".equals(status);
        }

        /** Percent of the items read, 0 to 100. */
        public int percent() {
            return total == 0 ? ("done".equals(status) ? 100 : 0) : (int) Math.min(100, done * 100 / total);
        }
    }

    Reread reread();
}
