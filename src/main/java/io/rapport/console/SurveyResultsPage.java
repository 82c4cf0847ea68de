package io.rapport.console;

import java.io.IOException;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import io.rapport.collect.Page;
import io.rapport.customer.Customer;
import io.rapport.customer.Customers;
import io.rapport.customer.Identifier;
import io.rapport.feedback.DailyScores;
import io.rapport.feedback.FeedbackInbox;
import io.rapport.feedback.FeedbackItem;
import io.rapport.feedback.ScoreCounts;
import io.rapport.feedback.ScoreRange;
import io.rapport.feedback.Survey;
import io.rapport.feedback.SurveyInvitations;
import io.rapport.feedback.SurveyResponse;
import io.rapport.feedback.SurveyResponses;
import io.rapport.feedback.SurveySharing;
import io.rapport.feedback.SurveyStats;
import io.rapport.feedback.SurveyType;
import io.rapport.feedback.TextAnalysis;
import io.rapport.feedback.Surveys;
import io.rapport.platform.ApiProblem;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;

/**
 * One survey's results over a span of days: the headline score of its type with its parts, its trend per day or
 * week, the distribution of scores, the invitation funnel, and the responses (filtered, paged, as CSV).
 */
@Controller
@RequestMapping("/console/surveys")
@PreAuthorize("hasAnyRole('ANALYST', 'MARKETER', 'AGENT')")
class SurveyResultsPage {

    private static final int PAGE_SIZE = 50;

    private final Surveys surveys;
    private final SurveyResponses responses;
    private final SurveyInvitations invitations;
    private final Customers customers;
    private final SurveySharing sharing;
    private final FeedbackInbox inbox;
    private final Clock clock;
    private final JsonMapper json;

    SurveyResultsPage(Surveys surveys, SurveyResponses responses, SurveyInvitations invitations, Customers customers,
            SurveySharing sharing, FeedbackInbox inbox, Clock clock, JsonMapper json) {
        this.surveys = surveys;
        this.sharing = sharing;
        this.inbox = inbox;
        this.responses = responses;
        this.invitations = invitations;
        this.customers = customers;
        this.clock = clock;
        this.json = json;
    }

    /** A part of the headline: "Promoters (9–10)", 4, "40%". */
    record Part(String label, long count, String percent) {
    }

    /** The trend: per period its label, the headline (null without responses) and the number of responses. */
    record Trend(String unit, String metric, List<String> labels, List<@Nullable Double> values, List<Long> counts) {
    }

    /** Responses per score of the scale, with each score's band colour. */
    record Distribution(List<String> scores, List<Long> counts, List<String> colors) {
    }

    record Row(String answered, String answeredAgo, @Nullable String customerId, String who, String channel,
            String locale, String score, String comment, @Nullable TextAnalysis analysis, String orderId,
            boolean complete) {
    }

    @GetMapping("/{id}")
    String results(@PathVariable UUID id, @ModelAttribute("filter") SurveyResultsFilter filter,
            @RequestParam(required = false) @Nullable String cursor, Model model) {
        Survey survey = survey(id);
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        model.addAttribute("survey", survey);
        model.addAttribute("statusLabel", SurveyLabels.status(survey.status()));
        model.addAttribute("typeLabel", SurveyLabels.type(survey.type()));
        model.addAttribute("channels", channels());
        model.addAttribute("shareChannel", SurveyInvitations.STORE);
        model.addAttribute("shareLink", sharing.link(survey.id(), SurveyInvitations.STORE, null, null));
        Optional<String> problem = filter.problem(today);
        if (problem.isPresent()) {
            model.addAttribute("problem", problem.get());
            return "console/survey-results";
        }
        SurveyResultsFilter.Days days = filter.days(today);
        model.addAttribute("from", days.first().toString());
        model.addAttribute("to", days.last().toString());
        model.addAttribute("weekly", filter.weekly(days));
        List<DailyScores> daily = responses.scoresPerDay(survey.id(), days.first(), days.last());
        ScoreCounts counts = daily.stream().map(DailyScores::counts).reduce(ScoreCounts.none(survey.type()),
                ScoreCounts::plus);
        boolean scored = survey.scoreQuestion().isPresent();
        model.addAttribute("scored", scored);
        model.addAttribute("headlineName", SurveyLabels.headlineName(survey.type()));
        model.addAttribute("headline", SurveyLabels.headline(counts));
        model.addAttribute("scoredResponses", counts.total());
        model.addAttribute("parts", parts(counts));
        model.addAttribute("trend", json.writeValueAsString(trend(survey.type(), daily, days, filter.weekly(days))));
        model.addAttribute("distribution", json.writeValueAsString(distribution(survey.type(), counts)));
        SurveyStats stats = surveys.stats(survey.id(), days.first(), days.last());
        model.addAttribute("stats", stats);
        Page<SurveyResponse> page = responses.find(filter.query(survey.id(), today, PAGE_SIZE, cursor));
        Map<String, FeedbackItem> analysed = inbox.ofSources(FeedbackItem.SURVEY,
                page.items().stream().map(r -> r.id().toString()).toList());
        model.addAttribute("rows", page.items().stream().map(r -> row(r, analysed.get(r.id().toString()), now)).toList());
        model.addAttribute("paged", cursor != null);
        String path = "/console/surveys/" + id;
        model.addAttribute("firstPage", filter.link(path, Map.of()));
        model.addAttribute("nextPage", page.next() == null ? null : filter.link(path, Map.of("cursor", page.next())));
        model.addAttribute("exportLink", filter.link(path + "/responses.csv", Map.of()));
        return "console/survey-results";
    }

