package io.rapport.collect;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.rapport.platform.ApiProblem;
import io.rapport.platform.Secrets;
import io.rapport.platform.Timestamps;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Sources and their write keys. Write keys are checked on every tracking call, so they are held in memory
 * and reloaded after every change here and every 30 seconds (for changes made by another node).
 */
@Service
public class Sources {

    private static final RowMapper<Source> ROW = (rs, row) -> new Source(
            new Source.Id(rs.getObject("id", UUID.class)), rs.getString("name"),
            SourceType.valueOf(rs.getString("type")), rs.getString("write_key"),
            Timestamps.nullableInstant(rs, "previous_key_valid_until"), Timestamps.instant(rs, "created_at"));

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration rotationGrace;
    private volatile Map<String, KeyEntry> writeKeys = Map.of();

    private record KeyEntry(Source.Id source, @Nullable Instant validUntil) {
    }

    Sources(JdbcClient jdbc, Clock clock,
            @Value("${rapport.collect.write-key-rotation-grace:PT24H}") Duration rotationGrace) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.rotationGrace = rotationGrace;
        reloadWriteKeys();
    }

    public Source create(String name, SourceType type) {
        String trimmed = name.strip();
        if (trimmed.isEmpty() || trimmed.length() > 100) {
            throw ApiProblem.invalidField("name", "Give the source a name of 1 to 100 characters, e.g. 'Web shop'.");
        }
        Source source = new Source(new Source.Id(UUID.randomUUID()), trimmed, type, newWriteKey(), null,
                clock.instant());
        jdbc.sql("insert into sources (id, name, type, write_key, created_at) values (?, ?, ?, ?, ?)")
                .params(source.id().value(), source.name(), type.name(), source.writeKey(),
                        Timestamps.of(source.createdAt()))
                .update();
        reloadWriteKeys();
        return source;
    }

    public List<Source> list() {
        return jdbc.sql("select * from sources order by name, created_at").query(ROW).list();
    }

    public Optional<Source> find(Source.Id id) {
        return jdbc.sql("select * from sources where id = ?").param(id.value()).query(ROW).optional();
    }

    public Source get(Source.Id id) {
        return find(id).orElseThrow(() -> ApiProblem.notFound("There is no source with the id " + id + "."));
    }

    /** Gives the source a new write key; the old one keeps working for the configured grace period. */
    public Source rotateWriteKey(Source.Id id) {
        Source current = get(id);
        Instant validUntil = clock.instant().plus(rotationGrace);
        jdbc.sql("""
                update sources set previous_write_key = write_key, previous_key_valid_until = ?, write_key = ?
                where id = ?""")
                .params(Timestamps.of(validUntil), newWriteKey(), id.value())
                .update();
        reloadWriteKeys();
        return get(current.id());
    }

    /** How long a rotated-out write key keeps working. */
    public Duration rotationGrace() {
        return rotationGrace;
    }

    /** The source a write key belongs to, if the key is current or still in its grace period. */
    public Optional<Source.Id> authenticate(String writeKey) {
        KeyEntry entry = writeKeys.get(writeKey);
        if (entry == null || (entry.validUntil() != null && clock.instant().isAfter(entry.validUntil()))) {
            return Optional.empty();
        }
        return Optional.of(entry.source());
    }

    @Scheduled(fixedDelayString = "PT30S", initialDelayString = "PT30S")
    void reloadWriteKeys() {
        Map<String, KeyEntry> keys = new HashMap<>();
        jdbc.sql("select id, write_key, previous_write_key, previous_key_valid_until from sources")
                .query(rs -> {
                    Source.Id id = new Source.Id(rs.getObject("id", UUID.class));
                    keys.put(rs.getString("write_key"), new KeyEntry(id, null));
                    String previous = rs.getString("previous_write_key");
                    if (previous != null) {
                        keys.put(previous, new KeyEntry(id, Timestamps.nullableInstant(rs, "previous_key_valid_until")));
                    }
                });
        writeKeys = Map.copyOf(keys);
    }

    private static String newWriteKey() {
        return Secrets.token("", 24);
    }
}
