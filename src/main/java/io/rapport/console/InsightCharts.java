package io.rapport.console;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.rapport.insight.Estimate;
import io.rapport.insight.MetricGrouping;
import io.rapport.insight.MetricPoint;
import io.rapport.insight.Retention;
import io.rapport.insight.SurveyMetrics;
import org.jspecify.annotations.Nullable;

/** What the insight pages' ECharts draw, as the JSON the page carries. */
final class InsightCharts {

    private InsightCharts() {
    }

    /** A metric trend: per period its value and 95% interval (null where nobody answered) and n. */
    record Trend(String metric, String formula, String grouping, List<String> labels, List<String> ends,
            List<@Nullable Double> values,
            List<@Nullable Double> lows, List<@Nullable Double> highs, List<Long> n, @Nullable Double total,
            long totalN) {
    }

    /** The retention heatmap: cohort months (rows), periods k (columns), and [k, row, percent, buyers] cells. */
    record Heatmap(String variant, List<String> cohorts, List<Long> sizes, int periods, List<List<Number>> cells) {
    }

    /** Days are grouped so that a trend has a readable number of points. */
    static MetricGrouping groupingFor(LocalDate from, LocalDate to) {
        long days = ChronoUnit.DAYS.between(from, to) + 1;
        return days <= 31 ? MetricGrouping.DAY : days <= 200 ? MetricGrouping.WEEK : MetricGrouping.MONTH;
    }

    static Trend trend(SurveyMetrics.Report report) {
        List<MetricPoint> series = report.series();
        return new Trend(report.metric().wire(), report.metric().formula(), report.groupBy().wire(),
                series.stream().map(MetricPoint::key).toList(),
                series.stream().map(p -> periodEnd(report.groupBy(), LocalDate.parse(p.key()), report.to()).toString())
                        .toList(),
                series.stream().map(p -> p.value() == null ? null : round(p.value().value())).toList(),
                series.stream().map(p -> p.value() == null ? null : round(p.value().low())).toList(),
                series.stream().map(p -> p.value() == null ? null : round(p.value().high())).toList(),
                series.stream().map(MetricPoint::n).toList(), value(report.total().value()), report.total().n());
    }

    /** The last day of the period that starts on {@code start}, at most {@code to}. */
    static LocalDate periodEnd(MetricGrouping grouping, LocalDate start, LocalDate to) {
        LocalDate end = switch (grouping) {
            case WEEK -> start.plusDays(6);
            case MONTH -> start.plusMonths(1).minusDays(1);
            default -> start;
        };
        return end.isAfter(to) ? to : end;
    }

    static Heatmap heatmap(Retention.Table table) {
        List<Retention.Cohort> cohorts = table.cohorts();
        return heatmap(table.variant().wire(), cohorts.stream().map(c -> c.month().toString()).toList(),
                cohorts.stream().map(Retention.Cohort::size).toList(),
                cohorts.stream().map(Retention.Cohort::active).toList(),
                cohorts.stream().map(Retention.Cohort::percent).toList());
    }

    /** A heatmap of cohorts (rows, with their sizes) and their counts and percentages per period k (columns). */
    static Heatmap heatmap(String variant, List<String> cohorts, List<Long> sizes, List<List<Long>> active,
            List<List<Double>> percent) {
        List<List<Number>> cells = new ArrayList<>();
        int periods = 0;
        for (int row = 0; row < cohorts.size(); row++) {
            periods = Math.max(periods, percent.get(row).size());
            for (int k = 0; k < percent.get(row).size(); k++) {
                cells.add(List.of(k, row, percent.get(row).get(k), active.get(row).get(k)));
            }
        }
        return new Heatmap(variant, cohorts, sizes, periods, cells);
    }

    static @Nullable Double value(@Nullable Estimate estimate) {
        return estimate == null ? null : round(estimate.value());
    }

    static @Nullable Double round(@Nullable Double value) {
        return value == null ? null : Math.round(value * 100) / 100.0;
    }

    /** Amounts per currency as one text: {@code EUR 19.00; USD 150.00}. */
    static String amounts(Map<String, BigDecimal> amounts) {
        return amounts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue().toPlainString())
                .collect(Collectors.joining("; "));
    }
}
