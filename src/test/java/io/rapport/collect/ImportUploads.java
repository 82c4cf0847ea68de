package io.rapport.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import io.rapport.testing.RapportClient;
import tools.jackson.databind.JsonNode;

/** Uploads files to {@code POST /api/v1/imports} as a browser or curl would (multipart/form-data). */
public final class ImportUploads {

    private ImportUploads() {
    }

    public static RapportClient.Response upload(RapportClient rapport, String fileName, byte[] file,
            String mapping, String source) {
        String boundary = "----rapport" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        part(body, boundary, "mapping", null, mapping.getBytes(StandardCharsets.UTF_8));
        if (source != null) {
            part(body, boundary, "source", null, source.getBytes(StandardCharsets.UTF_8));
        }
        part(body, boundary, "file", fileName, file);
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return rapport.send(HttpRequest.newBuilder(rapport.uri("/api/v1/imports"))
                .header("Authorization", "Bearer " + RapportClient.ADMIN_KEY)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    private static void part(ByteArrayOutputStream body, String boundary, String name, String fileName, byte[] content) {
        StringBuilder head = new StringBuilder("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"").append(name).append('"');
        if (fileName != null) {
            head.append("; filename=\"").append(fileName).append("\"\r\nContent-Type: application/octet-stream");
        }
        head.append("\r\n\r\n");
        body.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }

    /** Uploads and waits until the job has finished; the finished job. */
    public static JsonNode importAndWait(RapportClient rapport, String fileName, byte[] file, String mapping,
            String source, Duration atMost) {
        RapportClient.Response response = upload(rapport, fileName, file, mapping, source);
        assertThat(response.status()).as(response.toString()).isEqualTo(202);
        return waitFor(rapport, response.json().get("id").stringValue(), atMost);
    }

    public static JsonNode waitFor(RapportClient rapport, String id, Duration atMost) {
        return await().atMost(atMost).pollInterval(Duration.ofMillis(200))
                .until(() -> rapport.get("/api/v1/imports/" + id).json(),
                        job -> job.get("status").stringValue().matches("COMPLETED|FAILED"));
    }
}
