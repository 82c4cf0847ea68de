package io.rapport.insight.internal;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.rapport.insight.ChurnReport;
import org.jspecify.annotations.Nullable;

/**
 * Simple churn: a buyer is churned at the end of a day when their last purchase up to it is more than {@code days}
 * days before it, and at risk when it is more than half of them before.
 */
record InactivityWindow(List<PurchaseHistories.Buyer> buyers, int days) implements ChurnRule {

    /**
     * The window as the {@code percentile}-th percentile (nearest rank) of the days between consecutive purchase
     * days of repeat buyers up to {@code end}; empty when nobody bought twice.
     */
    static Optional<Derived> derive(List<PurchaseHistories.Buyer> buyers, LocalDate end, double percentile) {
        List<Integer> gaps = new ArrayList<>();
        buyers.forEach(buyer -> buyer.days().gapsUntil(end, gaps::add));
        if (gaps.isEmpty()) {
            return Optional.empty();
        }
        double[] values = gaps.stream().mapToDouble(Integer::doubleValue).toArray();
        return Optional.of(new Derived((int) Histogram.upperQuantile(values, percentile / 100), gaps.size()));
    }

    /** A window derived from {@code gaps} gaps between purchases. */
    record Derived(int days, long gaps) {
    }

    @Override
    public Optional<List<@Nullable Standing>> at(LocalDate day) {
        List<@Nullable Standing> standings = new ArrayList<>(buyers.size());
        for (PurchaseHistories.Buyer buyer : buyers) {
            standings.add(buyer.days().lastOnOrBefore(day).map(last -> standing(ChronoUnit.DAYS.between(last, day)))
                    .orElse(null));
        }
        return Optional.of(standings);
    }

    private Standing standing(long daysSinceLast) {
        ChurnReport.Status status = daysSinceLast > days ? ChurnReport.Status.CHURNED
                : 2 * daysSinceLast > days ? ChurnReport.Status.AT_RISK : ChurnReport.Status.ACTIVE;
        return new Standing(status, null);
    }
}
