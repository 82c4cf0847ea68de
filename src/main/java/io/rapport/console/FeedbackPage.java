package io.rapport.console;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.rapport.collect.Page;
import io.rapport.customer.Customer;
import io.rapport.customer.Customers;
import io.rapport.customer.Identifier;
import io.rapport.feedback.FeedbackFilter;
import io.rapport.feedback.FeedbackInbox;
import io.rapport.feedback.FeedbackItem;
import io.rapport.feedback.FeedbackSummary;
import io.rapport.feedback.Sentiment;
import io.rapport.feedback.Survey;
import io.rapport.feedback.Surveys;
import io.rapport.feedback.TextAnalyzer;
import io.rapport.feedback.TopicRule;
import io.rapport.feedback.TopicRules;
import io.rapport.platform.ApiProblem;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;

/**
 * The feedback inbox across all sources: filters, sentiment per day and the most frequent topics (click to filter),
 * the items newest first with their customer, survey and reading, and the CSV export of the filtered list.
 */
@Controller
@RequestMapping("/console/feedback")
@PreAuthorize("hasAnyRole('ANALYST', 'MARKETER', 'AGENT')")
class FeedbackPage {

    private static final int PAGE = 50;
    /** Longer spans are charted per month: a bar per day would be too thin to read. */
    private static final int MAX_CHART_DAYS = 120;
    private static final int CHART_TOPICS = 15;

    private final FeedbackInbox inbox;
    private final TopicRules topics;
    private final Surveys surveys;
    private final Customers customers;
    private final Clock clock;
    private final JsonMapper json;

    FeedbackPage(FeedbackInbox inbox, TopicRules topics, Surveys surveys, Customers customers, Clock clock,
            JsonMapper json) {
        this.inbox = inbox;
        this.topics = topics;
        this.surveys = surveys;
        this.customers = customers;
        this.clock = clock;
        this.json = json;
    }

    record Row(String id, String received, String receivedAgo, String source, String text, String author,
            @Nullable String customerId, String survey, String score, String language, String sentiment,
            String sentimentClass, String sentimentScore, List<String> topics, String orderId) {
    }

    /** One bar of the sentiment chart: its label and the days it covers, for the filter a click sets. */
    record Period(String label, String from, String to) {
    }

    record Chart(List<Period> periods, List<Long> negative, List<Long> neutral, List<Long> positive,
            List<FeedbackSummary.Count> topics) {
    }

    @GetMapping
    String list(@ModelAttribute FeedbackFilterForm form, @RequestParam(required = false) @Nullable String before,
            Model model, HttpServletResponse response) {
        model.addAttribute("form", form);
        model.addAttribute("languages", languageOptions());
        model.addAttribute("sentiments", List.of(new Labels.Option("negative", "Negative"),
                new Labels.Option("neutral", "Neutral"), new Labels.Option("positive", "Positive")));
        model.addAttribute("topics", topicNames());
        model.addAttribute("sources", List.of(new Labels.Option(FeedbackItem.SURVEY, "Survey comments"),
                new Labels.Option(FeedbackItem.REVIEW, "Product reviews"),
                new Labels.Option(FeedbackItem.EVENT, "Other feedback events")));
        model.addAttribute("surveys", surveys.list(null).stream()
                .map(s -> new Labels.Option(s.id().toString(), s.definition().name())).toList());
        model.addAttribute("filtered", form.filtered());
        model.addAttribute("paged", before != null);
        model.addAttribute("clearLink", "/console/feedback");
        model.addAttribute("newestLink", form.link("/console/feedback", Map.of()));
        model.addAttribute("exportLink", form.link("/console/feedback/export", Map.of()));
        FeedbackFilter filter;
        try {
            filter = form.filter();
        } catch (ApiProblem problem) {
            response.setStatus(problem.status().value());
            model.addAttribute("problem", problem.getMessage());
            model.addAttribute("rows", List.of());
            model.addAttribute("chart", json.writeValueAsString(chart(new FeedbackSummary(0, List.of(), List.of(),
                    List.of()))));
            return "console/feedback";
        }
        Page<FeedbackItem> page = inbox.find(filter, PAGE, before);
        Instant now = clock.instant();
        Map<UUID, String> surveyNames = new HashMap<>();
        model.addAttribute("rows", page.items().stream().map(item -> row(item, now, surveyNames)).toList());
        model.addAttribute("olderLink", page.next() == null ? null
                : form.link("/console/feedback", Map.of("before", page.next())));
        FeedbackSummary summary = inbox.summary(filter);
        model.addAttribute("total", summary.total());
        model.addAttribute("chart", json.writeValueAsString(chart(summary)));
        return "console/feedback";
    }

