package io.rapport.feedback.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.rapport.collect.Page;
import io.rapport.feedback.CaseNote;
import io.rapport.feedback.CaseStats;
import io.rapport.feedback.CaseStatus;
import io.rapport.feedback.FollowUpCase;
import io.rapport.feedback.FollowUpCases;
import io.rapport.feedback.FollowUpRule;
import io.rapport.platform.ApiProblem;
import io.rapport.platform.Mailer;
import io.rapport.platform.User;
import io.rapport.platform.Users;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.mail.MailException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Working follow-up cases: reading, changing, notes and emails, rules and statistics. */
@Service
class CaseService implements FollowUpCases {

    private final CaseStore cases;
    private final CaseRules rules;
    private final CaseMails mails;
    private final CaseStatistics statistics;
    private final Mailer mailer;
    private final Users users;

    CaseService(CaseStore cases, CaseRules rules, CaseMails mails, CaseStatistics statistics, Mailer mailer,
            Users users) {
        this.cases = cases;
        this.rules = rules;
        this.mails = mails;
        this.statistics = statistics;
        this.mailer = mailer;
        this.users = users;
    }

    @Override
    public Page<FollowUpCase> find(Query query) {
        return cases.find(query);
    }

    @Override
    public Optional<FollowUpCase> find(FollowUpCase.Id id) {
        return cases.find(id);
    }

    @Override
    public List<CaseNote> notes(FollowUpCase.Id id) {
        get(id);
        return cases.notes(id);
    }

    @Override
    @Transactional
    public FollowUpCase change(FollowUpCase.Id id, Change change, @Nullable Integer expectedVersion, String actor) {
        CaseStore.Row row = lock(id);
        if (expectedVersion != null && expectedVersion != row.version()) {
            throw ApiProblem.conflict("Case #" + row.number() + " changed since it was read (it is at version "
                    + row.version() + ", not " + expectedVersion + "); read it again.");
        }
        List<String> events = new ArrayList<>();
        User.Id owner = row.owner();
        if (change.owner() != null && !Objects.equals(change.owner().user(), owner)) {
            owner = change.owner().user();
            if (owner == null) {
                events.add("Nobody owns the case now.");
            } else {
                User user = users.find(owner).orElseThrow(() -> ApiProblem.invalidField("owner",
                        "There is no user with the id " + change.owner().user().value() + "."));
                events.add("Owner: " + user.email() + ".");
            }
        }
        Instant dueAt = row.dueAt();
        if (change.dueAt() != null && !change.dueAt().equals(dueAt)) {
            dueAt = change.dueAt();
            events.add("Due: " + dueAt + ".");
        }
        CaseStatus status = row.status();
        Instant contactedAt = row.contactedAt();
        Instant resolvedAt = row.resolvedAt();
        if (change.status() != null && change.status() != status) {
            if (!status.next().contains(change.status())) {
                throw ApiProblem.conflict("Case #" + row.number() + " is " + status.wireName() + "; it can move to "
                        + status.next().stream().map(CaseStatus::wireName).sorted().toList() + ", not to "
                        + change.status().wireName() + ".");
            }
            events.add(change.status() == CaseStatus.OPEN ? "Reopened."
                    : "Status: " + status.wireName() + " → " + change.status().wireName() + ".");
            status = change.status();
            Instant now = cases.now();
            if (status == CaseStatus.CONTACTED && contactedAt == null) {
                contactedAt = now;
            }
            resolvedAt = status == CaseStatus.RESOLVED ? now : null;
        }
        if (events.isEmpty()) {
            return cases.toCase(row);
        }
        cases.update(new CaseStore.Row(row.id(), row.number(), row.triggerKey(), row.identifier(), row.locale(),
                row.trigger(), owner, status, row.version(), dueAt, row.openedAt(), contactedAt, resolvedAt,
                row.updatedAt()));
        for (String event : events) {
            cases.addNote(id, CaseNote.Kind.EVENT, actor, event, null, null);
        }
        return get(id);
    }

