package io.rapport.console;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import io.rapport.feedback.DailyScores;
import io.rapport.feedback.ScoreCounts;
import io.rapport.feedback.Survey;
import io.rapport.feedback.SurveyResponses;
import io.rapport.feedback.SurveyStats;
import io.rapport.feedback.Surveys;
import io.rapport.feedback.Trigger;
import io.rapport.platform.ApiProblem;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The survey list: every survey with its languages, triggers, responses and current score over the last
 * {@link #RECENT_DAYS} days, and its status actions (activate, pause, archive, delete).
 */
@Controller
@RequestMapping("/console/surveys")
@PreAuthorize("hasAnyRole('ANALYST', 'MARKETER', 'AGENT')")
class SurveysPage {

    static final String MANAGE = "hasAnyRole('ANALYST', 'MARKETER')";
    /** The list's "current" score and responses cover this many days, today included. */
    static final int RECENT_DAYS = 30;

    private final Surveys surveys;
    private final SurveyResponses responses;
    private final Clock clock;

    SurveysPage(Surveys surveys, SurveyResponses responses, Clock clock) {
        this.surveys = surveys;
        this.responses = responses;
        this.clock = clock;
    }

    record Row(String id, String name, String type, String status, String statusLabel, String languages,
            String triggers, long responses, String score) {
    }

    @GetMapping
    String list(Model model) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate from = today.minusDays(RECENT_DAYS - 1);
        model.addAttribute("rows", surveys.list(null).stream().map(survey -> row(survey, from, today)).toList());
        model.addAttribute("recentDays", RECENT_DAYS);
        return "console/surveys";
    }

    private Row row(Survey survey, LocalDate from, LocalDate to) {
        ScoreCounts counts = responses.scoresPerDay(survey.id(), from, to).stream().map(DailyScores::counts)
                .reduce(ScoreCounts.none(survey.type()), ScoreCounts::plus);
        SurveyStats stats = surveys.stats(survey.id(), from, to);
        return new Row(survey.id().toString(), survey.definition().name(), SurveyLabels.type(survey.type()),
                survey.status().wireName(), SurveyLabels.status(survey.status()),
                String.join(", ", survey.definition().languages()), triggers(survey.definition().triggers()),
                stats.answered(), SurveyLabels.headline(counts));
    }

    /** "Order Completed +3 d (email); page /checkout/*" */
    private static String triggers(List<Trigger> triggers) {
        if (triggers.isEmpty()) {
            return "manual sends only";
        }
        Function<Trigger, String> describe = t -> switch (t) {
            case Trigger.Event e -> e.event() + (e.delayDays() == 0 ? "" : " +" + e.delayDays() + " d") + " ("
                    + e.channel() + ")";
            case Trigger.Page p -> "page " + p.urlPattern();
        };
        return triggers.stream().map(describe).collect(Collectors.joining("; "));
    }

    @PostMapping("/{id}/activate")
    @PreAuthorize(MANAGE)
    String activate(@PathVariable UUID id, RedirectAttributes redirect) {
        return act(id, surveys::activate, " is active: its triggers and the widget reach people from now on.",
                redirect);
    }

    @PostMapping("/{id}/pause")
    @PreAuthorize(MANAGE)
    String pause(@PathVariable UUID id, RedirectAttributes redirect) {
        return act(id, surveys::pause, " is paused: nothing new goes out; invitations already out can still be "
                + "answered.", redirect);
    }

    @PostMapping("/{id}/archive")
    @PreAuthorize(MANAGE)
    String archive(@PathVariable UUID id, RedirectAttributes redirect) {
        return act(id, surveys::archive, " is archived: kept with its responses, no longer answered or edited.",
                redirect);
    }

    @PostMapping("/{id}/delete")
    @PreAuthorize(MANAGE)
    String delete(@PathVariable UUID id, RedirectAttributes redirect) {
        return act(id, surveys::delete, " was deleted.", redirect);
    }

    /** Changes the survey and says what became of it, or what the service refused, on the list. */
    private String act(UUID id, Consumer<Survey.Id> change, String outcome, RedirectAttributes redirect) {
        Survey.Id surveyId = new Survey.Id(id);
        String name = surveys.find(surveyId).map(s -> "“" + s.definition().name() + "”").orElse("The survey");
        try {
            change.accept(surveyId);
            redirect.addFlashAttribute("notice", name + outcome);
        } catch (ApiProblem problem) {
            redirect.addFlashAttribute("problem", problem.getMessage());
        }
        return "redirect:/console/surveys";
    }
}
