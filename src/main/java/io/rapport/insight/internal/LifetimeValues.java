package io.rapport.insight.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.rapport.collect.Cursors;
import io.rapport.collect.Page;
import io.rapport.insight.ClvModel;
import io.rapport.insight.ClvQuery;
import io.rapport.insight.ClvReport;
import io.rapport.insight.ClvValidation;
import io.rapport.insight.CustomerLifetimeValue;
import io.rapport.platform.ApiProblem;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * Fits BG/NBD and Gamma-Gamma on the shop's purchase histories and scores every customer on their current summary.
 * Fits are kept per currency and calibration end (up to {@value #CACHED_FITS} of them) and fitted again when the
 * {@link RefitPolicy} says so, so paging through a report, changing its horizon or a trickle of new orders does not
 * fit again.
 */
@Service
class LifetimeValues implements CustomerLifetimeValue {

    /** Below these counts the fits are too uncertain to show. */
    static final int MIN_CUSTOMERS = 30;
    static final int MIN_REPEAT_BUYERS = 10;

    static final int CACHED_FITS = 8;
    static final int VALUE_BUCKETS = 20;
    static final int ALIVE_BUCKETS = 10;

    private final PurchaseHistories histories;
    private final RefitPolicy refits;
    private final Clock clock;
    private final Map<FitKey, Fitted> fits = new LinkedHashMap<>();

    LifetimeValues(PurchaseHistories histories, RefitPolicy refits, Clock clock) {
        this.histories = histories;
        this.refits = refits;
        this.clock = clock;
    }

    private record FitKey(String currency, LocalDate calibrationEnd) {
    }

    /**
     * The fitted models, the histories they were fitted on, and per horizon (months) the expected purchases of each
     * (x, t_x, T) scored so far: most customers share their summary with others (all one-time buyers of a day do),
     * and the next request scores nearly the same summaries again.
     */
    private record Fitted(ClvModel model, BetaGeometricNbd purchases, GammaGamma spend, RefitPolicy.Stamp stamp,
            Map<Integer, Map<RepeatBuyer, double[]>> expectedPurchases) {

        Fitted(ClvModel model, BetaGeometricNbd purchases, GammaGamma spend, RefitPolicy.Stamp stamp) {
            this(model, purchases, spend, stamp, new ConcurrentHashMap<>());
        }

        double[] expectedPurchases(DiscountedValue horizon, RepeatBuyer c) {
            return expectedPurchases.computeIfAbsent(horizon.months(), months -> new ConcurrentHashMap<>())
                    .computeIfAbsent(new RepeatBuyer(c.x(), c.tx(), c.T(), 0),
                            summary -> horizon.expectedPurchases(purchases, summary));
        }
    }

    /** The customers with a purchase by the calibration end, and their summaries then. */
    private record Calibrated(List<PurchaseHistories.History> people, List<RepeatBuyer> summaries) {

        static Calibrated at(LocalDate end, List<PurchaseHistories.History> histories) {
            List<PurchaseHistories.History> people = new ArrayList<>();
            List<RepeatBuyer> summaries = new ArrayList<>();
            for (PurchaseHistories.History history : histories) {
                Optional<RepeatBuyer> summary = history.days().summaryAt(end);
                if (summary.isPresent()) {
                    people.add(history);
                    summaries.add(summary.get());
                }
            }
            return new Calibrated(people, summaries);
        }
    }

    @Override
    public ClvReport report(ClvQuery query, int limit, @Nullable String cursor) {
        Cursors.limit(limit); // refused before fitting
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        LocalDate end = query.calibrationEnd() == null ? today : query.calibrationEnd();
        if (end.isAfter(today)) {
            throw ApiProblem.invalidField("calibrationEnd", "The calibration end (" + end + ") is after today ("
                    + today + ").");
        }
        PurchaseHistories.Loaded loaded = histories.load(query.currency());
        Calibrated calibrated = Calibrated.at(end, loaded.histories());
        Fitted fitted = fit(loaded, end, calibrated);
        DiscountedValue horizon = new DiscountedValue(query.horizonMonths(), query.discountRate());
        int scale = minorUnit(fitted.model().currency());
        List<ClvReport.CustomerValue> values = new ArrayList<>(calibrated.people().size());
        for (int i = 0; i < calibrated.people().size(); i++) {
            RepeatBuyer c = calibrated.summaries().get(i);
            double alive = fitted.purchases().probabilityAlive(c);
            double spend = fitted.spend().expectedSpend(c);
            DiscountedValue.Prediction prediction = horizon.of(spend, fitted.expectedPurchases(horizon, c));
            values.add(new ClvReport.CustomerValue(calibrated.people().get(i).person(),
                    calibrated.people().get(i).revenueUntil(end).setScale(scale, RoundingMode.HALF_EVEN), c.x(), c.tx(),
                    c.T(), alive, prediction.purchases(), money(spend, scale), money(prediction.value(), scale),
                    alive < query.churnThreshold()));
        }
        Page<ClvReport.CustomerValue> page = OffsetPages.page(values,
                Comparator.comparing(ClvReport.CustomerValue::predictedValue).reversed()
                        .thenComparing(ClvReport.CustomerValue::person), limit, cursor);
        return new ClvReport(fitted.model(), query.horizonMonths(), query.discountRate(), query.churnThreshold(),
                summary(values, scale), page);
    }

    @Override
    public ClvValidation validate(LocalDate calibrationEnd, @Nullable LocalDate holdOutEnd,
            @Nullable String currency) {
        LocalDate today = holdOutEnd != null ? holdOutEnd : LocalDate.now(clock.withZone(ZoneOffset.UTC));
        if (!calibrationEnd.isBefore(today)) {
            throw ApiProblem.invalidField("calibrationEnd", "A hold-out period needs a calibration end before its "
                    + "end (" + today + ").");
        }
        PurchaseHistories.Loaded loaded = histories.load(currency);
        Calibrated calibrated = Calibrated.at(calibrationEnd, loaded.histories());
        Fitted fitted = fit(loaded, calibrationEnd, calibrated);
        double weeks = ChronoUnit.DAYS.between(calibrationEnd, today) / PurchaseDays.DAYS_PER_WEEK;
        HoldOutTable table = new HoldOutTable();
        for (int i = 0; i < calibrated.people().size(); i++) {
            RepeatBuyer c = calibrated.summaries().get(i);
            table.add(c, fitted.purchases().expectedPurchases(c, weeks),
                    calibrated.people().get(i).days().purchasesBetween(calibrationEnd, today));
        }
        return new ClvValidation(fitted.model(), today, weeks, table.predicted(), table.actual(), table.rows());
    }

    private Fitted fit(PurchaseHistories.Loaded loaded, LocalDate end, Calibrated calibrated) {
        FitKey key = new FitKey(loaded.currency(), end);
        synchronized (fits) {
            Fitted cached = fits.get(key);
            if (cached != null && !refits.due(cached.stamp(), loaded.version())) {
                return cached;
            }
        }
        List<PurchaseHistories.History> people = calibrated.people();
        List<RepeatBuyer> summaries = calibrated.summaries();
        long repeatBuyers = summaries.stream().filter(c -> c.x() > 0 && c.meanSpend() > 0).count();
        if (people.size() < MIN_CUSTOMERS || repeatBuyers < MIN_REPEAT_BUYERS) {
            throw PurchaseHistories.notEnoughData("The models need at least " + MIN_CUSTOMERS + " customers, "
                    + MIN_REPEAT_BUYERS + " of whom bought again on another day, by the calibration end (" + end
                    + "); in " + loaded.currency() + " there are " + people.size() + " customers and " + repeatBuyers
                    + " repeat buyers.");
        }
        BetaGeometricNbd.Fit purchases = BetaGeometricNbd.fit(summaries);
        GammaGamma.Fit spend = GammaGamma.fit(summaries);
        if (spend.model().q() <= 1) {
            throw PurchaseHistories.notEnoughData("The spend per purchase varies too much between customers for the "
                    + "Gamma-Gamma model (q = " + spend.model().q() + " ≤ 1 has no finite mean).");
        }
        BetaGeometricNbd m = purchases.model();
        GammaGamma g = spend.model();
        RefitPolicy.Stamp stamp = refits.stamp(loaded.version());
        ClvModel model = new ClvModel(end, loaded.currency(), people.size(), spend.repeatBuyers(), stamp.fittedAt(),
                new ClvModel.BgNbd(m.r(), m.alpha(), m.a(), m.b(), purchases.logLikelihood()),
                new ClvModel.GammaGamma(g.p(), g.q(), g.gamma(), spend.logLikelihood(), g.populationMeanSpend()));
        Fitted fitted = new Fitted(model, m, g, stamp);
        synchronized (fits) {
            fits.remove(key);
            if (fits.size() >= CACHED_FITS) {
                fits.remove(fits.keySet().iterator().next());
            }
            fits.put(key, fitted);
        }
        return fitted;
    }

    private static ClvReport.Summary summary(List<ClvReport.CustomerValue> values, int scale) {
        BigDecimal historic = BigDecimal.ZERO;
        BigDecimal predicted = BigDecimal.ZERO;
        int churned = 0;
        double[] predictedValues = new double[values.size()];
        double[] alive = new double[values.size()];
        for (int i = 0; i < values.size(); i++) {
            ClvReport.CustomerValue value = values.get(i);
            historic = historic.add(value.historicRevenue());
            predicted = predicted.add(value.predictedValue());
            churned += value.churned() ? 1 : 0;
            predictedValues[i] = value.predictedValue().doubleValue();
            alive[i] = value.probabilityAlive();
        }
        BigDecimal mean = values.isEmpty() ? BigDecimal.ZERO
                : predicted.divide(BigDecimal.valueOf(values.size()), scale, RoundingMode.HALF_EVEN);
        return new ClvReport.Summary(values.size(), historic, predicted, mean, churned,
                Histogram.of(predictedValues, 0, Histogram.upperQuantile(predictedValues, 0.99), VALUE_BUCKETS),
                Histogram.of(alive, 0, 1, ALIVE_BUCKETS));
    }

    private static BigDecimal money(double amount, int scale) {
        return BigDecimal.valueOf(amount).setScale(scale, RoundingMode.HALF_EVEN);
    }

    private static int minorUnit(String currency) {
        try {
            return Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        } catch (IllegalArgumentException e) {
            return 2;
        }
    }
}
