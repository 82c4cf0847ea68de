package io.rapport.feedback.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import io.rapport.collect.Cursors;
import io.rapport.collect.Page;
import io.rapport.feedback.DailyScores;
import io.rapport.feedback.Invitation;
import io.rapport.feedback.ScoreCounts;
import io.rapport.feedback.Question;
import io.rapport.feedback.Survey;
import io.rapport.feedback.SurveyAnswered;
import io.rapport.feedback.SurveyResponse;
import io.rapport.feedback.SurveyResponses;
import io.rapport.feedback.SurveyStatus;
import io.rapport.feedback.SurveyType;
import io.rapport.platform.ApiProblem;
import io.rapport.platform.SqlLists;
import io.rapport.platform.Timestamps;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Responses ({@code survey_responses}) and their answers per question ({@code survey_answers}): one response per
 * invitation, grown and changed by later submits with the same token, each change published as a
 * {@link SurveyAnswered} in the transaction that stores it.
 */
@Service
class ResponseService implements SurveyResponses {

    private static final JsonMapper JSON = JsonMapper.shared();

    private final JdbcClient jdbc;
    private final InvitationStore invitations;
    private final SurveyStore surveys;
    private final SurveyCounters counters;
    private final ApplicationEventPublisher events;
    private final FeedbackProperties properties;
    private final Clock clock;

