package io.rapport.insight.internal;

/**
 * One customer's calibration summary, times in weeks: {@code x} repeat purchases (purchase days after the first),
 * {@code tx} when the last one was (since the first purchase, 0 without repeats), {@code T} how long they have been
 * a customer (first purchase to the end of calibration), and {@code meanSpend} the mean value of the repeat
 * purchases (0 without repeats).
 */
record RepeatBuyer(int x, double tx, double T, double meanSpend) {

    RepeatBuyer {
        if (x < 0 || !(tx >= 0) || !(T >= tx) || (x == 0 && tx != 0) || !(meanSpend >= 0)) {
            throw new IllegalArgumentException("Not a calibration summary: x=" + x + ", t_x=" + tx + ", T=" + T
                    + ", mean spend=" + meanSpend);
        }
    }
}
