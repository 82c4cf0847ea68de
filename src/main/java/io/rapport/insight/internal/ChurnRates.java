package io.rapport.insight.internal;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.rapport.collect.Page;
import io.rapport.insight.ChurnMode;
import io.rapport.insight.ChurnQuery;
import io.rapport.insight.ChurnReport;
import io.rapport.insight.ClvModel;
import io.rapport.insight.ClvReport;
import io.rapport.insight.CustomerChurn;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * Churn from the shop's purchase days (every completed, not cancelled order, whatever its currency): where each
 * customer stands at the end of {@code to}, and per period the share of the customers alive at its start who are
 * churned at its end. The rule is judged afresh at every period boundary, so in model mode BG/NBD is fitted on the
 * purchases up to each boundary.
 */
@Service
class ChurnRates implements CustomerChurn {

    static final int ALIVE_BUCKETS = 10;

    private final PurchaseHistories histories;
    private final ChurnModels models;

    ChurnRates(PurchaseHistories histories, ChurnModels models) {
        this.histories = histories;
        this.models = models;
    }

    /** The rule (with the window in simple mode) and its standings per day, each computed once per request. */
    private record Judged(ChurnRule rule, ChurnReport.@Nullable Window window,
            Map<LocalDate, List<ChurnRule.@Nullable Standing>> days) {

        /** Standings at the end of {@code day}; null when the model cannot be fitted then. */
        @Nullable List<ChurnRule.@Nullable Standing> at(LocalDate day) {
            if (!days.containsKey(day)) {
                days.put(day, rule.at(day).orElse(null));
            }
            return days.get(day);
        }
    }

    @Override
    public ChurnReport report(ChurnQuery query) {
        Judged judged = judge(query, histories.buyers());
        List<ChurnRule.@Nullable Standing> atEnd = standingsAtEnd(query, judged);
        long[] counts = new long[ChurnReport.Status.values().length];
        List<Double> alive = new ArrayList<>();
        for (ChurnRule.Standing standing : atEnd) {
            if (standing != null) {
                counts[standing.status().ordinal()]++;
                if (standing.alive() != null) {
                    alive.add(standing.alive());
                }
            }
        }
        List<ChurnReport.Period> series = new ArrayList<>();
        for (ChurnQuery.PeriodDays period : query.periods()) {
            series.add(period(period, judged));
        }
        ClvModel.BgNbd model = null;
        List<ClvReport.Bucket> aliveDistribution = List.of();
        if (judged.rule() instanceof AliveProbability probability) {
            BetaGeometricNbd.Fit fit = probability.fitAt(query.to()).orElseThrow();
            BetaGeometricNbd m = fit.model();
            model = new ClvModel.BgNbd(m.r(), m.alpha(), m.a(), m.b(), fit.logLikelihood());
            aliveDistribution = Histogram.of(alive.stream().mapToDouble(Double::doubleValue).toArray(), 0, 1,
                    ALIVE_BUCKETS);
        }
        return new ChurnReport(query.mode(), query.from(), query.to(), query.groupBy(),
                query.mode() == ChurnMode.MODEL ? query.threshold() : null, model, judged.window(),
                new ChurnReport.Counts(query.to(), Arrays.stream(counts).sum(),
                        counts[ChurnReport.Status.ACTIVE.ordinal()], counts[ChurnReport.Status.AT_RISK.ordinal()],
                        counts[ChurnReport.Status.CHURNED.ordinal()]),
                series, aliveDistribution);
    }

