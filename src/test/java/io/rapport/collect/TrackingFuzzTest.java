package io.rapport.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.rapport.RapportApplication;
import io.rapport.testing.FuzzJson;
import io.rapport.testing.RapportClient;
import io.rapport.testing.TestDatabase;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;
import net.jqwik.api.statistics.Statistics;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Whatever arrives at the tracking API — random bytes, broken gzip, random JSON with Segment's field names
 * holding values of every type, bodies just over the limits, JSON nested thousands deep, odd headers — is
 * answered without a server error: 200, or a 4xx with an RFC 9457 problem that says what is wrong. The server
 * stays healthy and keeps storing valid events throughout.
 */
@AddLifecycleHook(TrackingFuzzTest.SkipWithoutDatabase.class)
class TrackingFuzzTest {

    private static final List<String> SINGLE_PATHS = List.of("/v1/track", "/v1/t", "/v1/identify", "/v1/i",
            "/v1/page", "/v1/p", "/v1/screen", "/v1/s", "/v1/group", "/v1/g", "/v1/alias", "/v1/a", "/v1/track/",
            "/v1/identify/");
    private static final List<String> BATCH_PATHS = List.of("/v1/batch", "/v1/b", "/v1/import", "/v1/batch/");
    private static final List<String> OTHER_PATHS = List.of("/v1/trak", "/v1/BATCH", "/v1/x");
    private static final int MAX_MESSAGE_BYTES = 32 * 1024;
    private static final int MAX_BATCH_BYTES = 500 * 1024;
    private static final int MAX_BATCH_MESSAGES = 2_500;

    private static ConfigurableApplicationContext context;
    private static RapportClient rapport;
    private static String writeKey;

    /** Skips the PostgreSQL pass where no PostgreSQL runs, as {@link TestDatabase} does for JUnit tests. */
    static class SkipWithoutDatabase implements SkipExecutionHook {

        @Override
        public SkipResult shouldBeSkipped(LifecycleContext context) {
            String problem = TestDatabase.prepare();
            if (problem != null && TestDatabase.postgres() && System.getenv("CI") == null) {
                return SkipResult.skip("PostgreSQL pass skipped: " + problem
                        + ". Start PostgreSQL on 127.0.0.1:5432 or pass -Drapport.test.postgres.url=… to run it.");
            }
            return SkipResult.doNotSkip();
        }
    }

    @BeforeContainer
    static void startRapport() {
        String problem = TestDatabase.prepare();
        if (problem != null) {
            throw new IllegalStateException(problem);
        }
        context = new SpringApplicationBuilder(RapportApplication.class).profiles("test").run("--server.port=0");
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        rapport = new RapportClient(port);
        writeKey = rapport.createSource("WEB").get("writeKey").stringValue();
    }

    @AfterContainer
    static void stopRapport() {
        if (context != null) {
            context.close();
        }
    }

    @AfterProperty
    void rapportIsStillHealthyAndStoring() {
        RapportClient.Response health = rapport.get("/actuator/health");
        assertThat(health.status()).as("health: %s", health).isEqualTo(200);
        assertThat(health.json().get("status").stringValue()).isEqualTo("UP");
        RapportClient.Response track = rapport.track("/v1/track", writeKey,
                "{\"userId\":\"health\",\"event\":\"Still Storing\",\"messageId\":\"" + UUID.randomUUID() + "\"}");
        assertThat(track.status()).as("a valid call after the property: %s", track).isEqualTo(200);
    }

    // ---- random bytes -------------------------------------------------------------------------------------

    enum Encoding { NONE, IDENTITY, GZIP, GZIP_HEADER_PLAIN_BODY, TRUNCATED_GZIP, UNSUPPORTED }

    @Property(tries = 300, shrinking = ShrinkingMode.OFF)
    void random_bytes_never_cause_a_server_error(@ForAll("anyPath") String path, @ForAll("bodyBytes") byte[] body,
            @ForAll Encoding encoding, @ForAll @IntRange(min = 1, max = 1_000) int cut) {
        HttpRequest.Builder request = post(path, encoded(body, encoding, cut), encoding)
                .header("Authorization", RapportClient.basic(writeKey));
        assertAnswered(rapport.send(request), path + " " + encoding);
    }

