package io.rapport.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.rapport.feedback.Invitation;
import io.rapport.feedback.Survey;
import io.rapport.feedback.SurveyDefinition;
import io.rapport.feedback.SurveyInvitations;
import io.rapport.feedback.SurveyResponses;
import io.rapport.feedback.SurveySharing;
import io.rapport.feedback.SurveyStatus;
import io.rapport.feedback.SurveyTestConfiguration;
import io.rapport.feedback.Surveys;
import io.rapport.platform.Role;
import io.rapport.platform.Users;
import io.rapport.testing.RapportTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.IntNode;
import tools.jackson.databind.node.StringNode;

/**
 * The survey pages over HTTP: the builder starts from a type's template, saves, shows the service's problems on
 * their fields and refuses to overwrite someone else's edit; the preview stores nothing; the list changes statuses;
 * the results page computes the score and exports formula-safe CSV.
 */
@RapportTest
@Import(SurveyTestConfiguration.class)
class SurveyPagesTest {

    @LocalServerPort
    int port;

    @Autowired
    Users users;

    @Autowired
    Surveys surveys;

    @Autowired
    SurveyInvitations invitations;

    @Autowired
    SurveyResponses responses;

    @Autowired
    SurveySharing sharing;

    private ConsoleSession signedIn(Role role) {
        return ConsoleSession.newUser(port, users, role);
    }

