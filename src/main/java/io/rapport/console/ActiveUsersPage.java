package io.rapport.console;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.rapport.customer.Channel;
import io.rapport.customer.Customer;
import io.rapport.customer.Customers;
import io.rapport.customer.Identifier;
import io.rapport.insight.ActiveUsers;
import io.rapport.insight.MetricDays;
import io.rapport.insight.MetricGrouping;
import io.rapport.insight.RetentionVariant;
import io.rapport.insight.VisitorRetention;
import io.rapport.platform.ApiProblem;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.csv.CSVPrinter;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;

/**
 * Active users (DAU, WAU, MAU and stickiness), their lifecycle per week or month, and visitor retention by first-seen
 * week: charts, definitions, tables, CSV downloads, and the persons behind a point of a chart.
 */
@Controller
@RequestMapping("/console/insight")
@PreAuthorize("hasAnyRole('ANALYST', 'MARKETER')")
class ActiveUsersPage {

    private static final int DRILL_DOWN = 100;
    private static final List<String> CHANNELS = Arrays.stream(Channel.values())
            .map(c -> c.name().toLowerCase(Locale.ROOT)).toList();

    private final ActiveUsers activeUsers;
    private final VisitorRetention visitorRetention;
    private final Customers customers;
    private final Clock clock;
    private final JsonMapper json;

    ActiveUsersPage(ActiveUsers activeUsers, VisitorRetention visitorRetention, Customers customers, Clock clock,
            JsonMapper json) {
        this.activeUsers = activeUsers;
        this.visitorRetention = visitorRetention;
        this.customers = customers;
        this.clock = clock;
        this.json = json;
    }

    /** The active-users chart: per day its DAU, the WAU of its week and the MAU of its month. */
    record ActiveChart(List<String> days, List<Long> daily, List<String> weeks, List<Long> weekly, List<String> months,
            List<Long> monthly) {
    }

    /** The lifecycle chart: per period its new, returning and resurrecting persons, and the dormant below zero. */
    record LifecycleChart(String period, List<String> labels, List<Long> newPersons, List<Long> returning,
            List<Long> resurrecting, List<Long> dormant) {
    }

    @GetMapping("/active")
    String active(@RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable String channel,
            @RequestParam(defaultValue = "week") String period, Model model) {
        MetricDays days = dailyDays(from, to);
        Channel wanted = ActiveUsers.channel(channel);
        MetricGrouping lifecyclePeriod = lifecyclePeriod(period);
        ActiveUsers.Report daily = activeUsers.report(days.from(), days.to(), MetricGrouping.DAY, wanted);
        ActiveUsers.Lifecycle lifecycle = activeUsers.lifecycle(days.from(), days.to(), lifecyclePeriod, wanted);
        model.addAttribute("from", days.from().toString());
        model.addAttribute("to", days.to().toString());
        model.addAttribute("channel", wanted == null ? "" : wanted.name().toLowerCase(Locale.ROOT));
        model.addAttribute("channels", CHANNELS);
        model.addAttribute("period", lifecyclePeriod.wire());
        model.addAttribute("stickiness", daily.stickiness());
        model.addAttribute("lifecycle", lifecycle.series());
        model.addAttribute("activeChart", json.writeValueAsString(activeChart(activeUsers, days, wanted, daily)));
        model.addAttribute("lifecycleChart", json.writeValueAsString(new LifecycleChart(lifecyclePeriod.wire(),
                lifecycle.series().stream().map(ActiveUsers.LifecyclePoint::key).toList(),
                lifecycle.series().stream().map(ActiveUsers.LifecyclePoint::newPersons).toList(),
                lifecycle.series().stream().map(ActiveUsers.LifecyclePoint::returning).toList(),
                lifecycle.series().stream().map(ActiveUsers.LifecyclePoint::resurrecting).toList(),
                lifecycle.series().stream().map(ActiveUsers.LifecyclePoint::dormant).toList())));
        return "console/insight-active";
    }