    @Provide
    Arbitrary<byte[]> bodyBytes() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(2_000);
        Arbitrary<byte[]> mutatedJson = Arbitraries.of(
                        "{\"userId\":\"u1\",\"event\":\"Order Completed\",\"properties\":{\"revenue\":9.5}}",
                        "{\"batch\":[{\"type\":\"track\",\"userId\":\"u1\",\"event\":\"E\"}],\"sentAt\":\"2026-01-01T00:00:00Z\"}")
                .flatMap(json -> Arbitraries.integers().between(0, json.length() - 1).list().ofMinSize(1).ofMaxSize(4)
                        .flatMap(positions -> Arbitraries.bytes().list().ofSize(positions.size()).map(bytes -> {
                            byte[] mutated = json.getBytes(StandardCharsets.UTF_8);
                            for (int i = 0; i < positions.size(); i++) {
                                mutated[positions.get(i)] = bytes.get(i);
                            }
                            return mutated;
                        })));
        return Arbitraries.frequencyOf(Tuple.of(1, random), Tuple.of(1, mutatedJson));
    }

    // ---- random JSON --------------------------------------------------------------------------------------

    enum Auth { BASIC, BODY_ONLY, NONE, UNKNOWN_KEY }

    record Call(String path, Object body, Auth auth, boolean gzip, boolean asciiOnly) {
    }

    @Property(tries = 400, shrinking = ShrinkingMode.OFF)
    void random_json_never_causes_a_server_error(@ForAll("jsonCalls") Call call) {
        Object body = call.body();
        if (call.auth() == Auth.BODY_ONLY && body instanceof Map<?, ?> map) {
            @SuppressWarnings("unchecked")
            Map<String, Object> withKey = new LinkedHashMap<>((Map<String, Object>) map);
            withKey.putIfAbsent("writeKey", writeKey);
            body = withKey;
        }
        String json = FuzzJson.write(body, call.asciiOnly());
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = post(call.path(), call.gzip() ? RapportClient.gzip(bytes) : bytes,
                call.gzip() ? Encoding.GZIP : Encoding.NONE);
        switch (call.auth()) {
            case BASIC -> request.header("Authorization", RapportClient.basic(writeKey));
            case UNKNOWN_KEY -> request.header("Authorization", RapportClient.basic("no-such-key"));
            case BODY_ONLY, NONE -> { }
        }
        RapportClient.Response response = rapport.send(request);
        Statistics.label("status").collect(response.status());
        Statistics.label("extreme timestamp").collect(FuzzJson.EXTREME_TIMESTAMPS.stream().anyMatch(json::contains));
        assertAnswered(response, call.path() + " " + json);
        if (response.status() == 200) {
            assertThat(response.json().get("success").booleanValue()).as(json).isTrue();
        }
    }

    @Provide
    Arbitrary<Call> jsonCalls() {
        Arbitrary<String> writeKeys = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(writeKey)),
                Tuple.of(1, FuzzJson.strings()));
        Arbitrary<Auth> auth = Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.just(Auth.BASIC)),
                Tuple.of(2, Arbitraries.just(Auth.BODY_ONLY)), Tuple.of(1, Arbitraries.just(Auth.NONE)),
                Tuple.of(1, Arbitraries.just(Auth.UNKNOWN_KEY)));
        Arbitrary<Tuple.Tuple2<String, Object>> pathAndBody = Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.of(SINGLE_PATHS).flatMap(path -> Arbitraries.frequencyOf(
                        Tuple.of(8, FuzzJson.message(writeKeys).map(m -> (Object) m)),
                        Tuple.of(1, FuzzJson.batch(writeKeys).map(b -> (Object) b)),
                        Tuple.of(1, FuzzJson.anyValue())).map(body -> Tuple.of(path, body)))),
                Tuple.of(4, Arbitraries.of(BATCH_PATHS).flatMap(path -> Arbitraries.frequencyOf(
                        Tuple.of(8, FuzzJson.batch(writeKeys).map(b -> (Object) b)),
                        Tuple.of(1, FuzzJson.message(writeKeys).map(m -> (Object) m)),
                        Tuple.of(1, FuzzJson.anyValue())).map(body -> Tuple.of(path, body)))),
                Tuple.of(1, Arbitraries.of(OTHER_PATHS).flatMap(path -> FuzzJson.message(writeKeys)
                        .map(body -> Tuple.of(path, (Object) body)))));
        return pathAndBody.flatMap(pb -> auth.flatMap(a -> Arbitraries.of(true, false).flatMap(gzip ->
                Arbitraries.of(true, false).map(ascii -> new Call(pb.get1(), pb.get2(), a, gzip, ascii)))));
    }

    /**
     * Date-times that parse but lie outside what {@link java.time.Instant}, {@link java.time.OffsetDateTime} or
     * the database holds are bad input: refused with a reason (a single call), or listed as rejected (a batch).
     */
    @Example
    void timestamps_beyond_the_representable_range_are_refused_as_bad_input() {
        for (String timestamp : FuzzJson.EXTREME_TIMESTAMPS) {
            for (String field : List.of("timestamp", "originalTimestamp", "sentAt")) {
                String message = "{\"userId\":\"u\",\"event\":\"Edge\",\"%s\":\"%s\",\"sentAt\":\"%s\"}"
                        .formatted(field, timestamp, field.equals("sentAt") ? timestamp : "2026-01-01T00:00:00Z");
                assertAnswered(rapport.track("/v1/track", writeKey, message), "/v1/track " + message);
                String batch = "{\"batch\":[" + message.replace("{\"userId\"", "{\"type\":\"track\",\"userId\"") + "]}";
                assertAnswered(rapport.track("/v1/batch", writeKey, batch), "/v1/batch " + batch);
            }
            String shared = "{\"sentAt\":\"%s\",\"batch\":[{\"type\":\"track\",\"userId\":\"u\",\"event\":\"Edge\","
                    + "\"timestamp\":\"2026-01-01T00:00:00Z\"}]}";
            assertAnswered(rapport.track("/v1/batch", writeKey, shared.formatted(timestamp)),
                    "/v1/batch with sentAt " + timestamp);
        }
    }

    /** Text from the caller that ends up in a refusal's reason may hold NUL, which PostgreSQL text cannot. */
    @Example
    void nul_characters_in_refused_values_are_bad_input() {
        List<String> bodies = List.of(
                "{\"batch\":[{\"type\":\"\\u0000\",\"userId\":\"u\",\"event\":\"E\"}]}",
                "{\"batch\":[{\"type\":\"track\",\"userId\":\"u\",\"event\":\"E\",\"timestamp\":\"\\u0000\"}]}",
                "{\"userId\":\"u\",\"event\":\"E\",\"sentAt\":\"x\\u0000\"}");
        for (String body : bodies) {
            String path = body.startsWith("{\"batch\"") ? "/v1/batch" : "/v1/track";
            assertAnswered(rapport.track(path, writeKey, body), path + " " + body);
        }
    }

    // ---- limits -------------------------------------------------------------------------------------------

    enum Framing { CONTENT_LENGTH, CHUNKED, GZIP }

    /** Just over a limit is 400 with a reason: Segment's libraries retry a 413 forever. */
    @Property(tries = 30, shrinking = ShrinkingMode.OFF)
    void bodies_over_the_size_limits_answer_400(@ForAll boolean batch, @ForAll @IntRange(min = 1, max = 50_000) int excess,
            @ForAll Framing framing) {
        int limit = batch ? MAX_BATCH_BYTES : MAX_MESSAGE_BYTES;
        byte[] body = paddedBody(batch, limit + excess);
        String path = batch ? "/v1/batch" : "/v1/track";
        HttpRequest.Builder request = switch (framing) {
            case CONTENT_LENGTH -> post(path, body, Encoding.NONE);
            case GZIP -> post(path, RapportClient.gzip(body), Encoding.GZIP);
            case CHUNKED -> HttpRequest.newBuilder(rapport.uri(path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
        };
        RapportClient.Response response = rapport.send(request.header("Authorization", RapportClient.basic(writeKey)));
        assertAnswered(response, path + " " + body.length + " bytes " + framing);
        assertThat(response.status()).as("%s bytes to %s (%s): %s", body.length, path, framing, response)
                .isEqualTo(400);
    }

    @Example
    void bodies_at_the_size_limits_are_accepted() {
        RapportClient.Response single = rapport.send(post("/v1/track", paddedBody(false, MAX_MESSAGE_BYTES),
                Encoding.NONE).header("Authorization", RapportClient.basic(writeKey)));
        assertThat(single.status()).as("a %s-byte single call: %s", MAX_MESSAGE_BYTES, single).isEqualTo(200);
        RapportClient.Response batch = rapport.send(post("/v1/batch", paddedBody(true, MAX_BATCH_BYTES),
                Encoding.NONE).header("Authorization", RapportClient.basic(writeKey)));
        assertThat(batch.status()).as("a %s-byte batch: %s", MAX_BATCH_BYTES, batch).isEqualTo(200);
        assertThat(rapport.track("/v1/batch", writeKey, batchOf(MAX_BATCH_MESSAGES)).status()).isEqualTo(200);
    }

    @Example
    void a_batch_of_2501_messages_answers_400() {
        RapportClient.Response response = rapport.track("/v1/batch", writeKey, batchOf(MAX_BATCH_MESSAGES + 1));
        assertAnswered(response, "2,501 messages");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("field").stringValue()).isEqualTo("batch");
    }

    /** A body of exactly {@code size} bytes: one valid message, or a batch of valid messages, padded by a property. */
    private static byte[] paddedBody(boolean batch, int size) {
        String head = "{\"type\":\"track\",\"userId\":\"limits\",\"event\":\"Limit\",\"properties\":{\"p\":\"";
        String tail = "\"}}";
        StringBuilder json = new StringBuilder();
        if (batch) {
            // Messages under 32 KB each, so that only the size of the whole body is at (or over) a limit.
            json.append("{\"batch\":[");
            int opening = json.length();
            while (true) {
                int separator = json.length() > opening ? 1 : 0;
                int room = size - 2 - json.length() - separator - head.length() - tail.length();
                if (room < 0) {
                    break;
                }
                json.append(separator == 1 ? "," : "").append(head).append("x".repeat(Math.min(room, 30_000)))
                        .append(tail);
            }
            json.append(" ".repeat(size - 2 - json.length())).append("]}");
        } else {
            json.append(head).append("x".repeat(size - head.length() - tail.length())).append(tail);
        }
        byte[] bytes = json.toString().getBytes(StandardCharsets.UTF_8);
        assertThat(bytes).hasSize(size);
        return bytes;
    }

    private static String batchOf(int messages) {
        StringBuilder json = new StringBuilder("{\"batch\":[");
        for (int i = 0; i < messages; i++) {
            json.append(i == 0 ? "" : ",").append("{\"type\":\"track\",\"userId\":\"u\",\"event\":\"E\"}");
        }
        return json.append("]}").toString();
    }

    // ---- nesting ------------------------------------------------------------------------------------------

    @Property(tries = 60, shrinking = ShrinkingMode.BOUNDED)
    void deeply_nested_json_never_causes_a_server_error(@ForAll @IntRange(min = 50, max = 5_000) int depth,
            @ForAll boolean arrays, @ForAll boolean batch, @ForAll boolean gzip) {
        String open = arrays ? "[" : "{\"n\":";
        String close = arrays ? "]" : "}";
        String nested = open.repeat(depth) + "1" + close.repeat(depth);
        String json = batch
                ? "{\"batch\":[{\"type\":\"track\",\"userId\":\"u\",\"event\":\"Deep\",\"properties\":{\"deep\":"
                        + nested + "}}],\"context\":{\"deep\":" + nested + "}}"
                : "{\"userId\":\"u\",\"event\":\"Deep\",\"properties\":{\"deep\":" + nested + "}}";
        String path = batch ? "/v1/batch" : "/v1/track";
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        RapportClient.Response response = rapport.send(post(path, gzip ? RapportClient.gzip(bytes) : bytes,
                gzip ? Encoding.GZIP : Encoding.NONE).header("Authorization", RapportClient.basic(writeKey)));
        Statistics.label("status").collect(response.status());
        assertAnswered(response, "depth " + depth);
        assertThat(response.status()).as("depth %s: %s", depth, response).isIn(200, 400);
    }

    // ---- headers ------------------------------------------------------------------------------------------

    @Property(tries = 150, shrinking = ShrinkingMode.BOUNDED)
    void odd_authorization_headers_answer_401_or_are_used(@ForAll("authorizations") String authorization) {
        RapportClient.Response response = rapport.send(post("/v1/track",
                "{\"userId\":\"u\",\"event\":\"Auth\"}".getBytes(StandardCharsets.UTF_8), Encoding.NONE)
                .header("Authorization", authorization));
        Statistics.label("status").collect(response.status());
        assertAnswered(response, "Authorization: " + authorization);
        assertThat(response.status()).as("Authorization: %s", authorization).isIn(200, 401);
    }

    @Provide
    Arbitrary<String> authorizations() {
        Arbitrary<String> printable = Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(60);
        return Arbitraries.frequencyOf(
                Tuple.of(2, printable.map(s -> "Basic " + s)),
                Tuple.of(2, Arbitraries.bytes().array(byte[].class).ofMaxSize(80)
                        .map(bytes -> "Basic " + Base64.getEncoder().encodeToString(bytes))),
                Tuple.of(1, printable.map(s -> "Basic " + Base64.getEncoder().encodeToString(
                        s.getBytes(StandardCharsets.UTF_8)))),
                Tuple.of(1, printable.map(s -> "Bearer " + s)),
                Tuple.of(1, printable.map(s -> "basic " + Base64.getEncoder().encodeToString((writeKey + ":" + s)
                        .getBytes(StandardCharsets.UTF_8)))),
                Tuple.of(1, printable.filter(s -> !s.isBlank())),
                Tuple.of(1, Arbitraries.integers().between(1, 7_000).map(n -> "Basic " + "A".repeat(n))),
                Tuple.of(1, Arbitraries.of("Basic", "Basic ", "Basic =", "Basic ====", "Basic Og==",
                        "Basic " + Base64.getEncoder().encodeToString(":".getBytes(StandardCharsets.UTF_8)),
                        "Basic " + Base64.getEncoder().encodeToString("\u0000:".getBytes(StandardCharsets.UTF_8)))));
    }

    @Example
    void a_missing_authorization_answers_401() {
        RapportClient.Response response = rapport.post("/v1/track", "application/json",
                "{\"userId\":\"u\",\"event\":\"Nobody\"}".getBytes(StandardCharsets.UTF_8));
        assertAnswered(response, "no Authorization");
        assertThat(response.status()).isEqualTo(401);
    }

    /** Headers the application sees (up to Tomcat's 8 KB header limit) never make it fail. */
    @Property(tries = 60, shrinking = ShrinkingMode.BOUNDED)
    void long_header_values_never_cause_a_server_error(
            @ForAll("headerNames") String name, @ForAll @IntRange(min = 1, max = 7_000) int length,
            @ForAll("headerChars") char filler) {
        String value = String.valueOf(filler).repeat(length);
        RapportClient.Response response = rapport.send(post("/v1/track",
                "{\"userId\":\"u\",\"event\":\"Headers\"}".getBytes(StandardCharsets.UTF_8), Encoding.NONE)
                .header("Authorization", RapportClient.basic(writeKey))
                .header(name, value));
        Statistics.label("status").collect(response.status());
        assertAnswered(response, name + ": " + length + " × '" + filler + "'");
    }

    @Provide
    Arbitrary<String> headerNames() {
        return Arbitraries.of("User-Agent", "X-Forwarded-For", "Content-Type", "Accept-Encoding",
                "Accept-Language", "Cookie", "Referer", "X-Custom-" + UUID.randomUUID());
    }

    @Provide
    Arbitrary<Character> headerChars() {
        return Arbitraries.of('a', ',', ';', '*', '/', '=', '"', ' ', '%', '\t');
    }

    /**
     * Beyond Tomcat's 8 KB header limit the request never reaches the application; Tomcat answers 400 with
     * its own (HTML) error page. It must still not be a server error, and Rapport must stay up.
     */
    @Property(tries = 10, shrinking = ShrinkingMode.OFF)
    void header_values_over_the_server_limit_answer_4xx(@ForAll @IntRange(min = 9_000, max = 60_000) int length) {
        RapportClient.Response response = rapport.send(post("/v1/track",
                "{\"userId\":\"u\",\"event\":\"Headers\"}".getBytes(StandardCharsets.UTF_8), Encoding.NONE)
                .header("Authorization", RapportClient.basic(writeKey))
                .header("User-Agent", "a".repeat(length)));
        assertThat(response.status()).as("%s", response).isBetween(400, 499);
    }

    /**
     * Segment's API answers the same whatever the client accepts; a call whose events were stored is answered
     * 200, and a refusal is still a problem document.
     */
    @Example
    void the_answer_does_not_depend_on_the_accept_header() {
        for (String accept : List.of("text/plain", "text/html", "application/xml", "a", "*/*;q=x")) {
            RapportClient.Response stored = rapport.send(post("/v1/track",
                    "{\"userId\":\"u\",\"event\":\"Accept\"}".getBytes(StandardCharsets.UTF_8), Encoding.NONE)
                    .header("Authorization", RapportClient.basic(writeKey)).header("Accept", accept));
            assertThat(stored.status()).as("valid call with Accept: %s answered %s", accept, stored).isEqualTo(200);
            RapportClient.Response refused = rapport.send(post("/v1/track",
                    "{\"userId\":\"u\"}".getBytes(StandardCharsets.UTF_8), Encoding.NONE)
                    .header("Authorization", RapportClient.basic(writeKey)).header("Accept", accept));
            assertThat(refused.status()).as("call without event, Accept: %s", accept).isEqualTo(400);
            assertAnswered(refused, "Accept: " + accept);
        }
    }

    // ---- the happy path -----------------------------------------------------------------------------------

    @Example
    void a_batch_of_valid_messages_answers_exactly_success_true() {
        String run = UUID.randomUUID().toString();
        String body = """
                {"batch":[
                  {"type":"track","userId":"u-%1$s","event":"Order Completed","messageId":"%1$s-1",
                   "properties":{"revenue":12.5,"currency":"EUR"},"timestamp":"2026-01-02T03:04:05.678Z"},
                  {"type":"identify","userId":"u-%1$s","traits":{"email":"a@example.com"},"messageId":"%1$s-2"},
                  {"type":"page","anonymousId":"a-%1$s","name":"Home","messageId":"%1$s-3"},
                  {"type":"screen","userId":"u-%1$s","name":"Cart","messageId":"%1$s-4"},
                  {"type":"group","userId":"u-%1$s","groupId":"acme","messageId":"%1$s-5"},
                  {"type":"alias","userId":"u-%1$s","previousId":"a-%1$s","messageId":"%1$s-6"}
                ],"sentAt":"2026-01-02T03:04:06.000Z","context":{"library":{"name":"fuzz","version":"1"}}}
                """.formatted(run);
        RapportClient.Response response = rapport.track("/v1/batch", writeKey, body);
        assertThat(response.status()).as("%s", response).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"success\":true}");
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    @Provide
    Arbitrary<String> anyPath() {
        return Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.of(SINGLE_PATHS)), Tuple.of(4, Arbitraries.of(BATCH_PATHS)),
                Tuple.of(1, Arbitraries.of(OTHER_PATHS)));
    }

    private static HttpRequest.Builder post(String path, byte[] body, Encoding encoding) {
        HttpRequest.Builder request = HttpRequest.newBuilder(rapport.uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        switch (encoding) {
            case NONE -> { }
            case IDENTITY -> request.header("Content-Encoding", "identity");
            case UNSUPPORTED -> request.header("Content-Encoding", "br");
            case GZIP, GZIP_HEADER_PLAIN_BODY, TRUNCATED_GZIP -> request.header("Content-Encoding", "gzip");
        }
        return request;
    }

    private static byte[] encoded(byte[] body, Encoding encoding, int cut) {
        return switch (encoding) {
            case GZIP -> RapportClient.gzip(body);
            case TRUNCATED_GZIP -> {
                byte[] gzip = RapportClient.gzip(body);
                yield Arrays.copyOf(gzip, Math.max(0, gzip.length - Math.min(cut, gzip.length)));
            }
            default -> body;
        };
    }

    /** No server error; a refusal is an RFC 9457 problem with its status and a readable detail. */
    private static void assertAnswered(RapportClient.Response response, String input) {
        String shown = input.length() <= 2_000 ? input : input.substring(0, 2_000) + "…";
        assertThat(response.status()).as("status for %s: %s", shown, response).isLessThan(500);
        if (response.status() >= 400) {
            assertThat(response.header("Content-Type")).as("content type of %s for %s", response, shown)
                    .startsWith("application/problem+json");
            JsonNode problem = response.json();
            assertThat(problem.path("status").asInt(-1)).as("problem status for %s", shown)
                    .isEqualTo(response.status());
            assertThat(problem.path("detail").asString("")).as("problem detail for %s: %s", shown, response)
                    .isNotBlank();
        }
    }
}
