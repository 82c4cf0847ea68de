package io.rapport.insight.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.rapport.insight.ChurnReport;
import org.jspecify.annotations.Nullable;

/**
 * Model churn: BG/NBD is fitted on the buyers' purchase days up to the end of the day judged (a fit is reused while
 * the purchases change little, see {@link RefitPolicy}), and a buyer is churned
 * when their P(alive) then is below {@code threshold}, at risk when it is below halfway from the threshold to 1.
 * A buyer without repeat purchases is alive by the model's definition (dropout follows a purchase).
 */
record AliveProbability(List<PurchaseHistories.Buyer> buyers, PurchaseHistories.Version version, double threshold,
        ChurnModels models) implements ChurnRule {

    /** The model fitted on the purchase days up to the end of {@code day}; empty with too little data. */
    Optional<BetaGeometricNbd.Fit> fitAt(LocalDate day) {
        return models.fit(day, version, () -> summaries(day).stream().flatMap(Optional::stream).toList());
    }

    @Override
    public Optional<List<@Nullable Standing>> at(LocalDate day) {
        List<Optional<RepeatBuyer>> summaries = summaries(day);
        Optional<BetaGeometricNbd.Fit> fit = models.fit(day, version,
                () -> summaries.stream().flatMap(Optional::stream).toList());
        if (fit.isEmpty()) {
            return Optional.empty();
        }
        BetaGeometricNbd model = fit.get().model();
        List<@Nullable Standing> standings = new ArrayList<>(summaries.size());
        for (Optional<RepeatBuyer> summary : summaries) {
            standings.add(summary.map(c -> standing(model.probabilityAlive(c))).orElse(null));
        }
        return Optional.of(standings);
    }

    private List<Optional<RepeatBuyer>> summaries(LocalDate day) {
        return buyers.stream().map(buyer -> buyer.days().summaryAt(day)).toList();
    }

    private Standing standing(double alive) {
        ChurnReport.Status status = alive < threshold ? ChurnReport.Status.CHURNED
                : alive < (1 + threshold) / 2 ? ChurnReport.Status.AT_RISK : ChurnReport.Status.ACTIVE;
        return new Standing(status, alive);
    }
}
