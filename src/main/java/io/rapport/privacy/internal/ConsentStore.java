package io.rapport.privacy.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.rapport.platform.SqlLists;
import io.rapport.platform.Timestamps;
import io.rapport.privacy.Consent;
import io.rapport.privacy.Purpose;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The {@code consents} table: one answer per identifier and purpose, the newest winning. */
@Component
public class ConsentStore {

    private final JdbcClient jdbc;

    ConsentStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One stored answer and the identifier that holds it. */
    public record Row(String identifier, Consent consent) {
    }

    /** Keeps an answer for one identifier unless a newer one is kept already; returns whether it was kept. */
    public boolean record(String identifier, Consent consent) {
        int inserted = jdbc.sql("""
                insert into consents (identifier, purpose, status, source, set_at) values (?, ?, ?, ?, ?)
                on conflict do nothing""")
                .params(identifier, consent.purpose().name(), consent.status().name(), consent.source().name(),
                        Timestamps.of(consent.setAt()))
                .update();
        if (inserted > 0) {
            return true;
        }
        return jdbc.sql("""
                update consents set status = ?, source = ?, set_at = ?
                where identifier = ? and purpose = ? and set_at <= ?""")
                .params(consent.status().name(), consent.source().name(), Timestamps.of(consent.setAt()), identifier,
                        consent.purpose().name(), Timestamps.of(consent.setAt()))
                .update() > 0;
    }

    /** Every answer held by these identifiers, oldest first. */
    public List<Row> of(Collection<String> identifiers) {
        List<Row> rows = new ArrayList<>();
        for (List<String> chunk : SqlLists.chunks(identifiers)) {
            rows.addAll(jdbc.sql("select identifier, purpose, status, source, set_at from consents where identifier in (:ids)")
                    .param("ids", chunk)
                    .query((rs, n) -> new Row(rs.getString("identifier"), new Consent(Purpose.valueOf(rs.getString("purpose")),
                            Consent.Status.valueOf(rs.getString("status")),
                            Consent.Source.valueOf(rs.getString("source")), Timestamps.instant(rs, "set_at"))))
                    .list());
        }
        rows.sort((a, b) -> a.consent().setAt().compareTo(b.consent().setAt()));
        return rows;
    }

    /** Deletes every answer held by these identifiers; returns how many. */
    public long delete(Collection<String> identifiers) {
        long deleted = 0;
        for (List<String> chunk : SqlLists.chunks(identifiers)) {
            deleted += jdbc.sql("delete from consents where identifier in (:ids)").param("ids", chunk).update();
        }
        return deleted;
    }

}
