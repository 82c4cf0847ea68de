package io.rapport.feedback.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.rapport.feedback.SurveyResponses;
import io.rapport.platform.DataSubject;
import io.rapport.platform.ErasureCount;
import io.rapport.platform.PersonalData;
import io.rapport.platform.SqlLists;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A person's survey invitations and responses with their answers: those sent to one of their identifiers, and
 * the responses nobody was named for (a link, a QR code) whose answers mention them (an email or phone they typed
 * in). An erasure deletes them all with their mails in the outbox, and the person's row of the contact locks.
 * Survey counts hold no personal data and stay.
 */
@Component
class SurveyPersonalData implements PersonalData {

    private final JdbcClient jdbc;
    private final InvitationStore invitations;
    private final SurveyResponses responses;

    SurveyPersonalData(JdbcClient jdbc, InvitationStore invitations, SurveyResponses responses) {
        this.jdbc = jdbc;
        this.invitations = invitations;
        this.responses = responses;
    }

    @Override
    public String module() {
        return "feedback";
    }

    @Override
    public JsonNode export(DataSubject subject) {
        JsonMapper json = JsonMapper.shared();
        ObjectNode export = json.createObjectNode();
        ArrayNode invitationList = export.putArray("surveyInvitations");
        ArrayNode responseList = export.putArray("surveyResponses");
        for (UUID token : tokens(subject)) {
            invitations.find(token).ifPresent(invitation -> invitationList.add(json.valueToTree(invitation)));
            responses.find(token).ifPresent(response -> responseList.add(json.valueToTree(response)));
        }
        return export;
    }

    @Override
    public ErasureCount erase(DataSubject subject) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (List<UUID> chunk : SqlLists.chunks(tokens(subject))) {
            for (String[] delete : new String[][] {
                    {"survey_answers", "delete from survey_answers where response_id in (:ids)"},
                    {"survey_responses", "delete from survey_responses where id in (:ids)"},
                    {"survey_email_outbox", "delete from survey_email_outbox where invitation_id in (:ids)"},
                    {"survey_invitations", "delete from survey_invitations where id in (:ids)"}}) {
                counts.merge(delete[0], (long) jdbc.sql(delete[1]).param("ids", chunk).update(), Long::sum);
            }
        }
        for (List<String> chunk : SqlLists.chunks(subject.identifiers())) {
            counts.merge("survey_contact_locks", (long) jdbc.sql("delete from survey_contact_locks where person in (:ids)")
                    .param("ids", chunk).update(), Long::sum);
        }
        return ErasureCount.of(counts);
    }

    /** The tokens of the person's invitations, and of anonymous responses whose answers mention them. */
    private List<UUID> tokens(DataSubject subject) {
        Set<UUID> tokens = new LinkedHashSet<>();
        for (List<String> chunk : SqlLists.chunks(subject.identifiers())) {
            tokens.addAll(jdbc.sql("select id from survey_invitations where identifier in (:ids) order by seq")
                    .param("ids", chunk).query(UUID.class).list());
        }
        jdbc.sql("""
                select r.id, a.value_json from survey_responses r join survey_answers a on a.response_id = r.id
                where r.identifier is null order by r.seq""")
                .query(rs -> {
                    if (subject.mentionedIn(rs.getString("value_json"))) {
                        tokens.add(rs.getObject("id", UUID.class));
                    }
                });
        return new ArrayList<>(tokens);
    }
}
