package io.rapport.insight.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.rapport.insight.ClvReport;

/** Equal-width buckets over [from, to]; values above {@code to} go into the last bucket, which says so by its end. */
final class Histogram {

    private Histogram() {
    }

    static List<ClvReport.Bucket> of(double[] values, double from, double to, int buckets) {
        double top = to > from ? to : from + 1;
        double width = (top - from) / buckets;
        int[] counts = new int[buckets];
        double max = top;
        for (double value : values) {
            int i = (int) Math.floor((value - from) / width);
            counts[Math.max(0, Math.min(buckets - 1, i))]++;
            max = Math.max(max, value);
        }
        List<ClvReport.Bucket> result = new ArrayList<>(buckets);
        for (int i = 0; i < buckets; i++) {
            result.add(new ClvReport.Bucket(from + i * width, i == buckets - 1 ? max : from + (i + 1) * width,
                    counts[i]));
        }
        return result;
    }

    /** The value below which the given share of the values lie (nearest rank). */
    static double upperQuantile(double[] values, double share) {
        if (values.length == 0) {
            return 0;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(share * sorted.length) - 1)];
    }
}
