package io.rapport.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.time.Duration;

import io.rapport.testing.Multipart;
import io.rapport.testing.RapportClient;
import tools.jackson.databind.JsonNode;

/** Uploads files to {@code POST /api/v1/imports} as a browser or curl would (multipart/form-data). */
public final class ImportUploads {

    private ImportUploads() {
    }

    public static RapportClient.Response upload(RapportClient rapport, String fileName, byte[] file,
            String mapping, String source) {
        Multipart form = new Multipart().field("mapping", mapping);
        if (source != null) {
            form.field("source", source);
        }
        form.file("file", fileName, file);
        return rapport.send(HttpRequest.newBuilder(rapport.uri("/api/v1/imports"))
                .header("Authorization", "Bearer " + RapportClient.ADMIN_KEY)
                .header("Content-Type", form.contentType())
                .POST(form.publisher()));
    }

    /** Uploads and waits until the job has finished; the finished job. */
    static JsonNode importAndWait(RapportClient rapport, String fileName, byte[] file, String mapping, String source,
            Duration atMost) {
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
