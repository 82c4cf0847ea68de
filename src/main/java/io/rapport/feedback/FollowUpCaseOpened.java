package io.rapport.feedback;

import java.time.Instant;

import io.rapport.platform.User;
import org.jspecify.annotations.Nullable;

/**
 * A follow-up case was opened for an unhappy customer: for the help desk (or anything else) to take it over.
 * Published inside the transaction that stores the case (which is the one that stored the survey response or
 * feedback item): a plain {@code @EventListener} runs in it, a {@code @TransactionalEventListener} after its
 * commit. Published once per case.
 *
 * @param identifier the encoded {@link io.rapport.customer.Identifier} of the customer, if known
 * @param owner the owner the rule chose, if any
 */
public record FollowUpCaseOpened(FollowUpCase.Id caseId, long number, @Nullable String identifier,
        FollowUpCase.Trigger trigger, User.@Nullable Id owner, Instant dueAt, Instant openedAt) {
}