    /** Every item the filters select, as CSV, streamed as it is read. */
    @GetMapping("/export")
    @PreAuthorize("hasAnyRole('ANALYST', 'MARKETER')")
    void export(@ModelAttribute FeedbackFilterForm form, HttpServletResponse response) throws IOException {
        FeedbackFilter filter = form.filter();
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename("feedback-" + LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC) + ".csv").build()
                .toString());
        FeedbackCsv.write(response.getWriter(), inbox, filter);
    }

    private List<Labels.Option> languageOptions() {
        List<Labels.Option> options = new ArrayList<>();
        for (String code : TextAnalyzer.LANGUAGES) {
            options.add(new Labels.Option(code, Labels.language(code) + " (" + code + ")"));
        }
        return options;
    }

    private List<String> topicNames() {
        Set<String> names = new LinkedHashSet<>();
        topics.current().rules().stream().map(TopicRule::topic).forEach(names::add);
        return List.copyOf(names);
    }

    private Row row(FeedbackItem item, Instant now, Map<UUID, String> surveyNames) {
        String author = "anonymous";
        String customerId = null;
        if (item.identifier() != null) {
            Identifier id = Identifier.decode(item.identifier());
            author = id.type() == Identifier.Type.USER_ID ? id.value() : Labels.identifier(id.type()) + " " + id.value();
            customerId = customers.find(id).map(Customer.Id::toString).orElse(null);
        }
        String survey = item.surveyId() == null ? "" : surveyNames.computeIfAbsent(item.surveyId(),
                id -> surveys.find(new Survey.Id(id)).map(s -> s.definition().name()).orElse("(deleted survey)"));
        Sentiment sentiment = item.analysis().sentiment();
        return new Row(item.id().toString(), Times.full(item.receivedAt()), Times.relative(item.receivedAt(), now),
                sourceLabel(item.source()), item.text(), author, customerId, survey,
                item.score() == null ? "" : item.score().toString(), item.analysis().language(),
                sentiment.name().charAt(0) + sentiment.name().substring(1).toLowerCase(Locale.ROOT),
                "sentiment-" + sentiment.name().toLowerCase(Locale.ROOT),
                String.format(Locale.ROOT, "%+.2f", item.analysis().score()), item.analysis().topics(),
                item.orderId() == null ? "" : item.orderId());
    }

    private static String sourceLabel(String source) {
        return switch (source) {
            case FeedbackItem.SURVEY -> "Survey";
            case FeedbackItem.REVIEW -> "Review";
            default -> "Event";
        };
    }

    /** Per day, or per month when the days span more than {@link #MAX_CHART_DAYS}; days without items included. */
    private static Chart chart(FeedbackSummary summary) {
        List<FeedbackSummary.Count> top = summary.topics().stream().limit(CHART_TOPICS).toList();
        if (summary.days().isEmpty()) {
            return new Chart(List.of(), List.of(), List.of(), List.of(), top);
        }
        LocalDate start = summary.days().getFirst().day();
        LocalDate end = summary.days().getLast().day();
        boolean monthly = ChronoUnit.DAYS.between(start, end) >= MAX_CHART_DAYS;
        Map<String, Period> periods = new LinkedHashMap<>();
        for (LocalDate d = start; !d.isAfter(end); d = d.plusDays(1)) {
            if (monthly) {
                YearMonth month = YearMonth.from(d);
                periods.putIfAbsent(month.toString(), new Period(month.toString(), month.atDay(1).toString(),
                        month.atEndOfMonth().toString()));
            } else {
                periods.put(d.toString(), new Period(d.toString(), d.toString(), d.toString()));
            }
        }
        List<String> keys = List.copyOf(periods.keySet());
        long[][] counts = new long[3][keys.size()];
        for (FeedbackSummary.Day day : summary.days()) {
            int i = keys.indexOf(monthly ? YearMonth.from(day.day()).toString() : day.day().toString());
            counts[0][i] += day.negative();
            counts[1][i] += day.neutral();
            counts[2][i] += day.positive();
        }
        return new Chart(List.copyOf(periods.values()), boxed(counts[0]), boxed(counts[1]), boxed(counts[2]), top);
    }

    private static List<Long> boxed(long[] values) {
        return Arrays.stream(values).boxed().toList();
    }
}
