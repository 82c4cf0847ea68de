package io.rapport.insight;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import io.rapport.feedback.SurveyType;
import org.jspecify.annotations.Nullable;

/** The survey metrics, each computed from the score counts of the surveys of one type. */
public enum SurveyMetric {

    NPS(SurveyType.NPS, NetPromoterScore.FORMULA),
    CSAT(SurveyType.CSAT, CustomerSatisfaction.FORMULA),
    CES(SurveyType.CES, CustomerEffort.FORMULA);

    private final SurveyType type;
    private final String formula;

    SurveyMetric(SurveyType type, String formula) {
        this.type = type;
        this.formula = formula;
    }

    public SurveyType type() {
        return type;
    }

    public String formula() {
        return formula;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<SurveyMetric> fromWire(String text) {
        return Arrays.stream(values()).filter(m -> m.wire().equalsIgnoreCase(text.strip())).findFirst();
    }

    /** The headline value: NPS in points, CSAT in percent, CES as the mean answer. */
    public @Nullable Estimate value(ScoreCounts counts) {
        return switch (this) {
            case NPS -> NetPromoterScore.of(counts);
            case CSAT -> CustomerSatisfaction.of(counts);
            case CES -> CustomerEffort.mean(counts);
        };
    }

    /** A second figure where the metric has one: CES's share of answers from 5 to 7. */
    public @Nullable Estimate share(ScoreCounts counts) {
        return this == CES ? CustomerEffort.easyShare(counts) : null;
    }
}
