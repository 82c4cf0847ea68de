package io.rapport.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import io.rapport.customer.Customer;
import io.rapport.customer.Customers;
import io.rapport.customer.Identifier;
import io.rapport.customer.Timeline;
import io.rapport.feedback.CaseNote;
import io.rapport.feedback.CaseStats;
import io.rapport.feedback.CaseStatus;
import io.rapport.feedback.FollowUpCase;
import io.rapport.feedback.FollowUpCases;
import io.rapport.platform.ApiProblem;
import io.rapport.platform.Mailer;
import io.rapport.platform.User;
import io.rapport.platform.Users;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.json.JsonMapper;

/**
 * The follow-up case board (open, contacted, resolved; mine and overdue filters; time to close per week) and one
 * case: its trigger, the customer's recent history, notes, an email form and status buttons.
 */
@Controller
@RequestMapping("/console/cases")
@PreAuthorize("hasAnyRole('AGENT', 'ANALYST')")
class CasesPage {

    /** Cards per column: the newest cases of each status. */
    static final int COLUMN_SIZE = 100;
    private static final int SNIPPET_LENGTH = 140;
    private static final int HISTORY_ENTRIES = 10;
    private static final int CHART_WEEKS = 12;

    private final FollowUpCases cases;
    private final Customers customers;
    private final Timeline timeline;
    private final Users users;
    private final Mailer mailer;
    private final Clock clock;
    private final JsonMapper json;

    CasesPage(FollowUpCases cases, Customers customers, Timeline timeline, Users users, Mailer mailer, Clock clock,
            JsonMapper json) {
        this.cases = cases;
        this.customers = customers;
        this.timeline = timeline;
        this.users = users;
        this.mailer = mailer;
        this.clock = clock;
        this.json = json;
    }

    record Card(String id, long number, int version, String customer, String score, String snippet, String owner, String due,
            String dueAt, boolean overdue, List<Move> moves) {
    }

    record Move(String status, String label) {
    }

    record Column(String status, String title, List<Card> cards) {
    }

    /** Time to close per week, in hours: median and 90th percentile, and cases opened. */
    record Chart(List<String> weeks, List<Long> opened, List<@Nullable Double> median, List<@Nullable Double> p90) {
    }

