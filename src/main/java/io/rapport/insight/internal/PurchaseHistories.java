package io.rapport.insight.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

import io.rapport.commerce.Orders;
import io.rapport.commerce.Purchase;
import io.rapport.platform.ApiProblem;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The shop's purchase histories from the commerce module, per person: their purchase days (UTC), and per currency
 * each day's net value. They are kept in memory and brought up to date on every read with what changed since the
 * last one ({@link Orders#purchasersChangedAfter}: one indexed query, and the purchases of the people it names),
 * so a read costs what changed rather than every order. The database stays the source of truth: an erasure anywhere
 * moves {@link Orders.PurchasesVersion#erasures()}, and every node then reads all purchases again.
 */
@Component
class PurchaseHistories {

    private final Orders orders;
    private @Nullable Snapshot snapshot;
    /** Counts the whole reloads: summaries of one generation and those of another are not comparable in changes. */
    private long generations;

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

    /**
     * How current the histories are: {@code generation} counts whole reloads, {@code changes} the buyers whose
     * purchases changed since the last one (once per refresh that saw them change), and {@code buyers} how many
     * people have purchases. Fitted models compare versions to
     * decide whether to fit again ({@link RefitPolicy}).
     */
    record Version(long generation, long changes, int buyers) {
    }

    /** The histories in one currency. */
    record Loaded(String currency, List<History> histories, Version version) {
    }

    /** A person's purchase days, whatever their currency and whether they have an amount. */
    record Buyer(String person, PurchaseDays days) {
    }

    /** Every buyer. */
    record Buyers(List<Buyer> buyers, Version version) {
    }

    /** The histories in {@code currency}, or (null) in the currency most purchases are in. */
    Loaded load(@Nullable String currency) {
        Snapshot current = current();
        String chosen = currency != null ? currency : current.mostPurchasesIn()
                .orElseThrow(() -> notEnoughData("There are no completed orders with an amount yet."));
        List<History> histories = current.histories(chosen);
        if (histories.isEmpty()) {
            throw notEnoughData("There are no completed orders in " + chosen + ".");
        }
        return new Loaded(chosen, histories, current.version());
    }

    /** Every person with a completed, not cancelled order, with their purchase days (UTC). */
    Buyers buyers() {
        Snapshot current = current();
        if (current.people().isEmpty()) {
            throw notEnoughData("There are no completed orders yet.");
        }
        return new Buyers(current.buyers(), current.version());
    }

    /** Drops every history held (they name people and their purchases), as after an erasure. */
    synchronized void forget() {
        snapshot = null;
    }

    /** The histories as of now: read whole the first time and after an erasure, else refreshed by what changed. */
    private synchronized Snapshot current() {
        // Read before the purchases, so that nothing committed after it is taken as seen.
        Orders.PurchasesVersion version = orders.purchasesVersion();
        Snapshot before = snapshot;
        Snapshot now = before;
        if (before == null || before.erasures() != version.erasures()) {
            Map<String, PersonPurchases> people = new HashMap<>();
            group(orders::forEachPurchase, people);
            now = new Snapshot(version.erasures(), version.seq(), ++generations, 0, people);
        } else if (version.seq() > before.seq()) {
            Set<String> changed = orders.purchasersChangedAfter(before.seq());
            Map<String, PersonPurchases> people = new HashMap<>(before.people());
            people.keySet().removeAll(changed);
            group(action -> orders.forEachPurchaseOf(changed, action), people);
            long buyersChanged = changed.stream()
                    .filter(person -> people.containsKey(person) || before.people().containsKey(person)).count();
            now = new Snapshot(version.erasures(), version.seq(), before.generation(),
                    before.changes() + buyersChanged, people);
        }
        snapshot = now;
        return now;
    }

    /** Reads purchases (grouped by person) into the people's histories. */
    private static void group(Consumer<Consumer<Purchase>> reader, Map<String, PersonPurchases> people) {
        List<Purchase> person = new ArrayList<>();
        reader.accept(purchase -> {
            if (!person.isEmpty() && !person.getFirst().person().equals(purchase.person())) {
                people.put(person.getFirst().person(), PersonPurchases.of(person));
                person.clear();
            }
            person.add(purchase);
        });
        if (!person.isEmpty()) {
            people.put(person.getFirst().person(), PersonPurchases.of(person));
        }
    }

    /** One person's purchases: every purchase day, and per currency the days with usable money and their count. */
    private record PersonPurchases(Buyer buyer, Map<String, History> histories, Map<String, Integer> counts) {

        static PersonPurchases of(Collection<Purchase> purchases) {
            String person = purchases.iterator().next().person();
            TreeMap<LocalDate, Boolean> days = new TreeMap<>();
            Map<String, TreeMap<LocalDate, BigDecimal>> values = new HashMap<>();
            Map<String, Integer> counts = new HashMap<>();
            for (Purchase purchase : purchases) {
                LocalDate day = purchase.completedAt().atZone(ZoneOffset.UTC).toLocalDate();
                days.put(day, true);
                if (purchase.currency() != null && purchase.netValue() != null) {
                    counts.merge(purchase.currency(), 1, Integer::sum);
                    values.computeIfAbsent(purchase.currency(), c -> new TreeMap<>())
                            .merge(day, purchase.netValue(), BigDecimal::add);
                }
            }
            Map<String, History> histories = new HashMap<>();
            values.forEach((currency, perDay) -> histories.put(currency, new History(person, perDay)));
            return new PersonPurchases(new Buyer(person, new PurchaseDays(days.keySet().stream()
                    .map(day -> new PurchaseDays.Day(day, 0)).toList())), histories, counts);
        }
    }

    /**
     * The histories at one point of the order events ({@code seq}, {@code erasures}); never changed once made, with
     * the lists readers ask for built once.
     */
    private record Snapshot(long erasures, long seq, long generation, long changes,
            Map<String, PersonPurchases> people, Map<String, List<History>> byCurrency, List<Buyer> buyers) {

        Snapshot(long erasures, long seq, long generation, long changes, Map<String, PersonPurchases> people) {
            this(erasures, seq, generation, changes, people, new HashMap<>(),
                    people.values().stream().map(PersonPurchases::buyer).toList());
        }

        Version version() {
            return new Version(generation, changes, people.size());
        }

        Optional<String> mostPurchasesIn() {
            Map<String, Integer> perCurrency = new HashMap<>();
            people.values().forEach(person -> person.counts().forEach((c, n) -> perCurrency.merge(c, n, Integer::sum)));
            return perCurrency.entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()
                            .thenComparing(Map.Entry.comparingByKey()))
                    .map(Map.Entry::getKey).findFirst();
        }

        List<History> histories(String currency) {
            synchronized (byCurrency) {
                return byCurrency.computeIfAbsent(currency, c -> people.values().stream()
                        .map(person -> person.histories().get(c)).filter(Objects::nonNull).toList());
            }
        }
    }

    static ApiProblem notEnoughData(String detail) {
        return new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "Not enough data", detail, null);
    }
}
