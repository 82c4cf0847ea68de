package io.rapport.feedback;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.rapport.collect.Page;
import io.rapport.platform.User;
import org.jspecify.annotations.Nullable;

/**
 * Follow-up cases for unhappy customers (docs/follow-up.md). Rules open them when a survey score or a text's
 * sentiment calls for it; people work them: owner, due time, status, notes and emails to the customer.
 * {@code actor} names who acts (a console user's email, an API key), for the case's notes.
 */
public interface FollowUpCases {

    int MAX_NOTE_LENGTH = 5_000;
    int MAX_SUBJECT_LENGTH = 200;
    int MAX_EMAIL_LENGTH = 10_000;
    /** Emails one case may send: a case is a conversation, not a mailing. */
    int MAX_EMAILS_PER_CASE = 20;
    int MAX_NOTES_PER_CASE = 500;

    /**
     * Filters of a newest-first listing; each is optional.
     *
     * @param owner only the cases of this user
     * @param overdue only the cases past their due time ({@code true}) or only the others ({@code false})
     * @param from opened at or after
     * @param to opened before
     */
    record Query(@Nullable CaseStatus status, User.@Nullable Id owner, @Nullable Boolean overdue,
            @Nullable Instant from, @Nullable Instant to, int limit, @Nullable String cursor) {
    }

    Page<FollowUpCase> find(Query query);

    Optional<FollowUpCase> find(FollowUpCase.Id id);

    /** The case's notes, emails and events, oldest first. */
    List<CaseNote> notes(FollowUpCase.Id id);

    /**
     * What to change; {@code null} members stay as they are.
     *
     * @param owner a new owner ({@code Owner(null)}: nobody)
     * @param status a status the case may move to ({@link CaseStatus#next()}); its own status changes nothing
     */
    record Change(@Nullable NewOwner owner, @Nullable Instant dueAt, @Nullable CaseStatus status) {
    }

    record NewOwner(User.@Nullable Id user) {
    }

    /**
     * Changes owner, due time or status, noting each change on the case.
     *
     * @param expectedVersion when given, the change is refused (409) if the case changed since that version
     */
    FollowUpCase change(FollowUpCase.Id id, Change change, @Nullable Integer expectedVersion, String actor);

    CaseNote addNote(FollowUpCase.Id id, String text, String actor);

    /** An email to the customer: a subject and a plain-text body. */
    record Email(String subject, String text) {
    }

    /** The email a case suggests, in the customer's language where Rapport has one (else English). */
    Email draft(FollowUpCase.Id id);

    /** The address an email from the case goes to: the customer's email, if Rapport knows one. */
    Optional<String> emailAddress(FollowUpCase.Id id);

    /**
     * Sends the email to the customer now, notes it on the case and moves an open case to contacted. Refused when
     * no SMTP server is configured (503), the customer has no known address (409), the case is resolved (409) or
     * sent {@link #MAX_EMAILS_PER_CASE} already (409); when the mail server refuses (502) nothing is noted.
     */
    CaseNote sendEmail(FollowUpCase.Id id, Email email, String actor);

    /** The four rules, NPS, CSAT, CES and SENTIMENT. */
    List<FollowUpRule> rules();

    /**
     * Rules as they come from the API or the console, unchecked.
     *
     * @param owner a user id or email; blank or {@code null} for none
     * @param ownerRole a role name ({@code agent}); blank or {@code null} for none
     * @param due an ISO-8601 duration ({@code P2D}, {@code PT36H})
     */
    record RuleSettings(@Nullable String kind, @Nullable Boolean enabled, @Nullable Integer maxScore,
            @Nullable Double maxSentimentScore, @Nullable String owner, @Nullable String ownerRole,
            @Nullable String due) {
    }

    /**
     * Replaces the four rules at once. Every invalid field is listed in one {@link io.rapport.platform.ApiProblem}
     * ({@code rules[i].field}); nothing is saved then.
     */
    List<FollowUpRule> saveRules(List<RuleSettings> rules);

    /** Periods of a {@link CaseStats}. */
    enum StatsPeriod {
        DAY, WEEK, MONTH
    }

    /** At most this many days of statistics at once. */
    int MAX_STATS_DAYS = 732;

    CaseStats stats(Instant from, Instant to, StatsPeriod period);
}
