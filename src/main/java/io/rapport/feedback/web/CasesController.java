package io.rapport.feedback.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.rapport.collect.Page;
import io.rapport.feedback.CaseNote;
import io.rapport.feedback.CaseStats;
import io.rapport.feedback.CaseStatus;
import io.rapport.feedback.FollowUpCase;
import io.rapport.feedback.FollowUpCases;
import io.rapport.feedback.FollowUpRule;
import io.rapport.platform.ApiProblem;
import io.rapport.platform.User;
import io.rapport.platform.Users;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Follow-up cases for unhappy customers: listing, one case with its notes, changes, notes, emails to the customer,
 * the rules that open cases and the statistics. Agents and analysts work cases; admins edit the rules. See
 * docs/follow-up.md.
 */
@RestController
@RequestMapping("/api/v1/cases")
@PreAuthorize("hasAnyRole('AGENT', 'ANALYST')")
@Tag(name = "Follow-up cases", description = "Closing the loop with unhappy customers; see docs/follow-up.md")
class CasesController {

    /** Statistics over the last this many days when no span is asked for. */
    private static final Duration DEFAULT_STATS_SPAN = Duration.ofDays(30);

    private final FollowUpCases cases;
    private final Users users;
    private final Clock clock;

    CasesController(FollowUpCases cases, Users users, Clock clock) {
        this.cases = cases;
        this.users = users;
        this.clock = clock;
    }

    /** A case with its notes, what its email would be sent to, and the email it suggests. */
    record CaseView(@JsonUnwrapped FollowUpCase followUp, @Nullable String emailAddress, List<CaseNote> notes) {
    }

    @GetMapping
    @Operation(summary = "Cases newest first: status, owner (user id or email), overdue, opened in [from, to)")
    Page<FollowUpCase> list(@RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable String owner,
            @RequestParam(required = false) @Nullable Boolean overdue,
            @RequestParam(required = false) @Nullable Instant from, @RequestParam(required = false) @Nullable Instant to,
            @RequestParam(defaultValue = "50") int limit, @RequestParam(required = false) @Nullable String cursor) {
        CaseStatus wanted = status == null ? null : CaseStatus.fromWire(status).orElseThrow(() ->
                ApiProblem.invalidField("status", "status is one of open, contacted, resolved."));
        User.Id ownerId = owner == null ? null : user("owner", owner);
        return cases.find(new FollowUpCases.Query(wanted, ownerId, overdue, from, to, limit, cursor));
    }

    @GetMapping("/{id}")
    @Operation(summary = "A case with its notes; its ETag is its version, for If-Match on a later PATCH")
    ResponseEntity<CaseView> get(@PathVariable UUID id) {
        FollowUpCase.Id caseId = new FollowUpCase.Id(id);
        FollowUpCase found = cases.find(caseId).orElseThrow(() -> notFound(id));
        return ResponseEntity.ok().eTag("\"" + found.version() + "\"")
                .body(new CaseView(found, cases.emailAddress(caseId).orElse(null), cases.notes(caseId)));
    }

    @PatchMapping("/{id}")
    @Operation(summary = "Change owner (user id or email, null for nobody), dueAt and status; with If-Match, only "
            + "if the case is still at that version")
    ResponseEntity<FollowUpCase> change(@PathVariable UUID id, @RequestBody JsonNode body,
            @RequestHeader(name = "If-Match", required = false) @Nullable String ifMatch,
            Authentication actor) {
        if (!body.isObject()) {
            throw ApiProblem.badRequest("The body is a JSON object with owner, dueAt and/or status.");
        }
        for (String name : body.propertyNames()) {
            if (!List.of("owner", "dueAt", "status").contains(name)) {
                throw ApiProblem.invalidField(name, "A case's owner, dueAt and status can be changed; not " + name
                        + ".");
            }
        }
        FollowUpCases.NewOwner owner = null;
        if (body.has("owner")) {
            JsonNode given = body.get("owner");
            owner = new FollowUpCases.NewOwner(given.isNull() ? null : user("owner", text(given, "owner")));
        }
        Instant dueAt = null;
        if (body.has("dueAt")) {
            try {
                dueAt = Instant.parse(text(body.get("dueAt"), "dueAt"));
            } catch (DateTimeParseException e) {
                throw ApiProblem.invalidField("dueAt", "dueAt is an ISO-8601 instant, e.g. 2026-11-27T17:00:00Z.");
            }
        }
        CaseStatus status = null;
        if (body.has("status")) {
            status = CaseStatus.fromWire(text(body.get("status"), "status")).orElseThrow(() ->
                    ApiProblem.invalidField("status", "status is one of open, contacted, resolved."));
        }
        FollowUpCase changed = cases.change(new FollowUpCase.Id(id), new FollowUpCases.Change(owner, dueAt, status),
                IfMatch.version(ifMatch, "case"), actor.getName());
        return ResponseEntity.ok().eTag("\"" + changed.version() + "\"").body(changed);
    }

