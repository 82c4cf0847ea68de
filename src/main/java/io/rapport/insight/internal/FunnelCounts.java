package io.rapport.insight.internal;

import java.util.ArrayList;
import java.util.List;

import io.rapport.insight.FunnelResult;
import org.jspecify.annotations.Nullable;

/**
 * A funnel's numbers for one set of entrants, however they were counted: per step the persons who reached it and the
 * time from the previous step (none for the first), and the time from the first to the last step.
 */
record FunnelCounts(long[] persons, FunnelResult.TimeToConvert[] times, FunnelResult.TimeToConvert timeToConvert) {

    long entrants() {
        return persons[0];
    }

    List<FunnelResult.Step> steps(List<String> labels) {
        List<FunnelResult.Step> steps = new ArrayList<>();
        for (int step = 0; step < persons.length; step++) {
            steps.add(new FunnelResult.Step(step + 1, labels.get(step), persons[step],
                    step == 0 ? percent(persons[0], persons[0]) : percent(persons[step], persons[step - 1]),
                    percent(persons[step], persons[0]), times[step]));
        }
        return steps;
    }

    private static @Nullable Double percent(long part, long whole) {
        return whole == 0 ? null : Math.round(10_000.0 * part / whole) / 100.0;
    }
}
