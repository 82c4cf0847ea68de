package io.rapport.insight.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The window derived from counts of gap lengths is the nearest-rank percentile of every gap, sorted. */
class InactivityWindowProperties {

    private static final LocalDate START = LocalDate.of(2024, 1, 1);

    @Property
    void the_derived_window_is_the_percentile_of_all_gaps_up_to_the_end(
            @ForAll @Size(max = 30) List<@Size(max = 12) List<@IntRange(max = 1200) Integer>> purchaseDays,
            @ForAll @DoubleRange(min = 0.01, max = 100) double percentile,
            @ForAll @IntRange(max = 1300) int endDay) {
        List<PurchaseHistories.Buyer> buyers = new ArrayList<>();
        List<Integer> gaps = new ArrayList<>();
        for (List<Integer> offsets : purchaseDays) {
            TreeSet<Integer> days = new TreeSet<>(offsets);
            if (days.isEmpty()) {
                continue;
            }
            buyers.add(new PurchaseHistories.Buyer("p" + buyers.size(), new PurchaseDays(days.stream()
                    .map(day -> new PurchaseDays.Day(START.plusDays(day), 0)).toList())));
            Integer previous = null;
            for (int day : days.headSet(endDay, true)) {
                if (previous != null) {
                    gaps.add(day - previous);
                }
                previous = day;
            }
        }

        var derived = InactivityWindow.derive(buyers, START.plusDays(endDay), percentile);

        if (gaps.isEmpty()) {
            assertThat(derived).isEmpty();
        } else {
            double[] all = gaps.stream().mapToDouble(Integer::doubleValue).toArray();
            assertThat(derived).hasValueSatisfying(window -> {
                assertThat(window.days()).isEqualTo((int) Histogram.upperQuantile(all, percentile / 100));
                assertThat(window.gaps()).isEqualTo(gaps.size());
            });
        }
    }
}
