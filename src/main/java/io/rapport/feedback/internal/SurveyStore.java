package io.rapport.feedback.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.rapport.feedback.Survey;
import io.rapport.feedback.SurveyDefinition;
import io.rapport.feedback.SurveyStatus;
import io.rapport.platform.ApiProblem;
import io.rapport.platform.Timestamps;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** The {@code surveys} table: each survey's definition as JSON, with its status and version beside it. */
@Component
class SurveyStore {

    private static final JsonMapper JSON = JsonMapper.shared();
    private static final RowMapper<Survey> ROW = (rs, n) -> new Survey(new Survey.Id(rs.getObject("id", UUID.class)),
            SurveyStatus.valueOf(rs.getString("status")), rs.getInt("version"), Timestamps.instant(rs, "created_at"),
            Timestamps.instant(rs, "updated_at"), Timestamps.nullableInstant(rs, "activated_at"),
            JSON.readValue(rs.getString("definition_json"), SurveyDefinition.class));

    private final JdbcClient jdbc;

    SurveyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Survey survey) {
        jdbc.sql("""
                insert into surveys (id, name, type, status, version, definition_json, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(survey.id().value(), survey.definition().name(), survey.type().name(), survey.status().name(),
                        survey.version(), JSON.writeValueAsString(survey.definition()),
                        Timestamps.of(survey.createdAt()), Timestamps.of(survey.updatedAt()))
                .update();
    }

    long count() {
        return jdbc.sql("select count(*) from surveys").query(Long.class).single();
    }

    Optional<Survey> find(Survey.Id id) {
        return jdbc.sql("select * from surveys where id = ?").param(id.value()).query(ROW).optional();
    }

    Survey get(Survey.Id id) {
        return find(id).orElseThrow(() -> notFound(id));
    }

    /** The survey, locked until the transaction ends: status changes and edits of one survey take turns. */
    Survey lock(Survey.Id id) {
        return jdbc.sql("select * from surveys where id = ? for update").param(id.value()).query(ROW).optional()
                .orElseThrow(() -> notFound(id));
    }

    List<Survey> list(@Nullable SurveyStatus status) {
        if (status == null) {
            return jdbc.sql("select * from surveys order by created_at desc, id").query(ROW).list();
        }
        return jdbc.sql("select * from surveys where status = ? order by created_at desc, id").param(status.name())
                .query(ROW).list();
    }

    /** Active surveys, those activated first first: the order in which page triggers are tried. */
    List<Survey> active() {
        return jdbc.sql("select * from surveys where status = 'ACTIVE' order by activated_at, id").query(ROW).list();
    }

    void update(Survey.Id id, SurveyDefinition definition, Instant at) {
        jdbc.sql("""
                update surveys set name = ?, type = ?, definition_json = ?, version = version + 1, updated_at = ?
                where id = ?""")
                .params(definition.name(), definition.type().name(), JSON.writeValueAsString(definition),
                        Timestamps.of(at), id.value())
                .update();
    }

    /** A new status; becoming active also stamps {@code activated_at} (events received before it trigger nothing). */
    void status(Survey.Id id, SurveyStatus status, Instant at) {
        jdbc.sql("update surveys set status = ?, version = version + 1, updated_at = ? where id = ?")
                .params(status.name(), Timestamps.of(at), id.value()).update();
        if (status == SurveyStatus.ACTIVE) {
            jdbc.sql("update surveys set activated_at = ? where id = ?").params(Timestamps.of(at), id.value()).update();
        }
    }

    /** Deletes a survey with its counts; refused (by the database) while invitations name it. */
    void delete(Survey.Id id) {
        jdbc.sql("delete from survey_counts where survey_id = ?").param(id.value()).update();
        jdbc.sql("delete from surveys where id = ?").param(id.value()).update();
    }

    static ApiProblem notFound(Survey.Id id) {
        return ApiProblem.notFound("There is no survey with the id " + id + ".");
    }
}