    @GetMapping("/active/export")
    void exportActive(@RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable String channel, HttpServletResponse response) throws IOException {
        MetricDays days = dailyDays(from, to);
        Channel wanted = ActiveUsers.channel(channel);
        ActiveChart chart = activeChart(activeUsers, days, wanted,
                activeUsers.report(days.from(), days.to(), MetricGrouping.DAY, wanted));
        try (CSVPrinter csv = InsightPage.csv(response, "active-users")) {
            csv.printRecord("day", "dau", "week", "wau", "month", "mau");
            for (int i = 0; i < chart.days().size(); i++) {
                csv.printRecord(chart.days().get(i), chart.daily().get(i), chart.weeks().get(i), chart.weekly().get(i),
                        chart.months().get(i), chart.monthly().get(i));
            }
        }
    }

    @GetMapping("/active/lifecycle/export")
    void exportLifecycle(@RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable String channel,
            @RequestParam(defaultValue = "week") String period, HttpServletResponse response) throws IOException {
        MetricDays days = MetricDays.of(from, to, clock);
        ActiveUsers.Lifecycle lifecycle = activeUsers.lifecycle(days.from(), days.to(), lifecyclePeriod(period),
                ActiveUsers.channel(channel));
        try (CSVPrinter csv = InsightPage.csv(response, "lifecycle")) {
            csv.printRecord("period", "active", "new", "returning", "resurrecting", "dormant");
            for (ActiveUsers.LifecyclePoint point : lifecycle.series()) {
                csv.printRecord(point.key(), point.active(), point.newPersons(), point.returning(),
                        point.resurrecting(), point.dormant());
            }
        }
    }

    record Person(String person, @Nullable String customerId) {
    }

    /** The persons behind a point: active in (or new, returning, resurrecting, dormant in) one day, week or month. */
    @GetMapping("/active/persons")
    String persons(@RequestParam String grain, @RequestParam String period,
            @RequestParam(required = false) @Nullable String channel,
            @RequestParam(defaultValue = "active") String state, Model model) {
        MetricGrouping wantedGrain = MetricGrouping.fromWire(grain)
                .filter(g -> g == MetricGrouping.DAY || g == MetricGrouping.WEEK || g == MetricGrouping.MONTH)
                .orElseThrow(() -> ApiProblem.invalidField("grain", "grain is day, week or month."));
        ActiveUsers.State wantedState = Arrays.stream(ActiveUsers.State.values())
                .filter(s -> s.wire().equalsIgnoreCase(state.strip())).findFirst()
                .orElseThrow(() -> ApiProblem.invalidField("state", "state is active, new, returning, resurrecting "
                        + "or dormant."));
        LocalDate start = wantedGrain.periodOf(day("period", period));
        model.addAttribute("persons", people(activeUsers.personsBehind(wantedGrain, start, ActiveUsers.channel(channel),
                wantedState, DRILL_DOWN)));
        model.addAttribute("heading", wantedState.wire() + " in the " + wantedGrain.wire() + " of " + start
                + (channel == null || channel.isBlank() ? "" : ", " + channel.strip()));
        model.addAttribute("limit", DRILL_DOWN);
        return "console/insight-drill :: persons";
    }

    @GetMapping("/visitors")
    String visitors(@RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(defaultValue = "in") String variant, Model model) {
        MetricDays days = MetricDays.of(from, to, clock);
        VisitorRetention.Table table = visitorRetention.table(days.from(), days.to(), InsightPage.variant(variant));
        model.addAttribute("from", days.from().toString());
        model.addAttribute("to", days.to().toString());
        model.addAttribute("variant", table.variant().wire());
        model.addAttribute("table", table);
        model.addAttribute("heatmap", json.writeValueAsString(InsightCharts.heatmap(table.variant().wire(),
                table.cohorts().stream().map(c -> c.week().toString()).toList(),
                table.cohorts().stream().map(VisitorRetention.Cohort::size).toList(),
                table.cohorts().stream().map(VisitorRetention.Cohort::active).toList(),
                table.cohorts().stream().map(VisitorRetention.Cohort::percent).toList())));
        return "console/insight-visitors";
    }

