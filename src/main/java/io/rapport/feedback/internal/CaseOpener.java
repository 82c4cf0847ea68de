package io.rapport.feedback.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import io.rapport.feedback.CaseNote;
import io.rapport.feedback.CaseStatus;
import io.rapport.feedback.FeedbackReceived;
import io.rapport.feedback.FollowUpCase;
import io.rapport.feedback.FollowUpCaseOpened;
import io.rapport.feedback.FollowUpRule;
import io.rapport.feedback.SurveyAnswered;
import io.rapport.feedback.TextAnalysis;
import io.rapport.platform.User;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Opens follow-up cases as survey responses and feedback items arrive, in the transaction that stores them: a
 * response never exists without the case its score called for. One response (or feedback item) opens at most one
 * case, whichever rule sees it first; later changes of its score or comment update that case, with a note when the
 * score changed, and never open a second one. A score raised above the threshold leaves the case as it is: its
 * owner decides whether the customer still needs a call.
 */
@Component
class CaseOpener {

    private final CaseRules rules;
    private final CaseStore cases;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CaseOpener(CaseRules rules, CaseStore cases, ApplicationEventPublisher events, Clock clock) {
        this.rules = rules;
        this.cases = cases;
        this.events = events;
        this.clock = clock;
    }

    @EventListener
    void on(SurveyAnswered answered) {
        if (answered.score() == null) {
            return;
        }
        int score = answered.score();
        String key = "survey:" + answered.responseId();
        Optional<CaseStore.Row> existing = cases.lockByTrigger(key);
        if (existing.isPresent()) {
            update(existing.get(), score, answered.comment(), null);
            return;
        }
        FollowUpRule.kindOf(answered.type()).map(rules::get).filter(rule -> rule.opensFor(score)).ifPresent(rule ->
                open(rule, key, answered.identifier(), answered.locale(), new FollowUpCase.Trigger(rule.kind(),
                        "survey", answered.responseId().toString(), answered.surveyId(), answered.type(), score,
                        answered.comment(), null, null, answered.orderId())));
    }

    @EventListener
    void on(FeedbackReceived feedback) {
        String key = feedback.source() + ":" + feedback.sourceId();
        Optional<CaseStore.Row> existing = cases.lockByTrigger(key);
        if (existing.isPresent()) {
            update(existing.get(), feedback.score(), feedback.text(), feedback.analysis());
            return;
        }
        FollowUpRule rule = rules.get(FollowUpRule.Kind.SENTIMENT);
        if (rule.opensFor(feedback.analysis())) {
            open(rule, key, feedback.identifier(), null, new FollowUpCase.Trigger(rule.kind(), feedback.source(),
                    feedback.sourceId(), feedback.surveyId(), feedback.surveyType(), feedback.score(), feedback.text(),
                    feedback.analysis().sentiment(), feedback.analysis().score(), feedback.orderId()));
        }
    }

    private void open(FollowUpRule rule, String key, @Nullable String identifier, @Nullable String locale,
            FollowUpCase.Trigger trigger) {
        Instant now = clock.instant();
        User.Id owner = rules.nextOwner(rule);
        CaseStore.Row row = new CaseStore.Row(new FollowUpCase.Id(UUID.randomUUID()), 0, key, identifier, locale,
                trigger, owner, CaseStatus.OPEN, 1, now.plus(rule.due()), now, null, null, now);
        cases.insert(row).ifPresent(number -> events.publishEvent(new FollowUpCaseOpened(row.id(), number,
                identifier, trigger, owner, row.dueAt(), now)));
    }

    /** The response or item changed: the case keeps up with its score, comment and sentiment. */
    private void update(CaseStore.Row row, @Nullable Integer score, @Nullable String comment,
            @Nullable TextAnalysis analysis) {
        FollowUpCase.Trigger was = row.trigger();
        FollowUpCase.Trigger now = new FollowUpCase.Trigger(was.rule(), was.source(), was.sourceId(), was.surveyId(),
                was.surveyType(), score != null ? score : was.score(), comment != null ? comment : was.comment(),
                analysis != null ? analysis.sentiment() : was.sentiment(),
                analysis != null ? Double.valueOf(analysis.score()) : was.sentimentScore(), was.orderId());
        if (now.equals(was)) {
            return;
        }
        cases.update(new CaseStore.Row(row.id(), row.number(), row.triggerKey(), row.identifier(), row.locale(), now,
                row.owner(), row.status(), row.version(), row.dueAt(), row.openedAt(), row.contactedAt(),
                row.resolvedAt(), row.updatedAt()));
        if (!Objects.equals(was.score(), now.score())) {
            cases.addNote(row.id(), CaseNote.Kind.EVENT, null, "The customer changed their score from "
                    + was.score() + " to " + now.score() + ".", null, null);
        }
    }
}