    /** The builder's fields of an NPS survey with the standard questions, as the browser sends them. */
    private static Map<String, String> nps(String name) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("name", name);
        fields.put("type", "NPS");
        fields.put("defaultLanguage", "en");
        fields.put("otherLanguages", "");
        fields.put("questions[0].id", "score");
        fields.put("questions[0].kind", "score");
        fields.put("questions[1].id", "reason");
        fields.put("questions[1].kind", "reason");
        fields.put("triggers[0].type", "page");
        fields.put("triggers[0].urlPattern", "/checkout/thank-you*");
        fields.put("maxTimes", "1");
        fields.put("everyDays", "");
        fields.put("samplingPercent", "50");
        fields.put("position", "bottom-left");
        fields.put("delaySeconds", "3");
        fields.put("primaryColor", "#0f766e");
        fields.put("backgroundColor", "#ffffff");
        fields.put("textColor", "#111827");
        return fields;
    }

    private static Map<String, String> with(Map<String, String> fields, String... more) {
        Map<String, String> changed = new LinkedHashMap<>(fields);
        for (int i = 0; i < more.length; i += 2) {
            changed.put(more[i], more[i + 1]);
        }
        return changed;
    }

    private static Survey.Id idFrom(String location) {
        return new Survey.Id(UUID.fromString(location.replaceAll(".*/surveys/([^/]+)/edit$", "$1")));
    }

    /** The path of a redirect's absolute location. */
    private static String path(String location) {
        return URI.create(location).getPath();
    }

    @Test
    void a_new_survey_starts_from_its_types_standard_questions_and_is_saved_as_a_draft() {
        ConsoleSession session = signedIn(Role.MARKETER);

        ConsoleSession.Page template = session.get("/console/surveys/new?type=NPS");
        assertThat(template.status()).isEqualTo(200);
        assertThat(template.body()).contains("How likely are you to recommend us to a friend or colleague?",
                "Great to hear! What is the main reason for your score?", "Order Completed");

        assertThat(session.get("/console/surveys/new?type=CSAT").body())
                .contains("How satisfied are you with your experience with us?");
        assertThat(session.get("/console/surveys/new?type=CES").body()).contains("Ticket Solved");
        assertThat(session.get("/console/surveys/new?type=CUSTOM").body())
                .contains("How would you rate your visit today?", "Excellent");
        assertThat(session.get("/console/surveys/new?type=PIGEON").status()).isEqualTo(400);

        String name = "Checkout NPS " + UUID.randomUUID();
        ConsoleSession.Page saved = session.post("/console/surveys/new?type=NPS", "/console/surveys/new", nps(name));

        assertThat(saved.status()).as(saved.body()).isEqualTo(302);
        Survey survey = surveys.find(idFrom(saved.location())).orElseThrow();
        assertThat(survey.status()).isEqualTo(SurveyStatus.DRAFT);
        assertThat(survey.definition().name()).isEqualTo(name);
        assertThat(survey.definition().throttling().maxTimes()).isEqualTo(1);
        assertThat(survey.definition().throttling().samplingRate()).isEqualTo(0.5);
        assertThat(survey.definition().appearance().primaryColor()).isEqualTo("#0f766e");
        assertThat(survey.definition().questions().get(1).variants()).as("the standard wordings per band").hasSize(3);
        assertThat(session.get(path(saved.location())).body()).contains("was saved as a draft", name);
    }

    @Test
    void the_services_problems_are_shown_next_to_the_fields_they_name() {
        ConsoleSession session = signedIn(Role.ANALYST);

        ConsoleSession.Page unnamed = session.post("/console/surveys/new", "/console/surveys/new", nps(""));
        assertThat(unnamed.status()).isEqualTo(400);
        assertThat(unnamed.body()).containsPattern("data-field=\"name\"[^>]*>Give the survey a name");

        ConsoleSession.Page untranslated = session.post("/console/surveys/new", "/console/surveys/new",
                with(nps("Two languages"), "otherLanguages", "fi", "questions[1].text[en]", "Why?"));
        assertThat(untranslated.status()).isEqualTo(400);
        assertThat(untranslated.body())
                .containsPattern("data-field=\"questions\\[0\\]\\.text\\.fi\"[^>]*>The text is missing in fi")
                .containsPattern("data-field=\"questions\\[1\\]\\.text\\.fi\"[^>]*>The text is missing in fi")
                .contains("id=\"q1-text-fi\"", "value=\"Why?\"");

        ConsoleSession.Page typo = session.post("/console/surveys/new", "/console/surveys/new",
                with(nps("Typo"), "maxTimes", "once"));
        assertThat(typo.status()).isEqualTo(400);
        assertThat(typo.body()).containsPattern("data-field=\"throttling.maxTimes\"[^>]*>Give a whole number");
    }

    @Test
    void a_save_over_an_edit_made_meanwhile_is_refused_and_overwrites_nothing() {
        ConsoleSession session = signedIn(Role.ANALYST);
        Survey.Id id = idFrom(session.post("/console/surveys/new", "/console/surveys/new", nps("Versioned"))
                .location());
        Survey mine = surveys.find(id).orElseThrow();
        Survey theirs = surveys.update(id, new SurveyDefinition("Renamed by a colleague",
                mine.type(), "en", mine.definition().languages(), mine.definition().questions(),
                mine.definition().triggers(), mine.definition().throttling(), mine.definition().appearance()), null);

        ConsoleSession.Page stale = session.post("/console/surveys/" + id + "/edit", "/console/surveys/" + id + "/edit",
                with(nps("My rename"), "version", Integer.toString(mine.version())));

        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.body()).contains("The survey was changed since version " + mine.version(),
                "Open the saved version", "value=\"My rename\"");
        assertThat(surveys.find(id).orElseThrow().definition().name()).isEqualTo(theirs.definition().name());

        ConsoleSession.Page current = session.post("/console/surveys/" + id + "/edit",
                "/console/surveys/" + id + "/edit", with(nps("My rename"), "version",
                        Integer.toString(theirs.version())));
        assertThat(current.status()).isEqualTo(302);
        assertThat(surveys.find(id).orElseThrow().definition().name()).isEqualTo("My rename");
    }

    @Test
    void structure_buttons_add_move_and_remove_questions_without_saving() {
        ConsoleSession session = signedIn(Role.ANALYST);

        ConsoleSession.Page added = session.post("/console/surveys/new", "/console/surveys/new",
                with(nps("Structure"), "op", "add-question"));
        assertThat(added.status()).isEqualTo(200);
        assertThat(added.body()).contains("name=\"questions[2].id\"", "value=\"q3\"");

        ConsoleSession.Page moved = session.post("/console/surveys/new", "/console/surveys/new",
                with(nps("Structure"), "questions[2].id", "extra", "questions[2].kind", "text", "op", "up-question:2"));
        assertThat(moved.body()).containsPattern("name=\"questions\\[1\\]\\.id\"\\s+value=\"extra\"")
                .containsPattern("name=\"questions\\[2\\]\\.id\"\\s+value=\"reason\"");

        ConsoleSession.Page removed = session.post("/console/surveys/new", "/console/surveys/new",
                with(nps("Structure"), "op", "remove-question:1"));
        assertThat(removed.body()).doesNotContain("name=\"questions[2].id\"")
                .doesNotContainPattern("\\.id\"\\s+value=\"reason\"");
        assertThat(surveys.list(null)).noneMatch(s -> s.definition().name().equals("Structure"));
    }

    @Test
    void a_pasted_json_definition_replaces_the_form_once_it_is_valid() {
        ConsoleSession session = signedIn(Role.ANALYST);
        String definition = """
                {"name":"Pasted CSAT","type":"CSAT","defaultLanguage":"en","languages":["en","de"],
                 "questions":[{"id":"score","kind":"score"},{"id":"why","kind":"text",
                   "text":{"en":"Anything else?","de":"Sonst noch etwas?"}}]}""";

        ConsoleSession.Page applied = session.post("/console/surveys/new", "/console/surveys/new",
                with(nps("Before"), "op", "apply-json", "json", definition));

        assertThat(applied.status()).isEqualTo(200);
        assertThat(applied.body()).contains("value=\"Pasted CSAT\"", "value=\"de\"", "value=\"Sonst noch etwas?\"",
                "How satisfied are you with your experience with us?");
        ConsoleSession.Page invalid = session.post("/console/surveys/new", "/console/surveys/new",
                with(nps("Before"), "op", "apply-json", "json", definition.replace("\"de\":\"Sonst noch etwas?\"",
                        "\"fr\":\"Autre chose ?\"")));
        assertThat(invalid.body()).containsPattern("data-field=\"json\"[^>]*>The JSON was not applied: "
                + "questions\\[1\\]\\.text\\.fr").contains("value=\"Before\"");
        assertThat(session.post("/console/surveys/new", "/console/surveys/new",
                with(nps("Before"), "op", "apply-json", "json", "{not json")).body())
                .contains("This is not a survey definition in JSON");
    }

    @Test
    void the_preview_shows_unsaved_edits_and_stores_nothing() {
        ConsoleSession session = signedIn(Role.MARKETER);
        int before = surveys.list(null).size();

        ConsoleSession.Page preview = session.post("/console/surveys/new", "/console/surveys/preview",
                with(nps("Preview"), "questions[0].text[en]", "Would you recommend our tea shop?"));

        assertThat(preview.status()).isEqualTo(200);
        assertThat(preview.body()).contains("id=\"preview-result\"", "Would you recommend our tea shop?",
                "data-errors=\"[]\"");
        assertThat(surveys.list(null)).hasSize(before);

        ConsoleSession.Page invalid = session.post("/console/surveys/new", "/console/surveys/preview",
                with(nps("Preview"), "delaySeconds", "99999"));
        assertThat(invalid.body()).contains("appearance.delaySeconds", "The preview shows the last valid version");
    }

    @Test
    void the_list_activates_pauses_archives_and_deletes_and_explains_what_it_refuses() {
        ConsoleSession session = signedIn(Role.ANALYST);
        Survey.Id id = idFrom(session.post("/console/surveys/new", "/console/surveys/new", nps("Life cycle"))
                .location());
        String list = "/console/surveys";

        assertThat(session.post(list, list + "/" + id + "/activate", Map.of()).location()).endsWith(list);
        assertThat(surveys.find(id).orElseThrow().status()).isEqualTo(SurveyStatus.ACTIVE);
        assertThat(session.get(list).body()).contains("“Life cycle” is active");
        invitations.open(id, SurveyInvitations.LINK, null, "en", null, null);
        session.post(list, list + "/" + id + "/pause", Map.of());
        assertThat(surveys.find(id).orElseThrow().status()).isEqualTo(SurveyStatus.PAUSED);

        session.post(list, list + "/" + id + "/delete", Map.of());
        assertThat(session.get(list).body()).contains("archive it instead");
        assertThat(surveys.find(id)).isPresent();
        session.post(list, list + "/" + id + "/archive", Map.of());
        assertThat(surveys.find(id).orElseThrow().status()).isEqualTo(SurveyStatus.ARCHIVED);
        session.post(list, list + "/" + id + "/activate", Map.of());
        assertThat(session.get(list).body()).contains("An archived survey cannot be activated again.");

        Survey.Id draft = idFrom(session.post("/console/surveys/new", "/console/surveys/new", nps("Throwaway"))
                .location());
        session.post(list, list + "/" + draft + "/delete", Map.of());
        assertThat(surveys.find(draft)).isEmpty();
        assertThat(session.get(list).body()).contains("“Throwaway” was deleted.");
    }

    @Test
    void the_results_show_the_nps_computed_by_hand_and_export_formula_safe_csv() {
        ConsoleSession session = signedIn(Role.ANALYST);
        Survey.Id id = idFrom(session.post("/console/surveys/new", "/console/surveys/new", nps("Results"))
                .location());
        surveys.activate(id);
        // Promoters 10, 9, 9, 9, 10 (5); passives 8, 7 (2); detractors 6, 3, 0 (3): NPS = 50% − 30% = +20.
        int[] scores = {10, 9, 9, 9, 8, 7, 6, 3, 10, 0};
        for (int i = 0; i < scores.length; i++) {
            Invitation invitation = invitations.open(id, SurveyInvitations.LINK, "user:results-" + UUID.randomUUID(),
                    "en", "order-" + i, null);
            Map<String, JsonNode> answers = new LinkedHashMap<>();
            answers.put("score", IntNode.valueOf(scores[i]));
            answers.put("reason", StringNode.valueOf(i == 6 ? "=HYPERLINK(\"http://evil.example\")" : "Reason " + i));
            responses.answer(invitation.token(), new SurveyResponses.Submission(answers, "en", true));
        }

        ConsoleSession.Page results = session.get("/console/surveys/" + id);
        assertThat(results.status()).isEqualTo(200);
        assertThat(results.body()).containsPattern("id=\"headline-value\">\\+20<")
                .containsPattern("<span>5</span> <small>50%</small></div>\\s*<div class=\"stat-label\">Promoters")
                .containsPattern("<span>3</span> <small>30%</small></div>\\s*<div class=\"stat-label\">Detractors")
                .containsPattern("id=\"funnel-answered\">10<")
                .contains("chart-trend", "chart-distribution", "Reason 9");
        assertThat(session.get("/console/surveys/" + id + "?maxScore=6").body()).as("a comment's reading")
                .containsPattern("<span class=\"badge sentiment sentiment-\\w+\"")
                .doesNotContain("<span class=\"muted\">–</span>");

        ConsoleSession.Page csv = session.get("/console/surveys/" + id + "/responses.csv", "text/csv");
        assertThat(csv.status()).isEqualTo(200);
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.getFirst()).isEqualTo(String.join(",", SurveyResponseCsv.HEADER));
        assertThat(lines).hasSize(11);
        assertThat(csv.body()).contains("'=HYPERLINK").doesNotContain(",=HYPERLINK", ",\"=HYPERLINK");

        ConsoleSession.Page detractors = session.get("/console/surveys/" + id + "/responses.csv?maxScore=6",
                "text/csv");
        assertThat(detractors.body().lines()).hasSize(4);
        assertThat(session.get("/console/surveys/" + id + "?from=2026-13-01").body())
                .contains("Give days such as 2026-01-31.");
    }

    @Test
    void the_share_panel_makes_signed_store_links_with_their_qr_code_and_explains_a_refusal() {
        ConsoleSession session = signedIn(Role.MARKETER);
        Survey.Id id = idFrom(session.post("/console/surveys/new", "/console/surveys/new", nps("Receipts"))
                .location());

        assertThat(session.get("/console/surveys/" + id).body()).contains("id=\"share-link\"")
                .contains("/public/surveys/open/" + id + "?channel=store&amp;sig=");
        ConsoleSession.Page share = session.get("/console/surveys/" + id + "/share?channel=store&locale=pt-BR&orderId=R-77");
        String link = sharing.link(id, SurveyInvitations.STORE, "pt-BR", "R-77");
        assertThat(share.status()).isEqualTo(200);
        assertThat(share.body()).contains("value=\"" + link.replace("&", "&amp;") + "\"")
                .contains("qr.png?channel=store&amp;locale=pt-BR&amp;orderId=R-77");
        ConsoleSession.Page qr = session.get("/console/surveys/" + id + "/qr.png?channel=store&locale=pt-BR&orderId=R-77",
                "image/png");
        assertThat(qr.status()).isEqualTo(200);
        assertThat(qr.body()).startsWith("\uFFFDPNG");

        assertThat(session.get("/console/surveys/" + id + "/share?channel=pigeon").body())
                .contains("id=\"share-problem\"").contains("channel is link (a shared link) or store")
                .doesNotContain("id=\"share-link\"");
    }

    @Test
    void agents_read_surveys_and_results_but_neither_build_nor_export() {
        ConsoleSession analyst = signedIn(Role.ANALYST);
        Survey.Id id = idFrom(analyst.post("/console/surveys/new", "/console/surveys/new", nps("Agents read"))
                .location());
        ConsoleSession agent = signedIn(Role.AGENT);

        assertThat(agent.get("/console").body()).contains("href=\"/console/surveys\"");
        assertThat(agent.get("/console/surveys").body()).contains("Agents read").doesNotContain("New survey");
        assertThat(agent.get("/console/surveys/" + id).status()).isEqualTo(200);
        assertThat(agent.get("/console/surveys/new").status()).isEqualTo(403);
        assertThat(agent.get("/console/surveys/" + id + "/edit").status()).isEqualTo(403);
        assertThat(agent.get("/console/surveys/" + id + "/responses.csv", "text/csv").status()).isEqualTo(403);
    }
}
