package io.rapport.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.rapport.collect.ImportUploads;
import io.rapport.testing.RapportClient;
import io.rapport.testing.RapportTest;
import io.rapport.testing.TestDatabase;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * How fast the consumer {@code feedback.inbox} puts the Olist reviews into the feedback inbox: the 4,000-order Olist
 * sample through the {@code olist} import (reviews among orders, customers and their other events) and the Olist
 * classified reviews as {@code Product Reviewed} events of their own. Not part of the suite (the class name does not
 * end in Test): run it with {@code ./mvnw -B test -Dtest=FeedbackInboxBenchmark
 * -Drapport.test.datasets=/work/shared/datasets}; it prints one line per measurement (see docs/feedback-inbox.md).
 */
@RapportTest
@DirtiesContext
class FeedbackInboxBenchmark {

    private static final JsonMapper JSON = JsonMapper.shared();
    private static final List<String> OLIST_FILES = List.of("olist_customers_dataset.csv",
            "olist_orders_dataset.csv", "olist_order_items_dataset.csv", "olist_order_payments_dataset.csv",
            "olist_order_reviews_dataset.csv", "olist_products_dataset.csv", "product_category_name_translation.csv");

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        TestDatabase.isolated("feedback_bench").forEach((key, value) -> registry.add(key, () -> value));
    }

    @Autowired
    RapportClient rapport;

    @Autowired
    JdbcClient jdbc;

    @Test
    void putting_the_olist_reviews_into_the_inbox() throws IOException {
        Path datasets = ImportUploads.datasets();
        Path sample = datasets.resolve("olist-sample-4000-orders");
        Path classified = datasets.resolve("olist-classified-reviews/olist_classified_public_dataset.csv");
        Assumptions.assumeTrue(Files.isDirectory(sample) && Files.exists(classified), "The Olist data sets are not in "
                + datasets.toAbsolutePath() + " (set -Drapport.test.datasets=<folder> to run this benchmark)");
        String source = rapport.newSource("IMPORT").id();
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String file : OLIST_FILES) {
            files.put(file, Files.readAllBytes(sample.resolve(file)));
        }
        importAndWait("olist-sample.zip", ImportUploads.zip(files), "olist", source);
        importAndWait("olist-classified.ndjson", classifiedReviews(classified), "segment-ndjson", source);
        String writeKey = jdbc.sql("select write_key from sources where id = cast(? as uuid)").param(source)
                .query(String.class).single();
        awaitCaughtUp();
        long events = count("select count(*) from events");
        long reviews = count("select count(*) from events where event = 'Product Reviewed'");
        long items = count("select count(*) from feedback_items");
        String database = System.getProperty("rapport.test.database", "?");
        System.out.printf("feedback inbox [%s]: %d events, %d reviews, %d with text%n", database, events, reviews,
                items);
        assertThat(reviews).as("the sample's reviews and the classified ones").isGreaterThan(7_000);
        int rounds = Integer.getInteger("rapport.bench.rounds", 3);
        for (int round = 1; round <= rounds; round++) {
            jdbc.sql("delete from feedback_item_topics").update();
            jdbc.sql("delete from feedback_items").update();
            jdbc.sql("update consumer_checkpoints set position = 0 where consumer = 'feedback.inbox'").update();
            double seconds = measure(writeKey);
            assertThat(count("select count(*) from feedback_items")).isEqualTo(items);
            System.out.printf("feedback inbox [%s] round %d, from nothing: %.1f s = %.0f texts/s (%.0f events/s)%n",
                    database, round, seconds, items / seconds, events / seconds);
            jdbc.sql("update consumer_checkpoints set position = 0 where consumer = 'feedback.inbox'").update();
            double replay = measure(writeKey);
            assertThat(count("select count(*) from feedback_items")).isEqualTo(items);
            System.out.printf("feedback inbox [%s] round %d, replay:       %.1f s = %.0f texts/s (%.0f events/s)%n",
                    database, round, replay, items / replay, events / replay);
        }
    }

    /** The classified reviews with a text, one {@code Product Reviewed} per line, at the time they were answered. */
    private static byte[] classifiedReviews(Path csv) throws IOException {
        StringBuilder ndjson = new StringBuilder();
        try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            for (CSVRecord row : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
                    .setAllowMissingColumnNames(true).get().parse(in)) {
                String body = row.get("review_comment_message");
                if (body.isBlank()) {
                    continue;
                }
                ObjectNode message = JSON.createObjectNode().put("type", "track").put("event", "Product Reviewed")
                        .put("userId", "olist-classified-" + row.get("id"))
                        .put("messageId", "olist-classified-" + row.get("id"))
                        .put("timestamp", row.get("review_answer_timestamp").replace(' ', 'T'));
                message.putObject("properties").put("rating", Integer.parseInt(row.get("review_score")))
                        .put("review_title", row.get("review_comment_title")).put("review_body", body);
                ndjson.append(JSON.writeValueAsString(message)).append('\n');
            }
        }
        return ndjson.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void importAndWait(String name, byte[] file, String mapping, String source) {
        RapportClient.Response response = ImportUploads.upload(rapport, name, file, mapping, source);
        assertThat(response.status()).as(response.toString()).isEqualTo(202);
        JsonNode job = ImportUploads.waitFor(rapport, response.json().get("id").stringValue(), Duration.ofMinutes(10));
        assertThat(job.get("status").stringValue()).as(job.toString()).isEqualTo("COMPLETED");
    }

    /** Wakes the consumers with one event of no interest to the inbox and times them until it is caught up. */
    private double measure(String writeKey) {
        long start = System.nanoTime();
        assertThat(rapport.track("/v1/track", writeKey, "{\"anonymousId\":\"bench\",\"event\":\"Benchmark Started\"}")
                .status()).isEqualTo(200);
        awaitCaughtUp();
        return (System.nanoTime() - start) / 1e9;
    }

    private void awaitCaughtUp() {
        long head = count("select max(seq) from events");
        await().atMost(Duration.ofMinutes(15)).pollInterval(Duration.ofMillis(20)).until(() -> jdbc.sql(
                "select position from consumer_checkpoints where consumer = 'feedback.inbox'")
                .query(Long.class).optional().orElse(0L) >= head);
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}
