package io.rapport.insight;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Drill-downs from the activity counts to persons: the persons with an active period {@code :at} of one grain and
 * channel who meet a condition on their other periods of the same series ({@code b}, joined by {@link #SAME_SERIES}).
 */
final class PersonPeriods {

    static final String SAME_SERIES = """
            select 1 from insight_person_periods b
            where b.person = a.person and b.channel = a.channel and b.grain = a.grain""";

    private PersonPeriods() {
    }

    static List<String> persons(JdbcClient jdbc, MetricGrouping grain, String channel, String condition,
            Map<String, Object> params, int limit) {
        Map<String, Object> all = new HashMap<>(params);
        all.put("grain", grain.wire());
        all.put("channel", channel);
        all.put("limit", limit);
        return jdbc.sql("""
                select a.person from insight_person_periods a
                where a.grain = :grain and a.channel = :channel and a.period = :at\s""" + condition
                        + " order by a.person limit :limit")
                .params(all).query(String.class).list();
    }
}
