package io.rapport.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Real HTTP calls to a running Rapport, as a shop's code or an operator's script would make them. */
public final class RapportClient {

    /** The admin API key the test profile bootstraps ({@code application-test.properties}). */
    public static final String ADMIN_KEY = "rk_test_admin_key_for_the_test_suite";

    private static final JsonMapper JSON = JsonMapper.shared();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public RapportClient(int port) {
        this.base = "http://localhost:" + port;
    }

    public String base() {
        return base;
    }

    /** A new source with a unique name; returns its JSON ({@code id}, {@code writeKey} …). */
    public JsonNode createSource(String type) {
        Response response = send(HttpRequest.newBuilder(uri("/api/v1/sources"))
                .header("Authorization", "Bearer " + ADMIN_KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"name\":\"test " + UUID.randomUUID() + "\",\"type\":\"" + type + "\"}")));
        if (response.status() != 201) {
            throw new IllegalStateException("Could not create a source: " + response);
        }
        return response.json();
    }

    /** A new source of this type with a unique name. */
    public TestSource newSource(String type) {
        JsonNode source = createSource(type);
        return new TestSource(source.get("id").stringValue(), source.get("writeKey").stringValue());
    }

    public record TestSource(String id, String writeKey) {
    }

    /** POST a tracking call with the write key as HTTP Basic user name. */
    public Response track(String path, String writeKey, String body) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Authorization", basic(writeKey))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** POST a gzip-compressed tracking call. */
    public Response trackGzip(String path, String writeKey, String body) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Authorization", basic(writeKey))
                .header("Content-Type", "application/json")
                .header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(gzip(body.getBytes(StandardCharsets.UTF_8)))));
    }

    /** POST raw bytes with the given content type and no credentials (analytics.js style, key in the body). */
    public Response post(String path, String contentType, byte[] body) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** GET with the admin API key. */
    public Response get(String pathAndQuery) {
        return get(pathAndQuery, ADMIN_KEY);
    }

    public Response get(String pathAndQuery, String apiKey) {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)).header("Authorization", "Bearer " + apiKey).GET());
    }

    public Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public URI uri(String path) {
        return URI.create(base + path);
    }

    public static String basic(String writeKey) {
        return "Basic " + Base64.getEncoder().encodeToString((writeKey + ":").getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] gzip(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public record Response(int status, String body, HttpResponse<String> raw) {

        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
