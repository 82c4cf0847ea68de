package io.rapport.insight.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Each buyer's cohort row (first month, last month, orders, from their months with counted purchases) and their
 * part in the cohort roll-ups: the matrix {@code insight_cohort_months} (buyers per cohort and active month) and the
 * spans {@code insight_cohort_spans} (buyers per cohort and last month, and how many ordered twice or more). A buyer
 * whose purchases changed is taken out of the roll-ups as they stood before and put back as they stand now.
 */
@Component
class BuyerCohorts {

    /** A buyer as the cohort tables count them: no cohort (first month null) once nothing of theirs counts. */
    record Buyer(@Nullable LocalDate first, @Nullable LocalDate last, int orders, List<LocalDate> months) {
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

    /** Moves buyers in the roll-ups from how they stood ({@code before}, by person) to their purchases now. */
    void update(Map<String, Buyer> before) {
        Changes changes = new Changes();
        before.forEach((person, then) -> {
            contribute(then, -1, changes);
            contribute(refresh(person), 1, changes);
        });
        write(changes);
    }

    /** Takes an erased buyer out of the roll-ups, before their rows are deleted. */
    void remove(String person) {
        Changes changes = new Changes();
        contribute(buyer(person), -1, changes);
        write(changes);
    }

    Buyer buyer(String person) {
        List<LocalDate> months = jdbc.sql("""
                select purchase_month from insight_person_months where person = ? and orders > 0 order by purchase_month""")
                .param(person).query(LocalDate.class).list();
        return jdbc.sql("select first_month, last_month, orders from insight_person_cohorts where person = ?")
                .param(person)
                .query((rs, n) -> new Buyer(rs.getObject("first_month", LocalDate.class),
                        rs.getObject("last_month", LocalDate.class), rs.getInt("orders"), months))
                .optional().orElse(new Buyer(null, null, 0, List.of()));
    }

    /** The person's cohort (first month), last month and orders, from their months with counted orders. */
    private Buyer refresh(String person) {
        jdbc.sql("delete from insight_person_months where person = ? and orders <= 0").param(person).update();
        jdbc.sql("delete from insight_person_cohorts where person = ?").param(person).update();
        jdbc.sql("""
                insert into insight_person_cohorts (person, first_month, last_month, orders)
                select person, min(purchase_month), max(purchase_month), sum(orders) from insight_person_months
                where person = ? group by person""").param(person).update();
        return buyer(person);
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
        batches.batchUpdate("""
                insert into insight_cohort_months (first_month, active_month, buyers) values (?, ?, 0)
                on conflict do nothing""", cells.stream().map(c -> new Object[] {c[1], c[2]}).toList());
        batches.batchUpdate("update insight_cohort_months set buyers = buyers + ? where first_month = ? and active_month = ?",
                cells);
        List<Object[]> spans = new ArrayList<>();
        changes.spans.forEach((key, delta) -> {
            if (delta[0] != 0 || delta[1] != 0) {
                spans.add(new Object[] {delta[0], delta[1], key.get(0), key.get(1)});
            }
        });
        batches.batchUpdate("""
                insert into insight_cohort_spans (first_month, last_month, buyers, repeat_buyers) values (?, ?, 0, 0)
                on conflict do nothing""", spans.stream().map(r -> new Object[] {r[2], r[3]}).toList());
        batches.batchUpdate("""
                update insight_cohort_spans set buyers = buyers + ?, repeat_buyers = repeat_buyers + ?
                where first_month = ? and last_month = ?""", spans);
    }
}