    ResponseService(JdbcClient jdbc, InvitationStore invitations, SurveyStore surveys, SurveyCounters counters,
            ApplicationEventPublisher events, FeedbackProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.invitations = invitations;
        this.surveys = surveys;
        this.counters = counters;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    @Transactional
    public SurveyResponse answer(UUID token, Submission submission) {
        // The invitation's lock makes two submits with one token take turns: neither can miss the other's answers.
        Invitation invitation = invitations.lock(token)
                .orElseThrow(() -> ApiProblem.notFound("No survey invitation has this token."));
        Instant now = clock.instant();
        if (invitation.contactedAt() == null) {
            throw ApiProblem.conflict("This invitation has not gone out, so it cannot be answered.");
        }
        if (now.isAfter(invitation.contactedAt().plus(properties.answerWindow()))) {
            throw new ApiProblem(HttpStatus.GONE, "Expired", "This survey invitation can no longer be answered.", null);
        }
        Survey survey = surveys.get(invitation.surveyId());
        if (survey.status() == SurveyStatus.ARCHIVED) {
            throw new ApiProblem(HttpStatus.GONE, "Closed", "This survey is closed.", null);
        }
        Map<String, JsonNode> given = AnswerRules.check(survey, submission.answers());
        Optional<SurveyResponse> before = find(token);
        Map<String, JsonNode> answers = new LinkedHashMap<>(before.map(SurveyResponse::answers).orElse(Map.of()));
        Map<String, JsonNode> changed = new LinkedHashMap<>();
        given.forEach((question, value) -> {
            if (!value.equals(answers.get(question))) {
                changed.put(question, value);
                answers.put(question, value);
            }
        });
        if (answers.isEmpty()) {
            throw ApiProblem.invalidField("answers", "Give at least one answer.");
        }
        boolean complete = submission.done() || before.map(SurveyResponse::complete).orElse(false)
                || AnswerRules.complete(survey, answers);
        String locale = Languages.normalize(submission.locale())
                .orElse(before.map(SurveyResponse::locale).orElse(invitation.locale()));
        if (before.isPresent() && changed.isEmpty() && complete == before.get().complete()
                && Objects.equals(locale, before.get().locale())) {
            return before.get();
        }
        Integer score = AnswerRules.score(survey, answers);
        String comment = AnswerRules.comment(survey, answers);
        if (before.isEmpty()) {
            jdbc.sql("""
                    insert into survey_responses (id, survey_id, identifier, channel, locale, order_id, ticket_id,
                        score, comment_text, complete, answered_at, updated_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(token, survey.id().value(), invitation.identifier(), invitation.channel(), locale,
                            invitation.orderId(), invitation.ticketId(), score, comment, complete, Timestamps.of(now),
                            Timestamps.of(now))
                    .update();
            counters.add(survey.id(), SurveyCounters.ANSWERED, now);
        } else {
            jdbc.sql("""
                    update survey_responses set locale = ?, score = ?, comment_text = ?, complete = ?, updated_at = ?
                    where id = ?""")
                    .params(locale, score, comment, complete, Timestamps.of(now), token).update();
        }
        if (complete && !before.map(SurveyResponse::complete).orElse(false)) {
            counters.add(survey.id(), SurveyCounters.COMPLETED, now);
        }
        changed.forEach((question, value) -> {
            String json = JSON.writeValueAsString(value);
            int updated = jdbc.sql("""
                    update survey_answers set value_json = ?, answered_at = ? where response_id = ? and question_id = ?""")
                    .params(json, Timestamps.of(now), token, question).update();
            if (updated == 0) {
                jdbc.sql("insert into survey_answers (response_id, question_id, value_json, answered_at) values (?, ?, ?, ?)")
                        .params(token, question, json, Timestamps.of(now)).update();
            }
        });
        SurveyResponse response = find(token).orElseThrow();
        events.publishEvent(new SurveyAnswered(token, survey.id().value(), survey.type(), response.identifier(),
                score, comment, locale, response.channel(), response.orderId(), response.ticketId(), now, complete));
        return response;
    }

    @Override
    public Optional<SurveyResponse> find(UUID id) {
        return jdbc.sql(SELECT + " where r.id = ?").param(id).query(ResponseService::row).optional()
                .map(row -> withAnswers(List.of(row)).getFirst());
    }

    @Override
    public Page<SurveyResponse> find(Query query) {
        surveys.get(query.survey());
        int limit = Cursors.limit(query.limit());
        StringBuilder sql = new StringBuilder(SELECT).append(" where r.survey_id = :survey and r.seq < :below");
        Map<String, Object> params = new HashMap<>();
        params.put("survey", query.survey().value());
        params.put("below", Cursors.decode(query.cursor()));
        if (query.from() != null) {
            sql.append(" and r.answered_at >= :from");
            params.put("from", Timestamps.of(query.from()));
        }
        if (query.to() != null) {
            sql.append(" and r.answered_at < :to");
            params.put("to", Timestamps.of(query.to()));
        }
        if (query.minScore() != null) {
            sql.append(" and r.score >= :minScore");
            params.put("minScore", query.minScore());
        }
        if (query.maxScore() != null) {
            sql.append(" and r.score <= :maxScore");
            params.put("maxScore", query.maxScore());
        }
        if (query.channel() != null) {
            sql.append(" and r.channel = :channel");
            params.put("channel", query.channel());
        }
        if (query.complete() != null) {
            sql.append(" and r.complete = :complete");
            params.put("complete", query.complete());
        }
        sql.append(" order by r.seq desc limit ").append(limit + 1);
        List<Row> rows = jdbc.sql(sql.toString()).params(params).query(ResponseService::row).list();
        Page<Row> page = Cursors.page(rows, limit, Row::seq);
        return new Page<>(withAnswers(page.items()), page.next());
    }

    @Override
    public List<DailyScores> scoresPerDay(Survey.Id id, LocalDate from, LocalDate to) {
        Survey survey = surveys.get(id);
        if (to.isBefore(from) || ChronoUnit.DAYS.between(from, to) >= MAX_SCORE_DAYS) {
            throw ApiProblem.invalidField("to", "Give a last day on or after the first, at most " + MAX_SCORE_DAYS
                    + " days later.");
        }
        Map<LocalDate, Map<Integer, Long>> days = new TreeMap<>();
        jdbc.sql("""
                select cast(answered_at at time zone 'UTC' as date) as answered_day, score, count(*) as n
                from survey_responses
                where survey_id = ? and score is not null and answered_at >= ? and answered_at < ?
                group by cast(answered_at at time zone 'UTC' as date), score""")
                .params(id.value(), Timestamps.of(from.atStartOfDay(ZoneOffset.UTC).toInstant()),
                        Timestamps.of(to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()))
                .query(rs -> {
                    days.computeIfAbsent(rs.getObject("answered_day", LocalDate.class), d -> new TreeMap<>())
                            .put(rs.getInt("score"), rs.getLong("n"));
                });
        return days.entrySet().stream()
                .map(day -> new DailyScores(day.getKey(), new ScoreCounts(survey.type(), day.getValue()))).toList();
    }

    private static final String SELECT = """
            select r.*, s.type from survey_responses r join surveys s on s.id = r.survey_id""";

    /** A response row before its answers are read. */
    private record Row(long seq, SurveyResponse response) {
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(rs.getLong("seq"), new SurveyResponse(rs.getObject("id", UUID.class),
                new Survey.Id(rs.getObject("survey_id", UUID.class)), SurveyType.valueOf(rs.getString("type")),
                rs.getString("identifier"), rs.getString("channel"), rs.getString("locale"), rs.getString("order_id"),
                rs.getString("ticket_id"), rs.getObject("score", Integer.class), rs.getString("comment_text"), Map.of(),
                rs.getBoolean("complete"), Timestamps.instant(rs, "answered_at"), Timestamps.instant(rs, "updated_at")));
    }

    /** The responses with their answers in question order, read in one query per few hundred responses. */
    private List<SurveyResponse> withAnswers(List<Row> rows) {
        Map<UUID, Map<String, JsonNode>> answers = new HashMap<>();
        for (List<Row> chunk : SqlLists.chunks(rows)) {
            jdbc.sql("select response_id, question_id, value_json from survey_answers where response_id in (:ids)")
                    .param("ids", chunk.stream().map(r -> r.response().id()).toList())
                    .query(rs -> {
                        answers.computeIfAbsent(rs.getObject("response_id", UUID.class), id -> new HashMap<>())
                                .put(rs.getString("question_id"), JSON.readTree(rs.getString("value_json")));
                    });
        }
        Map<Survey.Id, List<String>> questionOrder = new HashMap<>();
        return rows.stream().map(Row::response).map(r -> {
            List<String> order = questionOrder.computeIfAbsent(r.surveyId(), id -> surveys.get(id).definition()
                    .questions().stream().map(Question::id).toList());
            Map<String, JsonNode> given = answers.getOrDefault(r.id(), Map.of());
            Map<String, JsonNode> ordered = new LinkedHashMap<>();
            order.stream().filter(given::containsKey).forEach(q -> ordered.put(q, given.get(q)));
            // Answers to questions an edit removed since stay, after the others.
            new TreeMap<>(given).forEach(ordered::putIfAbsent);
            return new SurveyResponse(r.id(), r.surveyId(), r.type(), r.identifier(), r.channel(), r.locale(),
                    r.orderId(), r.ticketId(), r.score(), r.comment(), ordered, r.complete(), r.answeredAt(),
                    r.updatedAt());
        }).toList();
    }
}
