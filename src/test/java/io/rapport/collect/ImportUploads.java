package io.rapport.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import io.rapport.testing.Multipart;
import io.rapport.testing.RapportClient;
import tools.jackson.databind.JsonNode;

/** Uploads files to {@code POST /api/v1/imports} as a browser or curl would (multipart/form-data). */
public final class ImportUploads {

    private ImportUploads() {
    }

    /**
     * The data sets beside the project ({@code ../shared/datasets}, or {@code -Drapport.test.datasets=<folder>});
     * tests of the ones that may not be redistributed read them from there and are skipped without them.
     */
    public static Path datasets() {
        return Path.of(System.getProperty("rapport.test.datasets", "../shared/datasets"));
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

    /** A zip archive of these files (path in the archive to content), as Kaggle and most tools write one. */
    public static byte[] zip(Map<String, byte[]> files) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Waits until every consumer has read the whole event log, so what they project can be checked. */
    public static void waitForConsumers(IngestMonitor ingest, Duration atMost) {
        long last = ingest.status().logHead();
        await().atMost(atMost).pollInterval(Duration.ofMillis(250)).until(() -> ingest.status().consumers().stream()
                .allMatch(consumer -> consumer.position() >= last));
    }
}