    @Override
    @Transactional
    public CaseNote addNote(FollowUpCase.Id id, String text, String actor) {
        lock(id);
        String note = text == null ? "" : text.strip();
        if (note.isEmpty() || note.length() > MAX_NOTE_LENGTH) {
            throw ApiProblem.invalidField("text", "A note has 1 to " + MAX_NOTE_LENGTH + " characters.");
        }
        if (cases.countNotes(id, null) >= MAX_NOTES_PER_CASE) {
            throw ApiProblem.conflict("This case has " + MAX_NOTES_PER_CASE + " notes, as many as a case keeps.");
        }
        return cases.addNote(id, CaseNote.Kind.NOTE, actor, note, null, null);
    }

    @Override
    public Email draft(FollowUpCase.Id id) {
        return mails.draft(get(id));
    }

    @Override
    public Optional<String> emailAddress(FollowUpCase.Id id) {
        return mails.address(get(id));
    }

    @Override
    @Transactional
    public CaseNote sendEmail(FollowUpCase.Id id, Email email, String actor) {
        CaseStore.Row row = lock(id);
        String subject = email.subject() == null ? "" : email.subject().strip();
        String text = email.text() == null ? "" : email.text().strip();
        if (subject.isEmpty() || subject.length() > MAX_SUBJECT_LENGTH || subject.contains("\n")) {
            throw ApiProblem.invalidField("subject", "A subject is one line of 1 to " + MAX_SUBJECT_LENGTH
                    + " characters.");
        }
        if (text.isEmpty() || text.length() > MAX_EMAIL_LENGTH) {
            throw ApiProblem.invalidField("text", "An email's text has 1 to " + MAX_EMAIL_LENGTH + " characters.");
        }
        if (row.status() == CaseStatus.RESOLVED) {
            throw ApiProblem.conflict("Case #" + row.number() + " is resolved; reopen it to write to the customer.");
        }
        if (cases.countNotes(id, CaseNote.Kind.EMAIL) >= MAX_EMAILS_PER_CASE) {
            throw ApiProblem.conflict("Case #" + row.number() + " has sent " + MAX_EMAILS_PER_CASE
                    + " emails, as many as one case may.");
        }
        if (!mailer.available()) {
            throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "No mail server", "Rapport has no SMTP server to "
                    + "send through: set spring.mail.host (and port, username, password) to the shop's mail server.",
                    null);
        }
        String to = mails.address(cases.toCase(row)).orElseThrow(() -> ApiProblem.conflict("Rapport knows no "
                + "email address of this customer. Reach them another way and note it on the case."));
        try {
            mailer.send(new Mailer.Mail(to, subject, text, null));
        } catch (MailException e) {
            throw new ApiProblem(HttpStatus.BAD_GATEWAY, "Mail not sent", "The mail server did not take the email: "
                    + e.getMessage(), null);
        }
        CaseNote note = cases.addNote(id, CaseNote.Kind.EMAIL, actor, text, to, subject);
        if (row.status() == CaseStatus.OPEN) {
            Instant now = note.at();
            cases.update(new CaseStore.Row(row.id(), row.number(), row.triggerKey(), row.identifier(), row.locale(),
                    row.trigger(), row.owner(), CaseStatus.CONTACTED, row.version(), row.dueAt(), row.openedAt(),
                    row.contactedAt() == null ? now : row.contactedAt(), null, row.updatedAt()));
        }
        return note;
    }

    @Override
    public List<FollowUpRule> rules() {
        return rules.list();
    }

    @Override
    @Transactional
    public List<FollowUpRule> saveRules(List<RuleSettings> settings) {
        return rules.save(settings == null ? List.of() : settings);
    }

    @Override
    public CaseStats stats(Instant from, Instant to, StatsPeriod period) {
        return statistics.stats(from, to, period);
    }

    private CaseStore.Row lock(FollowUpCase.Id id) {
        return cases.lock(id).orElseThrow(() -> notFound(id));
    }

    private FollowUpCase get(FollowUpCase.Id id) {
        return cases.find(id).orElseThrow(() -> notFound(id));
    }

    private static ApiProblem notFound(FollowUpCase.Id id) {
        return ApiProblem.notFound("There is no follow-up case with the id " + id + ".");
    }
}