    record NoteText(@Nullable String text) {
    }

    @PostMapping("/{id}/notes")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add a note (1 to 5,000 characters) to a case")
    CaseNote note(@PathVariable UUID id, @RequestBody NoteText note, Authentication actor) {
        return cases.addNote(new FollowUpCase.Id(id), note.text() == null ? "" : note.text(), actor.getName());
    }

    @GetMapping("/{id}/emails/draft")
    @Operation(summary = "The email the case suggests, in the customer's language where Rapport has one")
    FollowUpCases.Email draft(@PathVariable UUID id) {
        return cases.draft(new FollowUpCase.Id(id));
    }

    record EmailText(@Nullable String subject, @Nullable String text) {
    }

    @PostMapping("/{id}/emails")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Email the customer now (subject and text default to the draft); noted on the case, which "
            + "moves from open to contacted")
    CaseNote email(@PathVariable UUID id, @RequestBody EmailText email, Authentication actor) {
        FollowUpCase.Id caseId = new FollowUpCase.Id(id);
        FollowUpCases.Email draft = email.subject() == null || email.text() == null ? cases.draft(caseId) : null;
        return cases.sendEmail(caseId, new FollowUpCases.Email(
                email.subject() != null ? email.subject() : draft.subject(),
                email.text() != null ? email.text() : draft.text()), actor.getName());
    }

    record Rules(List<FollowUpRule> rules) {
    }

    record RulesInput(@Nullable List<FollowUpCases.RuleSettings> rules) {
    }

    @GetMapping("/rules")
    @Operation(summary = "The four rules that open cases: NPS, CSAT, CES and SENTIMENT")
    Rules rules() {
        return new Rules(cases.rules());
    }

    @PutMapping("/rules")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Replace the four rules; every invalid field is listed in the problem's errors")
    Rules saveRules(@RequestBody RulesInput input) {
        return new Rules(cases.saveRules(input.rules() == null ? List.of() : input.rules()));
    }

    @GetMapping("/stats")
    @Operation(summary = "Cases opened, time to first contact and to close (median, p90) over [from, to) and per "
            + "day, week or month; open and overdue now")
    CaseStats stats(@RequestParam(required = false) @Nullable Instant from,
            @RequestParam(required = false) @Nullable Instant to,
            @RequestParam(defaultValue = "week") String period) {
        Instant end = to != null ? to : clock.instant();
        FollowUpCases.StatsPeriod per;
        try {
            per = FollowUpCases.StatsPeriod.valueOf(period.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalidField("period", "period is one of day, week, month.");
        }
        return cases.stats(from != null ? from : end.minus(DEFAULT_STATS_SPAN), end, per);
    }

    /** A user by id or email. */
    private User.Id user(String field, String given) {
        Optional<User> user;
        try {
            user = users.find(new User.Id(UUID.fromString(given.strip())));
        } catch (IllegalArgumentException e) {
            user = users.findByEmail(given);
        }
        return user.map(User::id).orElseThrow(() -> ApiProblem.invalidField(field, "There is no user '" + given
                + "'; give a user's id or email."));
    }

    private static String text(JsonNode node, String field) {
        if (!node.isString()) {
            throw ApiProblem.invalidField(field, field + " is a string.");
        }
        return node.stringValue();
    }

    private static ApiProblem notFound(UUID id) {
        return ApiProblem.notFound("There is no follow-up case with the id " + id + ".");
    }
}
