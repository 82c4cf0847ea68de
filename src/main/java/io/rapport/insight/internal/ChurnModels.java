package io.rapport.insight.internal;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;

/**
 * BG/NBD fits for churn, one per day judged: a series refits the model at the end of each period, so the last
 * {@value #CACHED_FITS} fits are kept by day (parameters only, no personal data) and fitted again when the
 * {@link RefitPolicy} says so; paging through churned customers or switching between periods does not fit again.
 */
@Component
class ChurnModels {

    static final int CACHED_FITS = 64;

    private final RefitPolicy refits;

    ChurnModels(RefitPolicy refits) {
        this.refits = refits;
    }

    private record Fitted(Optional<BetaGeometricNbd.Fit> fit, RefitPolicy.Stamp stamp) {
    }

    private final Map<LocalDate, Fitted> fits = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<LocalDate, Fitted> eldest) {
            return size() > CACHED_FITS;
        }
    };

    /**
     * The model fitted on the calibration summaries at the end of {@code end} of histories at {@code version};
     * empty below the minimum data of the lifetime-value models (customers, and repeat buyers among them).
     */
    Optional<BetaGeometricNbd.Fit> fit(LocalDate end, PurchaseHistories.Version version,
            Supplier<List<RepeatBuyer>> summaries) {
        synchronized (fits) {
            Fitted cached = fits.get(end);
            if (cached != null && !refits.due(cached.stamp(), version)) {
                return cached.fit();
            }
        }
        List<RepeatBuyer> customers = summaries.get();
        long repeatBuyers = customers.stream().filter(c -> c.x() > 0).count();
        Optional<BetaGeometricNbd.Fit> fit = customers.size() < LifetimeValues.MIN_CUSTOMERS
                || repeatBuyers < LifetimeValues.MIN_REPEAT_BUYERS ? Optional.empty()
                : Optional.of(BetaGeometricNbd.fit(customers));
        synchronized (fits) {
            fits.put(end, new Fitted(fit, refits.stamp(version)));
        }
        return fit;
    }
}
