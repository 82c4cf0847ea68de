package io.rapport.insight.internal;

import io.rapport.insight.FunnelResult;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.apache.commons.math3.util.ResizableDoubleArray;

/**
 * Counts the paths of a funnel's entrants: per step the persons who reached it and the seconds it took them from
 * the previous step, and the seconds from the first to the last step of those who finished.
 */
final class FunnelTally {

    private final long[] persons;
    private final ResizableDoubleArray[] seconds;
    private final ResizableDoubleArray overall = new ResizableDoubleArray();

    FunnelTally(int steps) {
        persons = new long[steps];
        seconds = new ResizableDoubleArray[steps];
        for (int i = 0; i < steps; i++) {
            seconds[i] = new ResizableDoubleArray();
        }
    }

    /** Counts a person who entered. */
    void add(FunnelPath path) {
        for (int step = 0; step < path.reached(); step++) {
            persons[step]++;
            if (step > 0) {
                seconds[step].addElement(secondsBetween(path, step - 1, step));
            }
        }
        if (path.reached() == persons.length) {
            overall.addElement(secondsBetween(path, 0, persons.length - 1));
        }
    }

    FunnelCounts counts() {
        FunnelResult.TimeToConvert[] times = new FunnelResult.TimeToConvert[persons.length];
        for (int step = 0; step < persons.length; step++) {
            times[step] = time(seconds[step]);
        }
        return new FunnelCounts(persons.clone(), times, time(overall));
    }

    private static double secondsBetween(FunnelPath path, int from, int to) {
        return (path.at(to).toEpochMilli() - path.at(from).toEpochMilli()) / 1000.0;
    }

    /** Median and 90th percentile by linear interpolation between order statistics (Hyndman and Fan 1996, type 7). */
    private static FunnelResult.TimeToConvert time(ResizableDoubleArray values) {
        if (values.getNumElements() == 0) {
            return new FunnelResult.TimeToConvert(null, null);
        }
        Percentile percentile = new Percentile().withEstimationType(Percentile.EstimationType.R_7);
        percentile.setData(values.getElements());
        return new FunnelResult.TimeToConvert(Math.round(percentile.evaluate(50)), Math.round(percentile.evaluate(90)));
    }
}