    /**
     * The share panel: a signed link for a channel ({@code store} for a QR code at the counter or on receipts,
     * {@code link} to paste in messages), in a language and for an order if given, with its QR code.
     */
    @GetMapping("/{id}/share")
    String share(@PathVariable UUID id, @RequestParam(defaultValue = "store") String channel,
            @RequestParam(required = false) @Nullable String locale,
            @RequestParam(required = false) @Nullable String orderId, Model model) {
        Survey survey = survey(id);
        String givenLocale = blankToNull(locale);
        String givenOrder = blankToNull(orderId);
        model.addAttribute("survey", survey);
        model.addAttribute("shareChannel", channel);
        model.addAttribute("shareLocale", givenLocale);
        model.addAttribute("shareOrderId", givenOrder);
        try {
            model.addAttribute("shareLink", sharing.link(survey.id(), channel, givenLocale, givenOrder));
        } catch (ApiProblem problem) {
            model.addAttribute("shareProblem", problem.getMessage());
        }
        return "console/survey-results :: share";
    }

    @GetMapping(path = "/{id}/qr.png", produces = MediaType.IMAGE_PNG_VALUE)
    ResponseEntity<byte[]> qrCode(@PathVariable UUID id, @RequestParam(defaultValue = "store") String channel,
            @RequestParam(required = false) @Nullable String locale,
            @RequestParam(required = false) @Nullable String orderId,
            @RequestParam(defaultValue = "300") int size) {
        return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).cacheControl(CacheControl.noStore())
                .body(sharing.qrCode(survey(id).id(), channel, blankToNull(locale), blankToNull(orderId), size));
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** The responses the filters select, as CSV, at most {@link SurveyResponseCsv#MAX_ROWS}. */
    @GetMapping("/{id}/responses.csv")
    @PreAuthorize(SurveysPage.MANAGE)
    void export(@PathVariable UUID id, @ModelAttribute SurveyResultsFilter filter, HttpServletResponse response)
            throws IOException {
        Survey survey = survey(id);
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        filter.problem(today).ifPresent(problem -> {
            throw ApiProblem.badRequest(problem);
        });
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename("survey-responses-" + today + ".csv").build().toString());
        SurveyResponseCsv.write(response.getWriter(), cursor -> responses.find(filter.query(survey.id(), today,
                SurveyResponseCsv.PAGE_SIZE, cursor)), this::customerId);
    }

    private List<String> channels() {
        TreeSet<String> channels = new TreeSet<>(invitations.channels());
        channels.add(SurveyInvitations.LINK);
        channels.add(SurveyInvitations.STORE);
        return List.copyOf(channels);
    }

    /** The parts of the type's headline: NPS's promoters, passives and detractors; CSAT's and CES's agreeing share. */
    private static List<Part> parts(ScoreCounts counts) {
        return switch (counts.type()) {
            case NPS -> List.of(part("Promoters", ScoreCounts.NPS_PROMOTERS, counts),
                    part("Passives", ScoreCounts.NPS_PASSIVES, counts),
                    part("Detractors", ScoreCounts.NPS_DETRACTORS, counts));
            case CSAT -> List.of(part("Satisfied", ScoreCounts.CSAT_SATISFIED, counts),
                    part("Not satisfied", new ScoreRange(1, 3), counts));
            case CES -> List.of(part("Found it easy", ScoreCounts.CES_EASY, counts),
                    part("Did not", new ScoreRange(1, 4), counts));
            case CUSTOM -> List.of();
        };
    }

