package io.rapport.insight;

import org.jspecify.annotations.Nullable;

/**
 * One point of a metric's series: a period (its first day), a survey id or a channel, with the number of scored
 * responses, the metric's value and interval, its second figure (CES: % of 5–7) and the counts per score.
 */
public record MetricPoint(String key, long n, @Nullable Estimate value, @Nullable Estimate share, ScoreCounts counts) {

    static MetricPoint of(SurveyMetric metric, String key, ScoreCounts counts) {
        return new MetricPoint(key, counts.n(), metric.value(counts), metric.share(counts), counts);
    }
}
