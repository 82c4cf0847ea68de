package io.rapport.insight.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

import io.rapport.customer.Customer;
import io.rapport.customer.Customers;
import io.rapport.customer.Identifier;
import io.rapport.insight.ConversionFunnels;
import io.rapport.insight.FunnelBreakdown;
import io.rapport.insight.FunnelDropOff;
import io.rapport.insight.FunnelQuery;
import io.rapport.insight.FunnelResult;
import io.rapport.insight.FunnelStep;
import io.rapport.platform.ApiProblem;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Computes funnels: a saved funnel whose paths are built from those ({@link FunnelPathReports}); any other by
 * streaming the steps' rows, person by person in time order, through a {@link FunnelPath} each, and counting the paths
 * overall and per breakdown group.
 */
@Service
class FunnelReports implements ConversionFunnels {

    /** The most groups a breakdown lists, those with the most entrants. */
    static final int MAX_GROUPS = 100;
    static final String NO_CAMPAIGN = "(none)";

    private final FunnelEventRows rows;
    private final FunnelPathReports paths;
    private final JdbcClient jdbc;
    private final Customers customers;

    FunnelReports(FunnelEventRows rows, FunnelPathReports paths, JdbcClient jdbc, Customers customers) {
        this.rows = rows;
        this.paths = paths;
        this.jdbc = jdbc;
        this.customers = customers;
    }

    /** A person who reached a step but not the next, and when they reached it. */
    record Dropped(String person, Instant reachedAt) {
    }

    @Override
    @Transactional(readOnly = true)
    public FunnelResult report(FunnelQuery query) {
        int size = query.definition().steps().size();
        FunnelCounts total;
        Map<String, FunnelCounts> groups;
        boolean fromPaths = query.saved() != null && paths.ready(query.saved());
        if (fromPaths) {
            total = paths.counts(query, query.saved(), null).getOrDefault("", new FunnelTally(size).counts());
            groups = query.breakdown() == null ? Map.of() : paths.counts(query, query.saved(), query.breakdown());
        } else {
            FunnelTally all = new FunnelTally(size);
            Map<String, FunnelTally> tallies = new LinkedHashMap<>();
            walk(query, null, path -> {
                all.add(path);
                if (query.breakdown() != null) {
                    tallies.computeIfAbsent(group(query.breakdown(), path.entry()), key -> new FunnelTally(size))
                            .add(path);
                }
                return true;
            });
            total = all.counts();
            groups = new LinkedHashMap<>();
            tallies.forEach((key, tally) -> groups.put(key, tally.counts()));
        }
        List<String> labels = query.definition().labels();
        List<FunnelResult.Group> listed = groups.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, FunnelCounts> g) -> -g.getValue().entrants())
                        .thenComparing(Map.Entry::getKey))
                .limit(MAX_GROUPS)
                .map(g -> new FunnelResult.Group(g.getKey(), g.getValue().steps(labels), g.getValue().timeToConvert()))
                .toList();
        return new FunnelResult(query.from(), query.to(), query.definition().windowText(),
                query.breakdown() == null ? null : query.breakdown().wire(), total.steps(labels), total.timeToConvert(),
                listed, fromPaths ? FunnelResult.FROM_PATHS : FunnelResult.FROM_EVENTS);
    }

    @Override
    @Transactional(readOnly = true)
    public FunnelDropOff dropOff(FunnelQuery query, int step, int limit, @Nullable String cursor) {
        List<FunnelStep> steps = query.definition().steps();
        if (step < 1 || step >= steps.size()) {
            throw ApiProblem.invalidField("step", "step is 1 to " + (steps.size() - 1) + ": the persons who reached "
                    + "that step but not the next.");
        }
        if (limit < 1 || limit > FunnelDropOff.MAX_LIMIT) {
            throw ApiProblem.invalidField("limit", "limit must be 1 to " + FunnelDropOff.MAX_LIMIT + ".");
        }
        List<Dropped> found = new ArrayList<>();
        @Nullable String after = after(cursor);
        if (query.saved() != null && paths.ready(query.saved())) {
            found.addAll(paths.dropOff(query, query.saved(), step, limit + 1, after));
        } else {
            walk(query, after, path -> {
                if (path.reached() == step) {
                    found.add(new Dropped(path.entry().person(), path.at(step - 1)));
                }
                return found.size() <= limit;
            });
        }
        List<Dropped> page = found.size() > limit ? found.subList(0, limit) : found;
        String next = found.size() > limit ? Base64.getUrlEncoder().withoutPadding().encodeToString(
                page.getLast().person().getBytes(StandardCharsets.UTF_8)) : null;
        return new FunnelDropOff(step, steps.get(step - 1).label(), steps.get(step).label(), page.stream()
                .map(d -> new FunnelDropOff.Person(d.person(), d.reachedAt(), customerOf(d.person()))).toList(), next);
    }

    @Override
    public List<FunnelStep> knownSteps() {
        return jdbc.sql("select kind, name from insight_funnel_event_names order by kind desc, name limit "
                + MAX_KNOWN_STEPS).query((rs, n) -> new FunnelStep(FunnelStep.Kind.fromWire(rs.getString("kind"))
                        .orElseThrow(), rs.getString("name"), null, null)).list();
    }

    /** Feeds each person's path to {@code onPath} (entrants only) until it answers false. */
    private void walk(FunnelQuery query, @Nullable String after, Predicate<FunnelPath> onPath) {
        Instant enterFrom = query.from().atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant enterUntil = query.to().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant until = enterUntil.plus(query.definition().window());
        try (Stream<FunnelRow> stream = rows.rows(query.definition().steps(), enterFrom, until, after)) {
            FunnelEventRows.byPerson(stream, person -> {
                FunnelPath path = new FunnelPath(query.definition(), enterFrom, enterUntil);
                person.forEach(path::offer);
                return path.reached() == 0 || onPath.test(path);
            });
        }
    }

    private static String group(FunnelBreakdown breakdown, FunnelRow entry) {
        return switch (breakdown) {
            case CHANNEL -> entry.channel();
            case DEVICE -> entry.device();
            case CAMPAIGN -> entry.campaign() == null ? NO_CAMPAIGN : entry.campaign();
        };
    }

    private static @Nullable String after(@Nullable String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalidField("cursor", "This cursor is not one Rapport gave out; pass the 'next' value "
                    + "of the previous page unchanged.");
        }
    }

    private @Nullable String customerOf(String person) {
        return customers.find(Identifier.decode(person)).map(Customer.Id::toString).orElse(null);
    }
}