    @GetMapping
    String board(@RequestParam(defaultValue = "false") boolean mine,
            @RequestParam(defaultValue = "false") boolean overdue, Authentication viewer, Model model) {
        User.Id me = mine ? users.findByEmail(viewer.getName()).map(User::id).orElse(null) : null;
        Instant now = clock.instant();
        List<Column> columns = new ArrayList<>();
        for (CaseStatus status : CaseStatus.values()) {
            if (overdue && status == CaseStatus.RESOLVED) {
                columns.add(new Column(status.wireName(), title(status), List.of()));
                continue;
            }
            List<FollowUpCase> found = mine && me == null ? List.of() : cases.find(new FollowUpCases.Query(status, me,
                    overdue ? Boolean.TRUE : null, null, null, COLUMN_SIZE, null)).items();
            Comparator<FollowUpCase> order = status == CaseStatus.RESOLVED
                    ? Comparator.comparing(FollowUpCase::resolvedAt, Comparator.nullsLast(Comparator.reverseOrder()))
                    : Comparator.comparing(FollowUpCase::dueAt);
            columns.add(new Column(status.wireName(), title(status),
                    found.stream().sorted(order).map(c -> card(c, now)).toList()));
        }
        model.addAttribute("columns", columns);
        model.addAttribute("mine", mine);
        model.addAttribute("overdue", overdue);
        Instant weekStart = now.truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(7L * CHART_WEEKS));
        CaseStats stats = cases.stats(weekStart, now, FollowUpCases.StatsPeriod.WEEK);
        model.addAttribute("stats", stats);
        model.addAttribute("medianToClose", took(stats.timeToClose().medianSeconds()));
        model.addAttribute("medianToContact", took(stats.timeToFirstContact().medianSeconds()));
        model.addAttribute("chart", json.writeValueAsString(chart(stats)));
        return "console/cases";
    }

    record Note(String kind, String author, String at, String text, @Nullable String emailTo,
            @Nullable String emailSubject) {
    }

    record HistoryEntry(String ago, String at, String type, String what) {
    }

    record Owner(String id, String email, boolean selected) {
    }

    @GetMapping("/{id}")
    String followUp(@PathVariable UUID id, Model model) {
        FollowUpCase.Id caseId = new FollowUpCase.Id(id);
        FollowUpCase found = cases.find(caseId).orElseThrow(() -> ApiProblem.notFound(
                "There is no follow-up case with the id " + id + "."));
        Instant now = clock.instant();
        Optional<Customer> customer = customer(found);
        model.addAttribute("case", found);
        model.addAttribute("card", card(found, now));
        model.addAttribute("statusLabel", title(found.status()));
        model.addAttribute("opened", Times.full(found.openedAt()));
        model.addAttribute("customerName", customer.map(Customer::displayName).orElse(anonymous(found)));
        model.addAttribute("customerId", customer.map(c -> c.id().toString()).orElse(null));
        model.addAttribute("history", customer.map(c -> timeline.of(c.id(), HISTORY_ENTRIES, null).items().stream()
                .map(e -> new HistoryEntry(Times.relative(e.at(), now), Times.full(e.at()), e.type(), e.title()))
                .toList()).orElse(List.of()));
        model.addAttribute("notes", cases.notes(caseId).stream().map(n -> new Note(n.kind().wireName(),
                n.author() == null ? "Rapport" : n.author(), Times.full(n.at()), n.text(), n.emailTo(),
                n.emailSubject())).toList());
        model.addAttribute("owners", users.list().stream().map(u -> new Owner(u.id().value().toString(), u.email(),
                found.owner() != null && found.owner().id().equals(u.id()))).toList());
        model.addAttribute("dueInput", LocalDateTime.ofInstant(found.dueAt(), ZoneOffset.UTC)
                .truncatedTo(ChronoUnit.MINUTES).toString());
        model.addAttribute("emailAddress", cases.emailAddress(caseId).orElse(null));
        model.addAttribute("mailAvailable", mailer.available());
        model.addAttribute("draft", cases.draft(caseId));
        return "console/case";
    }

    @PostMapping("/{id}/status")
    String status(@PathVariable UUID id, @RequestParam String status, @RequestParam int version,
            @RequestParam(defaultValue = "case") String back, @RequestParam(defaultValue = "false") boolean mine,
            @RequestParam(defaultValue = "false") boolean overdue, Authentication viewer,
            RedirectAttributes redirect) {
        CaseStatus wanted = CaseStatus.fromWire(status).orElseThrow(() -> ApiProblem.invalidField("status",
                "Choose open, contacted or resolved."));
        if ("board".equals(back)) {
            redirect.addAttribute("mine", mine);
            redirect.addAttribute("overdue", overdue);
        }
        return act(id, back, redirect, () -> {
            FollowUpCase changed = cases.change(new FollowUpCase.Id(id), new FollowUpCases.Change(null, null, wanted),
                    version, viewer.getName());
            return "Case #" + changed.number() + " is " + changed.status().wireName() + ".";
        });
    }

    @PostMapping("/{id}/assignment")
    String assign(@PathVariable UUID id, @RequestParam(defaultValue = "") String owner, @RequestParam String due,
            @RequestParam int version, Authentication viewer, RedirectAttributes redirect) {
        return act(id, "case", redirect, () -> {
            Instant dueAt;
            try {
                dueAt = LocalDateTime.parse(due).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                throw ApiProblem.invalidField("due", "Give the due time as a date and time (UTC).");
            }
            User.Id user = owner.isBlank() ? null : new User.Id(UUID.fromString(owner));
            cases.change(new FollowUpCase.Id(id), new FollowUpCases.Change(new FollowUpCases.NewOwner(user), dueAt,
                    null), version, viewer.getName());
            return "Saved the owner and due time.";
        });
    }

    @PostMapping("/{id}/notes")
    String note(@PathVariable UUID id, @RequestParam(defaultValue = "") String text, Authentication viewer,
            RedirectAttributes redirect) {
        return act(id, "case", redirect, () -> {
            cases.addNote(new FollowUpCase.Id(id), text, viewer.getName());
            return "Note added.";
        });
    }

    @PostMapping("/{id}/emails")
    String email(@PathVariable UUID id, @RequestParam(defaultValue = "") String subject,
            @RequestParam(defaultValue = "") String text, Authentication viewer, RedirectAttributes redirect) {
        return act(id, "case", redirect, () -> {
            CaseNote sent = cases.sendEmail(new FollowUpCase.Id(id), new FollowUpCases.Email(subject, text),
                    viewer.getName());
            return "Email sent to " + sent.emailTo() + ".";
        });
    }

    /** Runs a change and goes back to the case (or the board) with what happened, or why it did not. */
    private static String act(UUID id, String back, RedirectAttributes redirect, Action action) {
        try {
            redirect.addFlashAttribute("notice", action.run());
        } catch (ApiProblem problem) {
            redirect.addFlashAttribute("problem", problem.getMessage());
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("problem", "Choose an owner from the list.");
        }
        return "board".equals(back) ? "redirect:/console/cases" : "redirect:/console/cases/" + id;
    }

    @FunctionalInterface
    private interface Action {
        String run();
    }

    private Card card(FollowUpCase followUp, Instant now) {
        FollowUpCase.Trigger trigger = followUp.trigger();
        String score = trigger.score() == null ? ""
                : (trigger.surveyType() != null ? trigger.surveyType().name() : "rating") + " " + trigger.score();
        if (trigger.sentiment() != null) {
            score = (score.isEmpty() ? "" : score + " · ") + trigger.sentiment().name().toLowerCase(Locale.ROOT);
        }
        String comment = trigger.comment() == null ? "" : trigger.comment().strip();
        String snippet = comment.length() <= SNIPPET_LENGTH ? comment
                : comment.substring(0, SNIPPET_LENGTH - 1).strip() + "…";
        String owner = followUp.owner() == null ? "nobody"
                : followUp.owner().email() == null ? "a removed user" : followUp.owner().email();
        List<Move> moves = followUp.status().next().stream().sorted()
                .map(s -> new Move(s.wireName(), moveLabel(s))).toList();
        return new Card(followUp.id().toString(), followUp.number(), followUp.version(), customer(followUp).map(Customer::displayName)
                .orElse(anonymous(followUp)), score, snippet, owner, Times.relative(followUp.dueAt(), now),
                Times.full(followUp.dueAt()), followUp.overdue(), moves);
    }

    private Optional<Customer> customer(FollowUpCase followUp) {
        return followUp.identifier() == null ? Optional.empty()
                : customers.find(Identifier.decode(followUp.identifier())).flatMap(customers::get);
    }

    private static String anonymous(FollowUpCase followUp) {
        return followUp.identifier() == null ? "Anonymous customer" : Identifier.decode(followUp.identifier()).value();
    }

    private static String title(CaseStatus status) {
        return switch (status) {
            case OPEN -> "Open";
            case CONTACTED -> "Contacted";
            case RESOLVED -> "Resolved";
        };
    }

    private static String moveLabel(CaseStatus to) {
        return switch (to) {
            case OPEN -> "Reopen";
            case CONTACTED -> "Mark contacted";
            case RESOLVED -> "Resolve";
        };
    }

    /** {@code 3 min}, {@code 20 h}, {@code 3 days}; a dash when no case was counted. */
    private static String took(@Nullable Long seconds) {
        return seconds == null ? "–" : Times.waited(Duration.ofSeconds(seconds));
    }

    private static @Nullable Double hours(@Nullable Long seconds) {
        return seconds == null ? null : Math.round(seconds / 360.0) / 10.0;
    }

    private static Chart chart(CaseStats stats) {
        List<String> weeks = new ArrayList<>();
        List<Long> opened = new ArrayList<>();
        List<Double> median = new ArrayList<>();
        List<Double> p90 = new ArrayList<>();
        for (CaseStats.Period period : stats.periods()) {
            weeks.add(period.start().toString());
            opened.add(period.opened());
            median.add(hours(period.timeToClose().medianSeconds()));
            p90.add(hours(period.timeToClose().p90Seconds()));
        }
        return new Chart(weeks, opened, median, p90);
    }
}
