package io.rapport.insight;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.rapport.platform.ApiProblem;
import io.rapport.platform.Timestamps;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Funnels kept by name: their steps (as JSON) and window. A new or edited funnel's paths are built in the background;
 * deleting a funnel deletes its paths with it.
 */
@Service
public class SavedFunnels {

    /** The most funnels kept; a list of them is one page. */
    public static final int MAX_FUNNELS = 500;

    private static final TypeReference<List<FunnelStep>> STEPS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final Clock clock;
    private final RowMapper<SavedFunnel> row;

    SavedFunnels(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.row = (rs, n) -> new SavedFunnel(new SavedFunnel.Id(rs.getObject("id", UUID.class)), rs.getString("name"),
                new FunnelDefinition(JsonMapper.shared().readValue(rs.getString("steps_json"), STEPS),
                        Duration.ofSeconds(rs.getLong("window_seconds"))),
                Timestamps.instant(rs, "created_at"), Timestamps.instant(rs, "updated_at"), rs.getLong("version"),
                rs.getBoolean("paths_ready"));
    }

    public List<SavedFunnel> list() {
        return jdbc.sql("select * from insight_funnels order by lower(name), id limit " + MAX_FUNNELS).query(row).list();
    }

    public Optional<SavedFunnel> find(SavedFunnel.Id id) {
        return jdbc.sql("select * from insight_funnels where id = ?").param(id.value()).query(row).optional();
    }

    public SavedFunnel get(SavedFunnel.Id id) {
        return find(id).orElseThrow(() -> ApiProblem.notFound("There is no funnel " + id + "."));
    }

    public SavedFunnel create(String name, FunnelDefinition definition) {
        if (jdbc.sql("select count(*) from insight_funnels").query(Long.class).single() >= MAX_FUNNELS) {
            throw ApiProblem.conflict("Rapport keeps at most " + MAX_FUNNELS + " funnels; delete one first.");
        }
        SavedFunnel.Id id = new SavedFunnel.Id(UUID.randomUUID());
        Instant now = clock.instant();
        jdbc.sql("""
                insert into insight_funnels (id, name, steps_json, window_seconds, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?)""")
                .params(id.value(), name(name), JsonMapper.shared().writeValueAsString(definition.steps()),
                        definition.window().toSeconds(), Timestamps.of(now), Timestamps.of(now))
                .update();
        return get(id);
    }

    /** Replaces a funnel; its paths are rebuilt in the background, its reports read the raw events until then. */
    public SavedFunnel update(SavedFunnel.Id id, String name, FunnelDefinition definition) {
        int updated = jdbc.sql("""
                update insight_funnels set name = ?, steps_json = ?, window_seconds = ?, updated_at = ?,
                    version = version + 1, paths_ready = false, paths_seq = null where id = ?""")
                .params(name(name), JsonMapper.shared().writeValueAsString(definition.steps()),
                        definition.window().toSeconds(), Timestamps.of(clock.instant()), id.value())
                .update();
        if (updated == 0) {
            throw ApiProblem.notFound("There is no funnel " + id + ".");
        }
        jdbc.sql("delete from insight_funnel_paths where funnel_id = ?").param(id.value()).update();
        return get(id);
    }

    public void delete(SavedFunnel.Id id) {
        if (jdbc.sql("delete from insight_funnels where id = ?").param(id.value()).update() == 0) {
            throw ApiProblem.notFound("There is no funnel " + id + ".");
        }
    }

    private static String name(String name) {
        String trimmed = name.strip();
        if (trimmed.isEmpty() || trimmed.length() > SavedFunnel.MAX_NAME) {
            throw ApiProblem.invalidField("name", "Give the funnel a name of 1 to " + SavedFunnel.MAX_NAME
                    + " characters, e.g. 'Checkout'.");
        }
        return trimmed;
    }
}
