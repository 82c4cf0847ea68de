package io.rapport.insight;

import java.time.LocalDate;
import java.util.List;

/**
 * Predicted against actual repeat purchases in the hold-out period after the calibration end (to {@code holdOutEnd},
 * {@code holdOutWeeks} long), over all customers and by the customers' repeat purchases in calibration
 * (0, 1, … and the last row for that many or more).
 */
public record ClvValidation(ClvModel model, LocalDate holdOutEnd, double holdOutWeeks, double predicted,
        long actual, List<Row> byFrequency) {

    /** {@code label}: the calibration frequency ("7+" for the last row); sums over its customers. */
    public record Row(String label, int customers, double predicted, long actual) {
    }
}
