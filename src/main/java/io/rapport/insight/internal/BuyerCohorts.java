package io.rapport.insight.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import io.rapport.platform.SqlLists;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Each buyer's counted orders per month ({@code insight_person_months}), cohort row (first month, last month, orders,
 * from those months) and their part in the cohort roll-ups: the matrix {@code insight_cohort_months} (buyers per
 * cohort and active month) and the spans {@code insight_cohort_spans} (buyers per cohort and last month, and how many
 * ordered twice or more). A buyer whose purchases changed is taken out of the roll-ups as they stood before and put
 * back as they stand now.
 */
@Component
class BuyerCohorts {

    /** A buyer as the cohort tables count them: no cohort (first month null) once nothing of theirs counts. */
    record Buyer(@Nullable LocalDate first, @Nullable LocalDate last, int orders, List<LocalDate> months) {

        static final Buyer NONE = new Buyer(null, null, 0, List.of());

        /** The buyer of these counted orders per month. */
        static Buyer of(TreeMap<LocalDate, Integer> orders) {
            TreeMap<LocalDate, Integer> counted = new TreeMap<>(orders);
            counted.values().removeIf(n -> n <= 0);
            return counted.isEmpty() ? NONE : new Buyer(counted.firstKey(), counted.lastKey(),
                    counted.values().stream().mapToInt(Integer::intValue).sum(), List.copyOf(counted.keySet()));
        }
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate batches;

    BuyerCohorts(JdbcClient jdbc, JdbcTemplate batches) {
        this.jdbc = jdbc;
        this.batches = batches;
    }

    /**
     * Changes to the roll-ups, summed in memory and written at once: a batch of orders touches the same few cohort
     * cells over and over, so it writes each cell once instead of once per buyer.
     */
    static final class Changes {

        private final Map<List<LocalDate>, Long> cells = new HashMap<>();
        private final Map<List<LocalDate>, long[]> spans = new HashMap<>();
    }

    /** Rows to write, per statement, in batches. */
    private record Writes(List<Object[]> inserts, List<Object[]> updates, List<Object[]> deletes) {

        Writes() {
            this(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        }
    }

    /**
     * Adds counted orders (negative: takes them away) per person and month, and moves the buyers in the roll-ups.
     * Each table is read once per 500 buyers and written in batches: a batch of events touches hundreds of buyers.
     */
    void add(Map<String, Map<LocalDate, Integer>> orders) {
        Changes changes = new Changes();
        Writes months = new Writes();
        Writes rows = new Writes();
        for (List<String> chunk : SqlLists.chunks(orders.keySet())) {
            Map<String, TreeMap<LocalDate, Integer>> stored = months(chunk);
            Map<String, Buyer> before = buyers(chunk, stored);
            for (String person : chunk) {
                TreeMap<LocalDate, Integer> then = stored.getOrDefault(person, new TreeMap<>());
                TreeMap<LocalDate, Integer> now = new TreeMap<>(then);
                orders.get(person).forEach((month, delta) -> {
                    int count = now.merge(month, delta, Integer::sum);
                    if (!then.containsKey(month)) {
                        if (count > 0) {
                            months.inserts().add(new Object[] {person, month, count});
                        }
                    } else if (count > 0) {
                        months.updates().add(new Object[] {count, person, month});
                    } else {
                        months.deletes().add(new Object[] {person, month});
                    }
                });
                Buyer was = before.get(person);
                Buyer is = Buyer.of(now);
                cohortRow(person, was, is, rows);
                contribute(was, -1, changes);
                contribute(is, 1, changes);
            }
        }
        batch("insert into insight_person_months (person, purchase_month, orders) values (?, ?, ?)", months.inserts());
        batch("update insight_person_months set orders = ? where person = ? and purchase_month = ?", months.updates());
        batch("delete from insight_person_months where person = ? and purchase_month = ?", months.deletes());
        batch("""
                insert into insight_person_cohorts (first_month, last_month, orders, person) values (?, ?, ?, ?)""",
                rows.inserts());
        batch("update insight_person_cohorts set first_month = ?, last_month = ?, orders = ? where person = ?",
                rows.updates());
        batch("delete from insight_person_cohorts where person = ?", rows.deletes());
        write(changes);
    }