    @GetMapping("/visitors/export")
    void exportVisitors(@RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to, @RequestParam(defaultValue = "in") String variant,
            HttpServletResponse response) throws IOException {
        MetricDays days = MetricDays.of(from, to, clock);
        VisitorRetention.Table table = visitorRetention.table(days.from(), days.to(), InsightPage.variant(variant));
        try (CSVPrinter csv = InsightPage.csv(response, "visitor-retention")) {
            csv.printRecord("cohort_week", "size", "week", "visitors", "percent");
            for (VisitorRetention.Cohort cohort : table.cohorts()) {
                for (int k = 0; k < cohort.active().size(); k++) {
                    csv.printRecord(cohort.week(), cohort.size(), k, cohort.active().get(k), cohort.percent().get(k));
                }
            }
        }
    }

    /** The visitors behind a cell of the heatmap: the cohort's persons active in week k (or then or later). */
    @GetMapping("/visitors/persons")
    String visitorsBehind(@RequestParam String cohort, @RequestParam int period,
            @RequestParam(defaultValue = "in") String variant, Model model) {
        LocalDate week = MetricGrouping.WEEK.periodOf(day("cohort", cohort));
        RetentionVariant wanted = InsightPage.variant(variant);
        model.addAttribute("persons", people(visitorRetention.visitors(week, period, wanted, DRILL_DOWN)));
        model.addAttribute("heading", "first seen in the week of " + week + ", active in week +" + period
                + (wanted == RetentionVariant.IN_OR_AFTER ? " or later" : ""));
        model.addAttribute("limit", DRILL_DOWN);
        return "console/insight-drill :: persons";
    }

    /** DAU per day with the WAU of its week and the MAU of its month; also drawn on the CX overview. */
    static ActiveChart activeChart(ActiveUsers activeUsers, MetricDays days, @Nullable Channel channel,
            ActiveUsers.Report daily) {
        Map<String, Long> weekly = totals(activeUsers.report(days.from(), days.to(), MetricGrouping.WEEK, channel));
        Map<String, Long> monthly = totals(activeUsers.report(days.from(), days.to(), MetricGrouping.MONTH, channel));
        List<String> dayKeys = daily.series().stream().map(ActiveUsers.Point::key).toList();
        List<String> weeks = dayKeys.stream().map(d -> MetricGrouping.WEEK.periodOf(LocalDate.parse(d)).toString())
                .toList();
        List<String> months = dayKeys.stream().map(d -> YearMonth.from(LocalDate.parse(d)).atDay(1).toString())
                .toList();
        return new ActiveChart(dayKeys, daily.series().stream().map(ActiveUsers.Point::active).toList(), weeks,
                weeks.stream().map(w -> weekly.getOrDefault(w, 0L)).toList(), months,
                months.stream().map(m -> monthly.getOrDefault(m, 0L)).toList());
    }

    private static Map<String, Long> totals(ActiveUsers.Report report) {
        Map<String, Long> totals = new HashMap<>();
        report.series().forEach(point -> totals.put(point.key(), point.active()));
        return totals;
    }

    private List<Person> people(List<String> identifiers) {
        return identifiers.stream().map(p -> new Person(Identifier.decode(p).value(), customerOf(p))).toList();
    }

    private @Nullable String customerOf(String identifier) {
        Optional<Customer.Id> id = customers.find(Identifier.decode(identifier));
        return id.map(Customer.Id::toString).orElse(null);
    }

    /** The days of the page's chart, which draws every day: at most {@link ActiveUsers#MAX_DAY_POINTS}. */
    private MetricDays dailyDays(@Nullable String from, @Nullable String to) {
        MetricDays days = MetricDays.of(from, to, clock);
        long span = ChronoUnit.DAYS.between(days.from(), days.to()) + 1;
        if (span > ActiveUsers.MAX_DAY_POINTS) {
            throw ApiProblem.invalidField("from", "The chart shows at most " + ActiveUsers.MAX_DAY_POINTS
                    + " days; choose a shorter range.");
        }
        return days;
    }

    private static MetricGrouping lifecyclePeriod(String period) {
        return MetricGrouping.fromWire(period).filter(g -> g == MetricGrouping.WEEK || g == MetricGrouping.MONTH)
                .orElseThrow(() -> ApiProblem.invalidField("period", "Choose week or month."));
    }

    private static LocalDate day(String field, String text) {
        LocalDate day = MetricDays.day(field, text);
        if (day == null) {
            throw ApiProblem.invalidField(field, "Give a day such as 2026-01-31.");
        }
        return day;
    }
}