    @Override
    public Page<ChurnReport.Customer> churned(ChurnQuery query, @Nullable LocalDate period, int limit,
            @Nullable String cursor) {
        PurchaseHistories.Buyers loaded = histories.buyers();
        Judged judged = judge(query, loaded);
        LocalDate day = query.to();
        List<ChurnRule.@Nullable Standing> before = null;
        if (period != null) {
            ChurnQuery.PeriodDays days = query.period("period", period);
            day = days.end();
            before = judged.at(days.start().minusDays(1));
            if (before == null || judged.at(day) == null) {
                return new Page<>(List.of(), null);
            }
        }
        List<ChurnRule.@Nullable Standing> after = period == null ? standingsAtEnd(query, judged) : judged.at(day);
        List<ChurnReport.Customer> churned = new ArrayList<>();
        for (int i = 0; i < loaded.buyers().size(); i++) {
            ChurnRule.Standing standing = Objects.requireNonNull(after).get(i);
            if (standing == null || standing.status() != ChurnReport.Status.CHURNED
                    || (before != null && !alive(before.get(i)))) {
                continue;
            }
            churned.add(customer(loaded.buyers().get(i), day, standing));
        }
        return OffsetPages.page(churned, Comparator.comparing(ChurnReport.Customer::lastPurchase).reversed()
                .thenComparing(ChurnReport.Customer::person), limit, cursor);
    }

    private Judged judge(ChurnQuery query, PurchaseHistories.Buyers loaded) {
        if (query.mode() == ChurnMode.MODEL) {
            return new Judged(new AliveProbability(loaded.buyers(), loaded.version(), query.threshold(), models),
                    null, new HashMap<>());
        }
        ChurnReport.Window window = window(query, loaded.buyers());
        return new Judged(new InactivityWindow(loaded.buyers(), window.days()), window, new HashMap<>());
    }

    private static ChurnReport.Window window(ChurnQuery query, List<PurchaseHistories.Buyer> buyers) {
        if (query.windowDays() != null) {
            return new ChurnReport.Window(query.windowDays(), null, null);
        }
        InactivityWindow.Derived derived = InactivityWindow.derive(buyers, query.to(), query.percentile())
                .orElseThrow(() -> PurchaseHistories.notEnoughData("No customer bought on two different days up to "
                        + query.to() + ", so there are no gaps between purchases to derive the window from; give "
                        + "the window in days."));
        return new ChurnReport.Window(derived.days(), query.percentile(), derived.gaps());
    }

    private static List<ChurnRule.@Nullable Standing> standingsAtEnd(ChurnQuery query, Judged judged) {
        List<ChurnRule.@Nullable Standing> standings = judged.at(query.to());
        if (standings == null) {
            throw PurchaseHistories.notEnoughData("The BG/NBD model needs at least " + LifetimeValues.MIN_CUSTOMERS
                    + " customers, " + LifetimeValues.MIN_REPEAT_BUYERS + " of whom bought again on another day, by "
                    + query.to() + ".");
        }
        return standings;
    }

    private static ChurnReport.Period period(ChurnQuery.PeriodDays period, Judged judged) {
        List<ChurnRule.@Nullable Standing> before = judged.at(period.start().minusDays(1));
        List<ChurnRule.@Nullable Standing> after = judged.at(period.end());
        if (before == null || after == null) {
            return ChurnReport.Period.unfitted(period.key(), period.start(), period.end());
        }
        long alive = 0;
        long churned = 0;
        for (int i = 0; i < before.size(); i++) {
            if (alive(before.get(i))) {
                alive++;
                ChurnRule.Standing later = after.get(i);
                churned += later != null && later.status() == ChurnReport.Status.CHURNED ? 1 : 0;
            }
        }
        return ChurnReport.Period.of(period.key(), period.start(), period.end(), alive, churned);
    }

    private static boolean alive(ChurnRule.@Nullable Standing standing) {
        return standing != null && standing.status() != ChurnReport.Status.CHURNED;
    }

    private static ChurnReport.Customer customer(PurchaseHistories.Buyer buyer, LocalDate day,
            ChurnRule.Standing standing) {
        PurchaseDays days = buyer.days();
        LocalDate first = days.days().getFirst().date();
        LocalDate last = days.lastOnOrBefore(day).orElseThrow();
        return new ChurnReport.Customer(buyer.person(), first, last, days.purchasesBetween(first.minusDays(1), day),
                ChronoUnit.DAYS.between(last, day), standing.alive());
    }
}
