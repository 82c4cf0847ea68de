package io.rapport.insight.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.rapport.insight.SavedFunnel;
import io.rapport.insight.SavedFunnels;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Builds the paths of saved funnels that are new or edited, from all their funnel events, one funnel per
 * transaction. The transaction reads one snapshot (repeatable read): the paths include exactly the events up to the
 * last one it sees, which becomes the funnel's {@code paths_seq}, and {@link FunnelPathFollower} goes on from there.
 * An edit meanwhile changes the funnel's version, and the build is thrown away and started again.
 */
@Component
class FunnelPathBackfill {

    private static final Logger log = LoggerFactory.getLogger(FunnelPathBackfill.class);
    private static final int INSERT_BATCH = 1_000;
    private static final Instant EARLIEST = FunnelDayPaths.start(LocalDate.of(1, 1, 1));
    private static final Instant LATEST = FunnelDayPaths.start(LocalDate.of(9999, 1, 1));

    private final SavedFunnels saved;
    private final FunnelEventRows events;
    private final FunnelPathRows paths;
    private final JdbcClient jdbc;
    private final TransactionTemplate snapshot;

    FunnelPathBackfill(SavedFunnels saved, FunnelEventRows events, FunnelPathRows paths, JdbcClient jdbc,
            PlatformTransactionManager transactions) {
        this.saved = saved;
        this.events = events;
        this.paths = paths;
        this.jdbc = jdbc;
        this.snapshot = new TransactionTemplate(transactions);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    }

    @Scheduled(fixedDelayString = "${rapport.insight.funnel-paths-interval:PT1S}", initialDelayString = "PT1S")
    void buildPending() {
        for (SavedFunnel funnel : saved.list()) {
            if (!funnel.pathsReady()) {
                try {
                    snapshot.executeWithoutResult(status -> {
                        if (!build(funnel)) {
                            status.setRollbackOnly();
                        }
                    });
                } catch (RuntimeException e) {
                    // Another node building it, or an edit or erasure meanwhile: the next round tries again.
                    log.info("Building the paths of funnel {} did not finish; trying again: {}", funnel.id(),
                            e.getMessage());
                }
            }
        }
    }

    /** Builds the funnel's paths; false when it was edited or built meanwhile. */
    private boolean build(SavedFunnel funnel) {
        long head = jdbc.sql("select coalesce(max(seq), 0) from insight_funnel_events").query(Long.class).single();
        jdbc.sql("delete from insight_funnel_paths where funnel_id = ?").param(funnel.id().value()).update();
        List<FunnelDayPaths.DayPath> pending = new ArrayList<>();
        try (Stream<FunnelRow> rows = events.rows(funnel.definition().steps(), EARLIEST, LATEST, null)) {
            FunnelEventRows.byPerson(rows, person -> {
                pending.addAll(FunnelDayPaths.of(funnel.definition(), person, LocalDate.MIN, LocalDate.MAX));
                if (pending.size() >= INSERT_BATCH) {
                    paths.insert(funnel.id(), pending);
                    pending.clear();
                }
                return true;
            });
        }
        paths.insert(funnel.id(), pending);
        return jdbc.sql("""
                update insight_funnels set paths_ready = true, paths_seq = ? where id = ? and version = ?
                    and not paths_ready""").params(head, funnel.id().value(), funnel.version()).update() == 1;
    }
}
