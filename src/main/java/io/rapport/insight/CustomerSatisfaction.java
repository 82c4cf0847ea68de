package io.rapport.insight;

import io.rapport.feedback.SurveyType;
import org.jspecify.annotations.Nullable;

/** Customer satisfaction (CSAT) on 1–5: the share of satisfied answers (4 or 5), with its Wilson 95% interval. */
public final class CustomerSatisfaction {

    public static final String FORMULA = "CSAT = 100 × responses scoring 4 or 5 ÷ responses (scale 1–5)";

    private CustomerSatisfaction() {
    }

    public static @Nullable Estimate of(ScoreCounts counts) {
        return Proportion.percent(counts.of(SurveyType.CSAT).within(io.rapport.feedback.ScoreCounts.CSAT_SATISFIED),
                counts.n());
    }
}