    private static Part part(String label, ScoreRange range, ScoreCounts counts) {
        return new Part(label + " (" + range + ")", counts.within(range),
                SurveyLabels.percent(counts.percentWithin(range)));
    }

    /** One point per day, or per week (from Monday), of the span; periods without responses have no value. */
    private static Trend trend(SurveyType type, List<DailyScores> daily, SurveyResultsFilter.Days days,
            boolean weekly) {
        Map<LocalDate, ScoreCounts> periods = new TreeMap<>();
        LocalDate start = weekly ? days.first().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                : days.first();
        for (LocalDate d = start; !d.isAfter(days.last()); d = d.plusDays(weekly ? 7 : 1)) {
            periods.put(d, ScoreCounts.none(type));
        }
        for (DailyScores day : daily) {
            LocalDate period = weekly ? day.day().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)) : day.day();
            periods.merge(period, day.counts(), ScoreCounts::plus);
        }
        List<String> labels = new ArrayList<>();
        List<@Nullable Double> values = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        periods.forEach((period, scores) -> {
            labels.add(weekly ? "week of " + period : period.toString());
            OptionalDouble headline = scores.headline();
            values.add(headline.isPresent() ? Math.round(headline.getAsDouble() * 10) / 10.0 : null);
            counts.add(scores.total());
        });
        return new Trend(weekly ? "week" : "day", SurveyLabels.headlineName(type), labels, values, counts);
    }

    private static Distribution distribution(SurveyType type, ScoreCounts counts) {
        List<String> scores = new ArrayList<>();
        List<Long> n = new ArrayList<>();
        List<String> colors = new ArrayList<>();
        for (int score = type.minScore(); score <= type.maxScore(); score++) {
            scores.add(Integer.toString(score));
            n.add(counts.byScore().getOrDefault(score, 0L));
            colors.add(band(type, score));
        }
        return new Distribution(scores, n, colors);
    }

    /** Red for the unhappy band, amber for the middle, green for the happy one (the headline's own bands). */
    private static String band(SurveyType type, int score) {
        String bad = "#b3261e";
        String middle = "#c07a12";
        String good = "#2f7d4f";
        return switch (type) {
            case NPS -> ScoreCounts.NPS_PROMOTERS.contains(score) ? good
                    : ScoreCounts.NPS_PASSIVES.contains(score) ? middle : bad;
            case CSAT -> ScoreCounts.CSAT_SATISFIED.contains(score) ? good : score == 3 ? middle : bad;
            case CES -> ScoreCounts.CES_EASY.contains(score) ? good : score == 4 ? middle : bad;
            case CUSTOM -> "#2f6f8f";
        };
    }

    private Row row(SurveyResponse r, @Nullable FeedbackItem comment, Instant now) {
        String who = "anonymous";
        if (r.identifier() != null) {
            who = decode(r.identifier()).map(i -> i.type() == Identifier.Type.USER_ID ? i.value()
                    : Labels.identifier(i.type()).toLowerCase(Locale.ROOT) + " " + i.value())
                    .orElse(r.identifier());
        }
        return new Row(Times.full(r.answeredAt()), Times.relative(r.answeredAt(), now), customerId(r), who,
                r.channel(), r.locale() == null ? "" : r.locale(), r.score() == null ? "" : r.score().toString(),
                r.comment() == null ? "" : r.comment(), comment == null ? null : comment.analysis(),
                r.orderId() == null ? "" : r.orderId(), r.complete());
    }

    /** The customer the response was made out to, if Rapport knows them. */
    private @Nullable String customerId(SurveyResponse response) {
        return response.identifier() == null ? null : decode(response.identifier()).flatMap(customers::find)
                .map(Customer.Id::toString).orElse(null);
    }

    private static Optional<Identifier> decode(String identifier) {
        try {
            return Optional.of(Identifier.decode(identifier));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private Survey survey(UUID id) {
        return surveys.find(new Survey.Id(id)).orElseThrow(() -> ApiProblem.notFound("There is no survey with the id "
                + id + ". It may have been deleted: see the survey list."));
    }
}
