package io.rapport.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.UUID;

import io.rapport.testing.RapportClient;
import io.rapport.testing.RapportClient.Response;
import tools.jackson.databind.JsonNode;

/** Calls of the surveys API as a shop's script makes them, and the survey definitions the tests start from. */
final class SurveyApi {

    /** An NPS survey in English and Brazilian Portuguese with the standard score and reason questions. */
    static final String NPS = """
            {"name":"Post-purchase NPS","type":"NPS","defaultLanguage":"en","languages":["en","pt-BR"],
             "questions":[{"id":"score","kind":"score"},{"id":"reason","kind":"reason"},
               {"id":"improve","kind":"multiple_choice","showWhen":{"min":0,"max":6},
                "text":{"en":"What should we improve?","pt-BR":"O que devemos melhorar?"},
                "options":[{"id":"delivery","label":{"en":"Delivery","pt-BR":"Entrega"}},
                           {"id":"price","label":{"en":"Price","pt-BR":"Preço"}}]}]%s}""";

    private final RapportClient rapport;

    SurveyApi(RapportClient rapport) {
        this.rapport = rapport;
    }

    /** The NPS survey with more top-level fields (each starting with a comma), e.g. triggers and throttling. */
    static String nps(String more) {
        return NPS.formatted(more);
    }

    Response post(String path, String body) {
        return post(path, body, RapportClient.ADMIN_KEY);
    }

    Response post(String path, String body, String key) {
        return rapport.send(HttpRequest.newBuilder(rapport.uri(path)).header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Response put(String path, String body, String ifMatch) {
        HttpRequest.Builder request = HttpRequest.newBuilder(rapport.uri(path))
                .header("Authorization", "Bearer " + RapportClient.ADMIN_KEY).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body));
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return rapport.send(request);
    }

    Response delete(String path) {
        return rapport.send(HttpRequest.newBuilder(rapport.uri(path))
                .header("Authorization", "Bearer " + RapportClient.ADMIN_KEY).DELETE());
    }

    Response get(String path) {
        return rapport.get(path);
    }

    /** Creates a survey from this definition and answers its id. */
    Survey.Id create(String definition) {
        Response created = post("/api/v1/surveys", definition);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return new Survey.Id(UUID.fromString(created.json().get("id").stringValue()));
    }

    /** Creates and activates a survey from this definition and answers its id. */
    Survey.Id createActive(String definition) {
        Survey.Id id = create(definition);
        Response activated = post("/api/v1/surveys/" + id + "/activate", "");
        assertThat(activated.status()).as(activated.body()).isEqualTo(200);
        return id;
    }

    /**
     * A count of the survey's stats over all days (tests move the clock by weeks), e.g. "sent", or
     * "skipped.recontact_window".
     */
    long stat(Survey.Id id, String name) {
        JsonNode stats = get("/api/v1/surveys/" + id + "/stats?from=2020-01-01&to=2199-12-31").json();
        JsonNode value = name.startsWith("skipped.") ? stats.get("skipped").get(name.substring(8)) : stats.get(name);
        return value == null ? 0 : value.asLong();
    }

    /** A new API key with this role. */
    String key(String role) {
        Response issued = post("/api/v1/api-keys", "{\"name\":\"surveys " + role + "\",\"role\":\"" + role + "\"}");
        assertThat(issued.status()).isEqualTo(201);
        return issued.json().get("key").stringValue();
    }
}
