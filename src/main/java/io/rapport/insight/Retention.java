package io.rapport.insight;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.rapport.platform.ApiProblem;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Purchase retention by cohort: buyers grouped by the UTC month of their first counted purchase, and the share of
 * each cohort that purchased k months later; and the repeat-purchase rate. Read from the cohort roll-ups that the
 * {@code insight.purchases} consumer keeps (docs/metrics.md); a drill-down from its rows per buyer.
 */
@Service
public class Retention {

    /** The most cohort months one table covers. */
    public static final int MAX_MONTHS = 120;
    /** The most buyers a drill-down lists. */
    public static final int MAX_BUYERS = 1_000;

    private final JdbcClient jdbc;

    Retention(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One cohort: its month, its size, and per period k = 0, 1, … (up to the table's last month) the buyers counted
     * and their share in percent (period 0 is always the whole cohort).
     */
    public record Cohort(YearMonth month, long size, List<Long> active, List<Double> percent) {
    }

    /**
     * The cohorts of the months {@code from} to {@code to}, and the repeat-purchase rate of their buyers: the share
     * with two or more counted orders (until now).
     */
    public record Table(YearMonth from, YearMonth to, RetentionVariant variant, List<Cohort> cohorts, long buyers,
            long repeatBuyers, Estimate repeatPurchaseRate) {
    }

    public Table table(YearMonth from, YearMonth to, RetentionVariant variant) {
        if (to.isBefore(from)) {
            throw ApiProblem.invalidField("to", "The last month (" + to + ") is before the first (" + from + ").");
        }
        long months = ChronoUnit.MONTHS.between(from, to) + 1;
        if (months > MAX_MONTHS) {
            throw ApiProblem.invalidField("from", "A retention table covers at most " + MAX_MONTHS + " months; this one "
                    + "asks for " + months + ".");
        }
        Map<YearMonth, long[]> counts = new LinkedHashMap<>();
        for (YearMonth month = from; !month.isAfter(to); month = month.plusMonths(1)) {
            counts.put(month, new long[(int) ChronoUnit.MONTHS.between(month, to) + 1]);
        }
        String sql = variant == RetentionVariant.IN ? """
                select first_month, active_month, buyers from insight_cohort_months
                where first_month between ? and ? and active_month <= ? and buyers > 0""" : """
                select first_month, last_month as active_month, buyers from insight_cohort_spans
                where first_month between ? and ? and first_month <= ? and buyers > 0""";
        jdbc.sql(sql).params(from.atDay(1), to.atDay(1), to.atDay(1)).query(rs -> {
            YearMonth cohort = YearMonth.from(rs.getObject("first_month", LocalDate.class));
            YearMonth active = YearMonth.from(rs.getObject("active_month", LocalDate.class));
            long[] row = counts.get(cohort);
            int k = (int) ChronoUnit.MONTHS.between(cohort, active);
            long buyers = rs.getLong("buyers");
            if (variant == RetentionVariant.IN) {
                row[k] += buyers;
            } else {
                // Last purchase in period k: counted in every period up to k (periods after the table end at its end).
                for (int i = 0; i <= Math.min(k, row.length - 1); i++) {
                    row[i] += buyers;
                }
            }
        });
        List<Cohort> cohorts = new ArrayList<>();
        counts.forEach((month, row) -> {
            long size = row[0];
            List<Long> active = new ArrayList<>();
            List<Double> percent = new ArrayList<>();
            for (long buyers : row) {
                active.add(buyers);
                percent.add(size == 0 ? 0.0 : Math.round(10_000.0 * buyers / size) / 100.0);
            }
            cohorts.add(new Cohort(month, size, active, percent));
        });
        long[] repeat = jdbc.sql("""
                select coalesce(sum(buyers), 0) as buyers, coalesce(sum(repeat_buyers), 0) as repeaters
                from insight_cohort_spans where first_month between ? and ?""")
                .params(from.atDay(1), to.atDay(1))
                .query((rs, n) -> new long[] {rs.getLong("buyers"), rs.getLong("repeaters")}).single();
        Estimate rate = Proportion.percent(repeat[1], repeat[0]);
        return new Table(from, to, variant, cohorts, repeat[0], repeat[1], rate == null ? new Estimate(0, null, null)
                : rate);
    }

    /**
     * The buyers behind one cell of the table: the cohort's people (encoded identifiers) who purchased in period k
     * (or in it or later), at most {@code limit}, in order of their identifiers.
     */
    public List<String> buyers(YearMonth cohort, int k, RetentionVariant variant, int limit) {
        if (k < 0 || k > MAX_MONTHS) {
            throw ApiProblem.invalidField("period", "period must be 0–" + MAX_MONTHS + ".");
        }
        if (limit < 1 || limit > MAX_BUYERS) {
            throw ApiProblem.invalidField("limit", "limit must be 1–" + MAX_BUYERS + ".");
        }
        String sql = variant == RetentionVariant.IN ? """
                select c.person from insight_person_cohorts c join insight_person_months m on m.person = c.person
                where c.first_month = ? and m.purchase_month = ? order by c.person limit ?""" : """
                select person from insight_person_cohorts where first_month = ? and last_month >= ?
                order by person limit ?""";
        return jdbc.sql(sql).params(cohort.atDay(1), cohort.plusMonths(k).atDay(1), limit).query(String.class).list();
    }
}
