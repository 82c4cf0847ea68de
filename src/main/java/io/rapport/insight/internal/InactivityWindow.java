package io.rapport.insight.internal;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.IntConsumer;

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
        GapLengths gaps = new GapLengths();
        buyers.forEach(buyer -> buyer.days().gapsUntil(end, gaps));
        return gaps.total == 0 ? Optional.empty()
                : Optional.of(new Derived(gaps.percentile(percentile / 100), gaps.total));
    }

    /** How many gaps there are of each length: gaps are whole days, so a percentile needs no sort of every gap. */
    private static final class GapLengths implements IntConsumer {
        private int[] counts = new int[366];
        private long total;

        @Override
        public void accept(int gap) {
            if (gap >= counts.length) {
                counts = Arrays.copyOf(counts, Math.max(gap + 1, 2 * counts.length));
            }
            counts[gap]++;
            total++;
        }

        /** The length below which {@code share} of the gaps lie, by nearest rank as in Histogram.upperQuantile. */
        int percentile(double share) {
            long rank = Math.min(total - 1, (long) Math.ceil(share * total) - 1);
            int length = 0;
            long upTo = counts[0];
            while (upTo <= rank) {
                upTo += counts[++length];
            }
            return length;
        }
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

    private static final Standing ACTIVE = new Standing(ChurnReport.Status.ACTIVE, null);
    private static final Standing AT_RISK = new Standing(ChurnReport.Status.AT_RISK, null);
    private static final Standing CHURNED = new Standing(ChurnReport.Status.CHURNED, null);

    private Standing standing(long daysSinceLast) {
        return daysSinceLast > days ? CHURNED : 2 * daysSinceLast > days ? AT_RISK : ACTIVE;
    }
}
