package io.rapport.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import io.rapport.testing.RapportClient.Response;
import io.rapport.testing.RapportTest;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

/** Survey definitions over the API: validation, standard wordings, languages, life cycle, versions and roles. */
@RapportTest
@Import(SurveyTestConfiguration.class)
class SurveysApiTest extends SurveyTestSupport {

    @Test
    void a_new_survey_is_a_draft_with_the_standard_wordings_of_its_type_in_each_of_its_languages() {
        Response created = api.post("/api/v1/surveys", SurveyApi.nps(""));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("ETag")).isEqualTo("\"1\"");
        JsonNode survey = api.get("/api/v1/surveys/" + created.json().get("id").stringValue()).json();
        assertThat(survey.get("status").stringValue()).isEqualTo("draft");
        assertThat(survey.get("type").stringValue()).isEqualTo("NPS");
        assertThat(texts(survey.get("languages"))).containsExactly("en", "pt-BR");
        JsonNode score = survey.get("questions").get(0);
        assertThat(score.get("text").get("en").stringValue())
                .isEqualTo("How likely are you to recommend us to a friend or colleague?");
        assertThat(score.get("text").get("pt-BR").stringValue())
                .isEqualTo("Qual é a probabilidade de você nos recomendar a um amigo ou colega?");
        assertThat(score.get("scale").get("min").asInt()).isZero();
        assertThat(score.get("scale").get("max").asInt()).isEqualTo(10);
        assertThat(score.get("lowLabel").get("en").stringValue()).isEqualTo("Not at all likely");
        JsonNode reason = survey.get("questions").get(1);
        assertThat(reason.get("text").get("en").stringValue()).isEqualTo("What is the main reason for your score?");
        List<String> bands = new ArrayList<>();
        reason.get("variants").forEach(v -> bands.add(v.get("scores").get("min").asInt() + "-"
                + v.get("scores").get("max").asInt() + ": " + v.get("text").get("en").stringValue()));
        assertThat(bands).containsExactly(
                "0-6: We're sorry to hear that. What is the main reason for your score?",
                "7-8: Thank you! What could we do better?",
                "9-10: Great to hear! What is the main reason for your score?");
        assertThat(survey.get("throttling").get("samplingRate").asDouble()).isEqualTo(1.0);
        assertThat(survey.get("appearance").get("position").stringValue()).isEqualTo("bottom-right");
        assertThat(survey.get("appearance").get("delaySeconds").asInt()).isEqualTo(5);
    }

    @Test
    void every_invalid_field_is_named_in_one_problem() {
        Response refused = api.post("/api/v1/surveys", """
                {"name":"Broken","type":"NPS","defaultLanguage":"en","languages":["en","de"],
                 "questions":[{"id":"score","kind":"score","scale":{"min":1,"max":5}},
                   {"id":"why","kind":"text","text":{"de":"Warum?"}},
                   {"id":"more","kind":"text","text":{"en":"More?","de":"Mehr?"},"showWhen":{"min":0,"max":11}},
                   {"id":"pick","kind":"single_choice","text":{"en":"Pick","de":"Wähle"},
                    "options":[{"id":"a","label":{"en":"A","de":"A"}},{"id":"a","label":{"en":"B"}}]}],
                 "triggers":[{"type":"event","event":"Order Completed","delayDays":2,"channel":"pigeon"},
                             {"type":"page","urlPattern":"checkout"}],
                 "throttling":{"samplingRate":0},
                 "appearance":{"primaryColor":"blue"}}""");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.json().get("field").stringValue()).isEqualTo("questions[0].scale");
        assertThat(refused.json().get("detail").stringValue()).isEqualTo("questions[0].scale: NPS scores are on 0–10; leave scale out or give min 0 and max 10.");
        List<String> fields = new ArrayList<>();
        refused.json().get("errors").forEach(e -> fields.add(e.get("field").stringValue()));
        assertThat(fields).containsExactly("questions[0].scale", "questions[1].text.en", "questions[2].showWhen",
                "questions[3].options[1].id", "questions[3].options[1].label.de", "triggers[0].channel",
                "triggers[1].urlPattern", "throttling.samplingRate", "appearance.primaryColor");
    }

    @Test
    void a_survey_needs_its_score_question_and_a_known_type_and_language() {
        Response noScore = api.post("/api/v1/surveys", """
                {"name":"CSAT","type":"CSAT","defaultLanguage":"en",
                 "questions":[{"id":"why","kind":"reason"}]}""");
        Response badLanguage = api.post("/api/v1/surveys", """
                {"name":"CSAT","type":"CSAT","defaultLanguage":"not a language","questions":[{"id":"s","kind":"score"}]}""");
        Response badType = api.post("/api/v1/surveys", """
                {"name":"X","type":"LIKERT","defaultLanguage":"en","questions":[{"id":"s","kind":"score"}]}""");

        assertThat(noScore.status()).isEqualTo(400);
        assertThat(noScore.json().get("field").stringValue()).isEqualTo("questions[0].kind");
        assertThat(badLanguage.json().get("field").stringValue()).isEqualTo("defaultLanguage");
        assertThat(badType.status()).isEqualTo(400);
        assertThat(badType.json().get("field").stringValue()).isEqualTo("type");
    }

    @Test
    void a_language_without_standard_wordings_needs_its_own_texts() {
        Response refused = api.post("/api/v1/surveys", """
                {"name":"CES","type":"CES","defaultLanguage":"en","languages":["it"],
                 "questions":[{"id":"effort","kind":"score"}]}""");
        Response accepted = api.post("/api/v1/surveys", """
                {"name":"CES","type":"CES","defaultLanguage":"en","languages":["it"],
                 "questions":[{"id":"effort","kind":"score","text":{"it":"Il negozio mi ha reso facile gestire la mia richiesta."},
                   "lowLabel":{"it":"Per niente d'accordo"},"highLabel":{"it":"Completamente d'accordo"}}]}""");

        List<String> fields = new ArrayList<>();
        refused.json().get("errors").forEach(e -> fields.add(e.get("field").stringValue()));
        assertThat(fields).containsExactly("questions[0].text.it", "questions[0].lowLabel.it",
                "questions[0].highLabel.it");
        assertThat(accepted.status()).isEqualTo(201);
        assertThat(accepted.json().get("questions").get(0).get("text").get("en").stringValue())
                .isEqualTo("The shop made it easy for me to handle my issue.");
    }

    @Test
    void the_shoppers_locale_picks_one_of_the_survey_languages() {
        Survey.Id id = api.create(SurveyApi.nps(""));

        assertThat(formLanguage(id, "pt-BR")).isEqualTo("pt-BR");
        assertThat(formLanguage(id, "pt_PT")).as("another region of a language").isEqualTo("pt-BR");
        assertThat(formLanguage(id, "en-US")).isEqualTo("en");
        assertThat(formLanguage(id, "fr-FR")).as("the default").isEqualTo("en");
        assertThat(formLanguage(id, "??")).isEqualTo("en");
        JsonNode form = api.get("/api/v1/surveys/" + id + "/form?locale=pt-BR").json();
        assertThat(form.get("questions").get(2).get("text").stringValue()).isEqualTo("O que devemos melhorar?");
        assertThat(form.get("questions").get(2).get("options").get(1).get("label").stringValue()).isEqualTo("Preço");
        assertThat(form.get("questions").get(1).get("variants").get(0).get("text").stringValue())
                .isEqualTo("Lamentamos saber disso. Qual é o principal motivo da sua nota?");
    }

    @Test
    void a_survey_goes_from_draft_to_active_to_paused_to_archived() {
        Survey.Id id = api.create(SurveyApi.nps(""));
        String path = "/api/v1/surveys/" + id;

        Response active = api.post(path + "/activate", "");
        assertThat(active.json().get("status").stringValue()).isEqualTo("active");
        assertThat(active.json().get("activatedAt")).isNotNull();
        assertThat(api.post(path + "/pause", "").json().get("status").stringValue()).isEqualTo("paused");
        assertThat(api.get("/api/v1/surveys?status=paused").body()).contains(id.toString());
        assertThat(api.post(path + "/activate", "").json().get("status").stringValue()).isEqualTo("active");
        assertThat(api.post(path + "/archive", "").json().get("status").stringValue()).isEqualTo("archived");

        assertThat(api.post(path + "/activate", "").status()).isEqualTo(409);
        assertThat(api.post(path + "/pause", "").status()).isEqualTo(409);
        assertThat(api.put(path, SurveyApi.nps(""), null).status()).isEqualTo(409);
        assertThat(api.get("/api/v1/surveys?status=sleeping").json().get("field").stringValue()).isEqualTo("status");
    }

    @Test
    void only_a_survey_that_never_invited_anyone_is_deleted() {
        Survey.Id draft = api.create(SurveyApi.nps(""));
        Survey.Id sent = api.createActive(SurveyApi.nps(""));
        api.post("/api/v1/surveys/" + sent + "/sends", "{\"identifiers\":[\"user:deleted-survey-reader\"]}");

        assertThat(api.delete("/api/v1/surveys/" + draft).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/surveys/" + draft).status()).isEqualTo(404);
        Response refused = api.delete("/api/v1/surveys/" + sent);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("detail").stringValue()).contains("archive it instead");
    }

    @Test
    void an_edit_based_on_an_old_version_is_refused() {
        Survey.Id id = api.create(SurveyApi.nps(""));
        String path = "/api/v1/surveys/" + id;

        Response first = api.put(path, SurveyApi.nps(",\"throttling\":{\"maxTimes\":1}").replace("Post-purchase",
                "After purchase"), "\"1\"");
        Response stale = api.put(path, SurveyApi.nps(""), "\"1\"");

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("ETag")).isEqualTo("\"2\"");
        assertThat(first.json().get("name").stringValue()).isEqualTo("After purchase NPS");
        assertThat(first.json().get("throttling").get("maxTimes").asInt()).isEqualTo(1);
        assertThat(stale.status()).isEqualTo(409);
        assertThat(api.put(path, SurveyApi.nps(""), null).status()).as("without If-Match").isEqualTo(200);
    }

    @Test
    void analysts_and_marketers_manage_surveys_and_agents_read_them() {
        String agent = api.key("AGENT");
        String marketer = api.key("MARKETER");
        String analyst = api.key("ANALYST");

        assertThat(api.post("/api/v1/surveys", SurveyApi.nps(""), marketer).status()).isEqualTo(201);
        Response created = api.post("/api/v1/surveys", SurveyApi.nps(""), analyst);
        assertThat(created.status()).isEqualTo(201);
        Response refused = api.post("/api/v1/surveys", SurveyApi.nps(""), agent);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        String id = created.json().get("id").stringValue();
        assertThat(api.post("/api/v1/surveys/" + id + "/activate", "", agent).status()).isEqualTo(403);
        assertThat(rapport.get("/api/v1/surveys/" + id, agent).status()).isEqualTo(200);
        assertThat(rapport.get("/api/v1/surveys/" + id + "/responses", agent).status()).isEqualTo(200);
        assertThat(rapport.get("/api/v1/surveys", agent).json().get("items").size()).isPositive();
    }

    @Test
    void the_openapi_description_lists_the_survey_paths() {
        JsonNode paths = rapport.get("/v3/api-docs", "none").json().get("paths");

        assertThat(paths.propertyNames()).contains("/api/v1/surveys", "/api/v1/surveys/{id}",
                "/api/v1/surveys/{id}/sends", "/api/v1/surveys/{id}/responses", "/api/v1/surveys/{id}/stats",
                "/api/v1/surveys/{id}/activate", "/api/v1/surveys/{id}/links", "/api/v1/surveys/{id}/qr.png");
    }

    private String formLanguage(Survey.Id id, String locale) {
        return api.get("/api/v1/surveys/" + id + "/form?locale=" + locale).json().get("language").stringValue();
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.stringValue()));
        return texts;
    }
}
