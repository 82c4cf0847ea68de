package io.rapport.insight.internal;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * BG/NBD fits for churn, one per day judged: a series refits the model at the end of each period, so the last
 * {@value #CACHED_FITS} fits are kept by day and fingerprint of the purchases read (parameters only, no personal
 * data), and paging through churned customers or switching between periods does not fit again.
 */
@Component
class ChurnModels {

    static final int CACHED_FITS = 64;

    private record Key(LocalDate end, long fingerprint) {
    }

    private final Map<Key, Optional<BetaGeometricNbd.Fit>> fits = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Optional<BetaGeometricNbd.Fit>> eldest) {
            return size() > CACHED_FITS;
        }
    };

    /**
     * The model fitted on these calibration summaries at the end of {@code end}; empty below the minimum data of
     * the lifetime-value models (customers, and repeat buyers among them).
     */
    Optional<BetaGeometricNbd.Fit> fit(LocalDate end, long fingerprint, List<RepeatBuyer> summaries) {
        Key key = new Key(end, fingerprint);
        synchronized (fits) {
            Optional<BetaGeometricNbd.Fit> cached = fits.get(key);
            if (cached != null) {
                return cached;
            }
        }
        long repeatBuyers = summaries.stream().filter(c -> c.x() > 0).count();
        Optional<BetaGeometricNbd.Fit> fit = summaries.size() < LifetimeValues.MIN_CUSTOMERS
                || repeatBuyers < LifetimeValues.MIN_REPEAT_BUYERS ? Optional.empty()
                : Optional.of(BetaGeometricNbd.fit(summaries));
        synchronized (fits) {
            fits.put(key, fit);
        }
        return fit;
    }
}
