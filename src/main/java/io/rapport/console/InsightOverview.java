package io.rapport.console;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Supplier;

import io.rapport.insight.ActiveUsers;
import io.rapport.insight.CartAbandonment;
import io.rapport.insight.ChannelPerformance;
import io.rapport.insight.ChurnQuery;
import io.rapport.insight.ClvQuery;
import io.rapport.insight.ConversionFunnels;
import io.rapport.insight.CustomerChurn;
import io.rapport.insight.CustomerLifetimeValue;
import io.rapport.insight.FunnelQuery;
import io.rapport.insight.MetricDays;
import io.rapport.insight.MetricGrouping;
import io.rapport.insight.SavedFunnel;
import io.rapport.insight.SavedFunnels;
import io.rapport.platform.ApiProblem;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * The panels of the CX overview beyond the survey metrics and retention: active users, churn, cart abandonment, the
 * first saved funnel, channel performance and (for analysts) the CLV distribution, each drawn by its own page's chart
 * so the overview and the page always agree. A panel that cannot be computed for the chosen days (too little data,
 * a range its chart cannot draw) shows why instead of failing the whole page.
 */
@Component
class InsightOverview {

    /** The largest number of channel rows the overview lists; the channel page has them all. */
    private static final int CHANNEL_ROWS = 8;
    /** Churn is drawn per week up to this many days, per month beyond. */
    private static final int WEEKLY_CHURN_DAYS = 120;

    private final ActiveUsers activeUsers;
    private final CustomerChurn churn;
    private final CartAbandonment abandonment;
    private final ChannelPerformance channels;
    private final SavedFunnels savedFunnels;
    private final ConversionFunnels funnels;
    private final CustomerLifetimeValue lifetimeValue;
    private final Clock clock;
    private final JsonMapper json;

    InsightOverview(ActiveUsers activeUsers, CustomerChurn churn, CartAbandonment abandonment,
            ChannelPerformance channels, SavedFunnels savedFunnels, ConversionFunnels funnels,
            CustomerLifetimeValue lifetimeValue, Clock clock, JsonMapper json) {
        this.activeUsers = activeUsers;
        this.churn = churn;
        this.abandonment = abandonment;
        this.channels = channels;
        this.savedFunnels = savedFunnels;
        this.funnels = funnels;
        this.lifetimeValue = lifetimeValue;
        this.clock = clock;
        this.json = json;
    }

    /** Adds each panel's chart (as JSON) or, when it cannot be drawn, its reason ({@code …Problem}) to the model. */
    void addTo(Model model, MetricDays days, boolean analyst) {
        panel(model, "active", () -> ActiveUsersPage.activeChart(activeUsers, days, null,
                activeUsers.report(days.from(), days.to(), MetricGrouping.DAY, null)));
        panel(model, "churn", () -> ChurnPage.chart(churn.report(churnQuery(days))));
        model.addAttribute("churnDrill", UriComponentsBuilder.fromPath("/console/insight/churn/customers")
                .queryParam("from", days.from()).queryParam("to", days.to())
                .queryParam("groupBy", churnGrouping(days)).toUriString());
        panel(model, "abandonment", () -> AbandonmentPage.chart(abandonment.report(new CartAbandonment.Query(
                days.from(), days.to(), InsightCharts.groupingFor(days.from(), days.to()), abandonment.defaultHours(),
                null))));
        ChannelPerformance.Report byChannel = channels.report(days.from(), days.to(),
                ChannelPerformance.Dimension.CHANNEL);
        model.addAttribute("channelsChart", json.writeValueAsString(ChannelsPage.chart(byChannel)));
        model.addAttribute("channelRows", byChannel.rows().stream().limit(CHANNEL_ROWS).map(ChannelsPage::row).toList());
        List<SavedFunnel> saved = savedFunnels.list();
        model.addAttribute("funnel", saved.isEmpty() ? null : saved.getFirst());
        if (!saved.isEmpty()) {
            SavedFunnel first = saved.getFirst();
            panel(model, "funnel", () -> FunnelsPage.Chart.of(funnels.report(FunnelQuery.of(first,
                    days.from(), days.to(), null))));
            model.addAttribute("funnelDropoff", UriComponentsBuilder.fromPath("/console/insight/funnels/{id}/dropoff")
                    .queryParam("from", days.from()).queryParam("to", days.to()).buildAndExpand(first.id())
                    .toUriString());
        }
        if (analyst) {
            panel(model, "clv", () -> ClvPage.histogram(lifetimeValue.report(ClvQuery.of(null, null, null, null,
                    null), 1, null).summary().valueDistribution(), true));
        }
    }

    private void panel(Model model, String name, Supplier<Object> chart) {
        try {
            model.addAttribute(name + "Chart", json.writeValueAsString(chart.get()));
        } catch (ApiProblem problem) {
            if (problem.status() != HttpStatus.BAD_REQUEST && problem.status() != HttpStatus.UNPROCESSABLE_CONTENT) {
                throw problem;
            }
            model.addAttribute(name + "Problem", problem.getMessage());
        }
    }

    private ChurnQuery churnQuery(MetricDays days) {
        return ChurnQuery.of(null, null, null, null, days.from().toString(), days.to().toString(),
                churnGrouping(days), clock);
    }

    private static String churnGrouping(MetricDays days) {
        long span = ChronoUnit.DAYS.between(days.from(), days.to()) + 1;
        return span <= WEEKLY_CHURN_DAYS ? "week" : "month";
    }
}
