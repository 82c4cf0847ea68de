package io.rapport.insight;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.IntFunction;

import io.rapport.testing.RapportTest;
import io.rapport.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * How long the CX overview's queries take on large roll-ups: three years of daily survey counts (NPS, CSAT and
 * CES, 10 surveys each, 3 channels, every score every day: about 750,000 rows, and their monthly sums) and the purchase roll-ups of about
 * 1,000,000 orders (250,000 buyers over 36 months, with their cohort matrix and spans). Not part of the suite (the class name does not end in Test): run
 * it with {@code ./mvnw -B test -Dtest=InsightQueriesBenchmark}; it prints p50 and p95 per query on H2 and
 * PostgreSQL (see docs/benchmarks.md). {@code -Drapport.bench.rounds=<n>} (default 30) sets the measured rounds.
 */
@RapportTest
@DirtiesContext
class InsightQueriesBenchmark {

    private static final LocalDate LAST_DAY = LocalDate.of(2026, 10, 31);
    private static final int DAYS = 1_096;
    private static final int SURVEYS = 10;
    private static final List<String> CHANNELS = List.of("web", "email", "link");
    private static final int BUYERS = 250_000;

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        TestDatabase.isolated("insight_bench").forEach((key, value) -> registry.add(key, () -> value));
    }

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    SurveyMetrics metrics;

    @Autowired
    Retention retention;

    @Test
    void overview_queries_on_three_years_of_roll_ups() {
        long seeded = seedSurveyDays() + seedPurchases();
        int rounds = Integer.getInteger("rapport.bench.rounds", 30);
        LocalDate from90 = LAST_DAY.minusDays(89);
        YearMonth lastMonth = YearMonth.from(LAST_DAY);
        // Each round asks for slightly different days or months: H2 reuses the result of an identical query on
        // unchanged tables, which would measure its cache instead of the query.
        measure("NPS, 90 days per week (overview)", rounds, i -> metrics.report(SurveyMetric.NPS,
                new SurveyMetrics.Query(from90.minusDays(i), LAST_DAY.minusDays(i), MetricGrouping.WEEK, null, null)));
        measure("CSAT, 90 days per week, one channel", rounds, i -> metrics.report(SurveyMetric.CSAT,
                new SurveyMetrics.Query(from90.minusDays(i), LAST_DAY.minusDays(i), MetricGrouping.WEEK, null, "email")));
        measure("CES, 3 years per month", rounds, i -> metrics.report(SurveyMetric.CES,
                new SurveyMetrics.Query(LAST_DAY.minusDays(DAYS - 1 - i), LAST_DAY, MetricGrouping.MONTH, null, null)));
        measure("NPS, 3 years per survey", rounds, i -> metrics.report(SurveyMetric.NPS,
                new SurveyMetrics.Query(LAST_DAY.minusDays(DAYS - 1 - i), LAST_DAY, MetricGrouping.SURVEY, null, null)));
        measure("retention, 12 cohorts, in", rounds, i -> retention.table(lastMonth.minusMonths(11 + i % 3),
                lastMonth.minusMonths(i % 3), RetentionVariant.IN));
        measure("retention, 36 cohorts, in", rounds, i -> retention.table(lastMonth.minusMonths(35 - i % 3),
                lastMonth, RetentionVariant.IN));
        measure("retention, 36 cohorts, in or after", rounds, i -> retention.table(lastMonth.minusMonths(35 - i % 3),
                lastMonth, RetentionVariant.IN_OR_AFTER));
        System.out.printf("Insight benchmark [%s]: %,d roll-up rows, %d cores%n",
                System.getProperty("rapport.test.database", "?"), seeded, Runtime.getRuntime().availableProcessors());
    }

    private static void measure(String name, int rounds, IntFunction<?> query) {
        for (int i = 0; i < 3; i++) {
            query.apply(rounds + i);
        }
        double[] millis = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            query.apply(i);
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        System.out.printf("Insight benchmark [%s] %s: p50 %.1f ms, p95 %.1f ms (%d rounds)%n",
                System.getProperty("rapport.test.database", "?"), name, millis[rounds / 2],
                millis[(int) Math.ceil(rounds * 0.95) - 1], rounds);
    }

    /** Daily counts, and their monthly sums as the roll-up keeps them beside. */
    private long seedSurveyDays() {
        SplittableRandom random = new SplittableRandom(7);
        java.util.Map<List<Object>, Long> months = new java.util.HashMap<>();
        long rows = 0;
        for (SurveyMetric metric : SurveyMetric.values()) {
            List<UUID> surveys = new ArrayList<>();
            for (int s = 0; s < SURVEYS; s++) {
                surveys.add(new UUID(metric.ordinal(), s));
            }
            for (int d = 0; d < DAYS; d++) {
                List<Object[]> batch = new ArrayList<>();
                LocalDate day = LAST_DAY.minusDays(d);
                for (UUID survey : surveys) {
                    for (String channel : CHANNELS) {
                        for (int score = metric.type().minScore(); score <= metric.type().maxScore(); score++) {
                            int responses = 1 + random.nextInt(20);
                            batch.add(new Object[] {day, survey, metric.type().name(), channel, "en", score,
                                    responses});
                            months.merge(List.of(day.withDayOfMonth(1), survey, metric.type().name(), channel, score),
                                    (long) responses, Long::sum);
                        }
                    }
                }
                jdbc.batchUpdate("""
                        insert into insight_survey_days (on_date, survey_id, survey_type, channel, locale, score, responses)
                        values (?, ?, ?, ?, ?, ?, ?)""", batch);
                rows += batch.size();
            }
        }
        List<Object[]> monthRows = new ArrayList<>();
        months.forEach((key, responses) -> monthRows.add(new Object[] {key.get(0), key.get(1), key.get(2),
                key.get(3), "en", key.get(4), responses}));
        jdbc.batchUpdate("""
                insert into insight_survey_months (on_month, survey_id, survey_type, channel, locale, score, responses)
                values (?, ?, ?, ?, ?, ?, ?)""", monthRows);
        return rows + monthRows.size();
    }

    /** Buyers with 1 to 7 orders (4 on average) in months after their first, as the consumer would leave them. */
    private long seedPurchases() {
        SplittableRandom random = new SplittableRandom(11);
        YearMonth last = YearMonth.from(LAST_DAY);
        List<Object[]> months = new ArrayList<>();
        List<Object[]> cohorts = new ArrayList<>();
        java.util.Map<List<YearMonth>, Long> matrix = new java.util.HashMap<>();
        java.util.Map<List<YearMonth>, long[]> spans = new java.util.HashMap<>();
        long rows = 0;
        for (int b = 0; b < BUYERS; b++) {
            String person = "user:bench-" + b;
            YearMonth first = last.minusMonths(random.nextInt(36));
            int orders = 1 + random.nextInt(7);
            java.util.TreeMap<YearMonth, Integer> active = new java.util.TreeMap<>();
            active.put(first, 1);
            for (int o = 1; o < orders; o++) {
                int span = (int) java.time.temporal.ChronoUnit.MONTHS.between(first, last) + 1;
                active.merge(first.plusMonths(random.nextInt(span)), 1, Integer::sum);
            }
            active.forEach((month, count) -> months.add(new Object[] {person, month.atDay(1), count}));
            cohorts.add(new Object[] {person, first.atDay(1), active.lastKey().atDay(1), orders});
            active.keySet().forEach(month -> matrix.merge(List.of(first, month), 1L, Long::sum));
            long[] span = spans.computeIfAbsent(List.of(first, active.lastKey()), k -> new long[2]);
            span[0]++;
            span[1] += orders >= 2 ? 1 : 0;
            if (months.size() >= 5_000) {
                rows += flush(months, cohorts);
            }
        }
        rows += flush(months, cohorts);
        List<Object[]> matrixRows = new ArrayList<>();
        matrix.forEach((key, buyers) -> matrixRows.add(new Object[] {key.get(0).atDay(1), key.get(1).atDay(1), buyers}));
        jdbc.batchUpdate("insert into insight_cohort_months (first_month, active_month, buyers) values (?, ?, ?)",
                matrixRows);
        List<Object[]> spanRows = new ArrayList<>();
        spans.forEach((key, span) -> spanRows.add(new Object[] {key.get(0).atDay(1), key.get(1).atDay(1), span[0],
                span[1]}));
        jdbc.batchUpdate("""
                insert into insight_cohort_spans (first_month, last_month, buyers, repeat_buyers) values (?, ?, ?, ?)""",
                spanRows);
        return rows + matrixRows.size() + spanRows.size();
    }

    private long flush(List<Object[]> months, List<Object[]> cohorts) {
        jdbc.batchUpdate("insert into insight_person_months (person, purchase_month, orders) values (?, ?, ?)", months);
        jdbc.batchUpdate("""
                insert into insight_person_cohorts (person, first_month, last_month, orders) values (?, ?, ?, ?)""",
                cohorts);
        long rows = months.size() + cohorts.size();
        months.clear();
        cohorts.clear();
        return rows;
    }
}
