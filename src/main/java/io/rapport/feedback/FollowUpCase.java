package io.rapport.feedback;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonValue;
import io.rapport.platform.User;
import org.jspecify.annotations.Nullable;

/**
 * An unhappy customer to get back to: what they said (the trigger), who owns the case, by when, and how far it got.
 *
 * @param number the case's number for people ({@code #1042})
 * @param identifier the encoded {@link io.rapport.customer.Identifier} of the customer; {@code null} when the
 *                   feedback was anonymous
 * @param locale the locale the customer answered in, if known: the language of emails drafted for them
 * @param owner {@code null} while nobody owns the case
 * @param version grows with every change, for optimistic updates ({@code If-Match})
 * @param overdue not resolved and past its due time, when read
 * @param contactedAt the first contact, kept when the case is reopened
 * @param resolvedAt the last resolution, cleared when the case is reopened
 */
public record FollowUpCase(Id id, long number, @Nullable String identifier, @Nullable String locale, Trigger trigger,
        @Nullable Owner owner, CaseStatus status, int version, Instant dueAt, boolean overdue, Instant openedAt,
        @Nullable Instant contactedAt, @Nullable Instant resolvedAt, Instant updatedAt) {

    public record Id(@JsonValue UUID value) {

        @Override
        public String toString() {
            return value.toString();
        }
    }

    /**
     * What opened the case.
     *
     * @param source {@code survey} (a survey response), {@code review} or {@code event} (a feedback inbox item)
     * @param sourceId the response id, else the item's {@code sourceId/messageId}
     * @param score the survey score or rating now (it may have changed since the case opened)
     * @param sentiment the comment's sentiment, once the text was analysed
     */
    public record Trigger(FollowUpRule.Kind rule, String source, String sourceId, @Nullable UUID surveyId,
            @Nullable SurveyType surveyType, @Nullable Integer score, @Nullable String comment,
            @Nullable Sentiment sentiment, @Nullable Double sentimentScore, @Nullable String orderId) {
    }

    /** The owner; {@code email} is {@code null} once the user was removed. */
    public record Owner(User.Id id, @Nullable String email) {
    }

    /** From opening to the first contact; {@code null} before it. */
    public @Nullable Duration timeToFirstContact() {
        return contactedAt == null ? null : Duration.between(openedAt, contactedAt);
    }

    /** From opening to the (last) resolution; {@code null} while the case is not resolved. */
    public @Nullable Duration timeToClose() {
        return resolvedAt == null ? null : Duration.between(openedAt, resolvedAt);
    }
}
