package io.rapport.insight;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * Customer lifetime value from the shop's orders: historic (net revenue so far) and predicted with the BG/NBD and
 * Gamma-Gamma models fitted on the purchases up to a calibration end, discounted over a horizon (docs/metrics.md).
 */
public interface CustomerLifetimeValue {

    /** The customers ordered by predicted value (highest first), one page of them, and the whole base's summary. */
    ClvReport report(ClvQuery query, int limit, @Nullable String cursor);

    /**
     * How well the model fitted up to {@code calibrationEnd} predicts the purchases that followed it, up to
     * {@code holdOutEnd} (included; null: today):
     * predicted against actual repeat purchases, in total and by the number of repeat purchases in calibration.
     */
    ClvValidation validate(LocalDate calibrationEnd, @Nullable LocalDate holdOutEnd, @Nullable String currency);
}
