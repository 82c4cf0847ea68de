package io.rapport.insight.internal;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

import io.rapport.insight.FunnelStep;
import io.rapport.platform.Timestamps;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads the rows of a funnel's steps from {@code insight_funnel_events}, by person, then time: one indexed range per
 * distinct step (kind, name), so a funnel reads only its own events, however large the log.
 */
@Component
class FunnelEventRows {

    private static final int FETCH_SIZE = 1_000;

    private final JdbcTemplate jdbc;

    FunnelEventRows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The steps' rows at {@code from} (included) to {@code until} (excluded), of persons after {@code after} (in the
     * database's order) when given. The caller closes the stream; run it in a transaction, so PostgreSQL streams the
     * rows rather than reading them all at once.
     */
    Stream<FunnelRow> rows(List<FunnelStep> steps, Instant from, Instant until, @Nullable String after) {
        return after == null ? rows(steps, from, until, "", List.of())
                : rows(steps, from, until, " and person > ?", List.of(after));
    }

    /** The steps' rows of these persons at {@code from} (included) to {@code until} (excluded), as {@link #rows}. */
    Stream<FunnelRow> rowsOf(List<FunnelStep> steps, Collection<String> persons, Instant from, Instant until) {
        return rows(steps, from, until, " and person in (" + String.join(", ", Collections.nCopies(persons.size(), "?"))
                + ")", List.copyOf(persons));
    }

    /** One indexed range per step key, each narrowed by {@code condition}, by person, then time and log order. */
    private Stream<FunnelRow> rows(List<FunnelStep> steps, Instant from, Instant until, String condition,
            List<?> conditionParams) {
        List<Object> params = new ArrayList<>();
        List<String> ranges = new ArrayList<>();
        // The properties (up to 4,000 characters a row) only when a step filters on one: narrower rows sort faster.
        String properties = steps.stream().anyMatch(step -> step.property() != null) ? "properties"
                : "cast(null as varchar(4000)) as properties";
        for (List<String> key : keys(steps)) {
            StringBuilder range = new StringBuilder("select seq, person, kind, name, occurred_at, channel, device, "
                    + "campaign, " + properties + " from insight_funnel_events where kind = ?");
            params.add(key.getFirst());
            if (key.size() > 1) {
                range.append(" and name = ?");
                params.add(key.get(1));
            }
            range.append(" and occurred_at >= ? and occurred_at < ?").append(condition);
            params.add(Timestamps.of(from));
            params.add(Timestamps.of(until));
            params.addAll(conditionParams);
            ranges.add(range.toString());
        }
        String sql = "select * from (" + String.join(" union all ", ranges) + ") steps order by person, occurred_at, seq";
        return jdbc.queryForStream(connection -> {
            PreparedStatement statement = connection.prepareStatement(sql);
            statement.setFetchSize(FETCH_SIZE);
            for (int i = 0; i < params.size(); i++) {
                statement.setObject(i + 1, params.get(i));
            }
            return statement;
        }, (rs, n) -> new FunnelRow(rs.getString("person"), FunnelStep.Kind.valueOf(rs.getString("kind")
                .toUpperCase(Locale.ROOT)), rs.getString("name"), Timestamps.instant(rs, "occurred_at"),
                rs.getString("channel"), rs.getString("device"), rs.getString("campaign"), rs.getString("properties")));
    }

    /** Hands each person's rows of a {@link #rows} stream, in time order, to {@code onPerson} until it answers false. */
    static void byPerson(Stream<FunnelRow> rows, Predicate<List<FunnelRow>> onPerson) {
        Iterator<FunnelRow> iterator = rows.iterator();
        List<FunnelRow> person = new ArrayList<>();
        while (iterator.hasNext()) {
            FunnelRow row = iterator.next();
            if (!person.isEmpty() && !row.person().equals(person.getFirst().person())) {
                if (!onPerson.test(person)) {
                    return;
                }
                person = new ArrayList<>();
            }
            person.add(row);
        }
        if (!person.isEmpty()) {
            onPerson.test(person);
        }
    }

    /**
     * The distinct (kind, name) ranges to read, as [kind, name], or [kind] for any page or screen, which covers
     * the named ones of its kind: no row is read twice.
     */
    static Set<List<String>> keys(List<FunnelStep> steps) {
        Set<String> anyOfKind = new LinkedHashSet<>();
        for (FunnelStep step : steps) {
            if (step.type() != FunnelStep.Kind.TRACK && step.name().isEmpty()) {
                anyOfKind.add(step.type().wire());
            }
        }
        Set<List<String>> keys = new LinkedHashSet<>();
        for (FunnelStep step : steps) {
            keys.add(anyOfKind.contains(step.type().wire()) ? List.of(step.type().wire())
                    : List.of(step.type().wire(), step.name()));
        }
        return keys;
    }
}