    private static void cohortRow(String person, Buyer was, Buyer is, Writes rows) {
        if (is.first() == null) {
            if (was.first() != null) {
                rows.deletes().add(new Object[] {person});
            }
            return;
        }
        Object[] row = {is.first(), is.last(), is.orders(), person};
        if (was.first() == null) {
            rows.inserts().add(row);
        } else if (!Objects.equals(was.first(), is.first()) || !Objects.equals(was.last(), is.last())
                || was.orders() != is.orders()) {
            rows.updates().add(row);
        }
    }

    /** Takes an erased buyer out of the roll-ups, before their rows are deleted. */
    void remove(String person) {
        Changes changes = new Changes();
        contribute(buyers(List.of(person), months(List.of(person))).get(person), -1, changes);
        write(changes);
    }

    /** The stored orders per month of these persons (at most 500). */
    private Map<String, TreeMap<LocalDate, Integer>> months(Collection<String> persons) {
        Map<String, TreeMap<LocalDate, Integer>> months = new HashMap<>();
        jdbc.sql("select person, purchase_month, orders from insight_person_months where person in (:persons)")
                .param("persons", List.copyOf(persons))
                .query(rs -> {
                    months.computeIfAbsent(rs.getString("person"), p -> new TreeMap<>())
                            .put(rs.getObject("purchase_month", LocalDate.class), rs.getInt("orders"));
                });
        return months;
    }

    /** How these persons stand in the roll-ups: their cohort row, and their months with counted orders. */
    private Map<String, Buyer> buyers(Collection<String> persons, Map<String, TreeMap<LocalDate, Integer>> months) {
        Map<String, Buyer> buyers = new HashMap<>();
        persons.forEach(person -> buyers.put(person, Buyer.NONE));
        jdbc.sql("""
                select person, first_month, last_month, orders from insight_person_cohorts where person in (:persons)""")
                .param("persons", List.copyOf(persons))
                .query(rs -> {
                    String person = rs.getString("person");
                    buyers.put(person, new Buyer(rs.getObject("first_month", LocalDate.class),
                            rs.getObject("last_month", LocalDate.class), rs.getInt("orders"),
                            Buyer.of(months.getOrDefault(person, new TreeMap<>())).months()));
                });
        return buyers;
    }

    /** Adds a buyer to the cohort tables ({@code sign} 1) or takes them out ({@code -1}). */
    private static void contribute(Buyer buyer, int sign, Changes changes) {
        if (buyer.first() == null || buyer.last() == null) {
            return;
        }
        for (LocalDate month : buyer.months()) {
            changes.cells.merge(List.of(buyer.first(), month), (long) sign, Long::sum);
        }
        long[] span = changes.spans.computeIfAbsent(List.of(buyer.first(), buyer.last()), key -> new long[2]);
        span[0] += sign;
        span[1] += buyer.orders() >= 2 ? sign : 0;
    }

    private void write(Changes changes) {
        List<Object[]> cells = new ArrayList<>();
        changes.cells.forEach((key, buyers) -> {
            if (buyers != 0) {
                cells.add(new Object[] {buyers, key.get(0), key.get(1)});
            }
        });
        batch("""
                insert into insight_cohort_months (first_month, active_month, buyers) values (?, ?, 0)
                on conflict do nothing""", cells.stream().map(c -> new Object[] {c[1], c[2]}).toList());
        batch("update insight_cohort_months set buyers = buyers + ? where first_month = ? and active_month = ?", cells);
        List<Object[]> spans = new ArrayList<>();
        changes.spans.forEach((key, delta) -> {
            if (delta[0] != 0 || delta[1] != 0) {
                spans.add(new Object[] {delta[0], delta[1], key.get(0), key.get(1)});
            }
        });
        batch("""
                insert into insight_cohort_spans (first_month, last_month, buyers, repeat_buyers) values (?, ?, 0, 0)
                on conflict do nothing""", spans.stream().map(r -> new Object[] {r[2], r[3]}).toList());
        batch("""
                update insight_cohort_spans set buyers = buyers + ?, repeat_buyers = repeat_buyers + ?
                where first_month = ? and last_month = ?""", spans);
    }

    private void batch(String sql, List<Object[]> rows) {
        if (!rows.isEmpty()) {
            batches.batchUpdate(sql, rows);
        }
    }
}
