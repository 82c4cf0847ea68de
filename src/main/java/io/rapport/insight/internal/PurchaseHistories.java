package io.rapport.insight.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

import io.rapport.commerce.Orders;
import io.rapport.commerce.Purchase;
import io.rapport.platform.ApiProblem;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The shop's purchase histories in one currency, from the commerce module: per person, their purchase days (UTC)
 * with each day's net value. Orders in other currencies and orders without usable money are left out.
 */
@Component
class PurchaseHistories {

    private final Orders orders;

    PurchaseHistories(Orders orders) {
        this.orders = orders;
    }

    /** One person's purchase days with their net values, exact, and as the models take them. */
    record History(String person, NavigableMap<LocalDate, BigDecimal> values, PurchaseDays days) {

        History(String person, NavigableMap<LocalDate, BigDecimal> values) {
            this(person, values, new PurchaseDays(values.entrySet().stream()
                    .map(day -> new PurchaseDays.Day(day.getKey(), day.getValue().doubleValue())).toList()));
        }

        BigDecimal revenueUntil(LocalDate end) {
            return values.headMap(end, true).values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        }
    }

    /** The histories, and a fingerprint of every purchase read: a fit made on equal fingerprints can be reused. */
    record Loaded(String currency, List<History> histories, long fingerprint) {
    }

    /** The histories in {@code currency}, or (null) in the currency most purchases are in. */
    Loaded load(@Nullable String currency) {
        Map<String, Integer> perCurrency = new HashMap<>();
        Map<String, Map<String, TreeMap<LocalDate, BigDecimal>>> byCurrency = new HashMap<>();
        long[] fingerprint = {1};
        orders.forEachPurchase(purchase -> {
            if (purchase.currency() == null || purchase.netValue() == null) {
                return;
            }
            perCurrency.merge(purchase.currency(), 1, Integer::sum);
            if (currency != null && !currency.equals(purchase.currency())) {
                return;
            }
            fingerprint[0] = 31 * fingerprint[0] + hash(purchase);
            byCurrency.computeIfAbsent(purchase.currency(), c -> new HashMap<>())
                    .computeIfAbsent(purchase.person(), p -> new TreeMap<>())
                    .merge(purchase.completedAt().atZone(ZoneOffset.UTC).toLocalDate(), purchase.netValue(),
                            BigDecimal::add);
        });
        String chosen = currency != null ? currency : perCurrency.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> notEnoughData("There are no completed orders with an amount yet."));
        Map<String, TreeMap<LocalDate, BigDecimal>> people = byCurrency.getOrDefault(chosen, Map.of());
        if (people.isEmpty()) {
            throw notEnoughData("There are no completed orders in " + chosen + ".");
        }
        List<History> histories = new ArrayList<>(people.size());
        people.forEach((person, days) -> histories.add(new History(person, days)));
        return new Loaded(chosen, histories, fingerprint[0]);
    }

    /** A person's purchase days, whatever their currency and whether they have an amount. */
    record Buyer(String person, PurchaseDays days) {
    }

    /** Every buyer, and a fingerprint of every purchase read: models fitted on equal fingerprints can be reused. */
    record Buyers(List<Buyer> buyers, long fingerprint) {
    }

    /** Every person with a completed, not cancelled order, with their purchase days (UTC). */
    Buyers buyers() {
        Map<String, TreeMap<LocalDate, Integer>> people = new HashMap<>();
        long[] fingerprint = {1};
        orders.forEachPurchase(purchase -> {
            fingerprint[0] = 31 * fingerprint[0] + hash(purchase);
            people.computeIfAbsent(purchase.person(), p -> new TreeMap<>())
                    .merge(purchase.completedAt().atZone(ZoneOffset.UTC).toLocalDate(), 1, Integer::sum);
        });
        if (people.isEmpty()) {
            throw notEnoughData("There are no completed orders yet.");
        }
        List<Buyer> buyers = new ArrayList<>(people.size());
        people.forEach((person, days) -> buyers.add(new Buyer(person, new PurchaseDays(days.keySet().stream()
                .map(day -> new PurchaseDays.Day(day, 0)).toList()))));
        return new Buyers(buyers, fingerprint[0]);
    }

    private static long hash(Purchase purchase) {
        return purchase.person().hashCode() * 31L + purchase.completedAt().hashCode() * 17L
                + Objects.hashCode(purchase.netValue());
    }

    static ApiProblem notEnoughData(String detail) {
        return new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "Not enough data", detail, null);
    }
}
