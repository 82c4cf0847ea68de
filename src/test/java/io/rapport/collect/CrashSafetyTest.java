package io.rapport.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import io.rapport.testing.RapportClient;
import io.rapport.testing.RapportProcess;
import io.rapport.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An acknowledged event is never lost: Rapport is killed with {@code SIGKILL} while shops are sending to it,
 * restarted on the same database, killed again, and restarted; every message whose call was answered 200 is
 * then in the event log exactly once. Calls cut off by the kill are retried after the restart, as Segment's
 * libraries do, and must not be stored twice either.
 */
class CrashSafetyTest {

    private static final String ADMIN_KEY = "rk_crash_test_bootstrap_admin_key";
    private static final int SENDERS = 8;
    private static final int MESSAGES_PER_BATCH = 20;
    private static final Duration SENDING_BEFORE_KILL = Duration.ofMillis(2_500);
    private static final int KILL_CYCLES = 2;
    private static final int MINIMUM_ACKNOWLEDGED = 200;
    private static final Path OUTPUT = Path.of("target", "crash-test-process.out");
    private static final JsonMapper JSON = JsonMapper.shared();

    private final List<RapportProcess> started = new ArrayList<>();

    @AfterEach
    void killEveryProcess() {
        started.forEach(RapportProcess::close);
    }

    @Test
    @Timeout(180)
    void every_acknowledged_message_survives_sigkill_mid_stream_and_is_stored_once() throws Exception {
        Files.deleteIfExists(OUTPUT);
        Map<String, String> database = TestDatabase.isolated("crash");
        Map<String, String> properties = new LinkedHashMap<>(database);
        properties.put("logging.file.name", "target/crash-test.log");
        Map<String, String> environment = Map.of("RAPPORT_BOOTSTRAP_API_KEY", ADMIN_KEY);
        Ledger ledger = new Ledger();

        RapportProcess rapport = start(properties, environment);
        JsonNode source = createSource(rapport);
        String sourceId = source.get("id").stringValue();
        String writeKey = source.get("writeKey").stringValue();

        List<String> rounds = new ArrayList<>();
        for (int cycle = 1; cycle <= KILL_CYCLES; cycle++) {
            if (cycle > 1) {
                rapport = start(properties, environment);
            }
            rounds.add(sendUntilKilled(rapport, writeKey, cycle, ledger));
        }
        int acknowledgedBeforeLastStart = ledger.acknowledged.size();
        int cutOffBatches = ledger.unacknowledged.size();

        rapport = start(properties, environment);
        RoundStats retry = new RoundStats();
        retryUnacknowledged(rapport, writeKey, ledger, retry);
        int exitCode = rapport.stop(Duration.ofSeconds(60));

        Map<String, StoredRow> stored = storedEvents(database, sourceId);
        String summary = "rounds: " + rounds + "; acknowledged during kill cycles: " + acknowledgedBeforeLastStart
                + "; batches cut off by kills: " + cutOffBatches + "; retried after the last start: " + retry
                + "; stored: " + stored.size() + "; exit code after SIGTERM: " + exitCode;
        System.out.println("CrashSafetyTest (" + (TestDatabase.postgres() ? "PostgreSQL" : "H2") + "): " + summary);

        assertThat(ledger.acknowledged.size())
                .as("enough acknowledged messages for the test to mean something (%s)", summary)
                .isGreaterThanOrEqualTo(MINIMUM_ACKNOWLEDGED);
        assertThat(ledger.killed.get()).as("calls that failed because Rapport had been killed (%s)", summary)
                .isGreaterThan(0);

        List<String> lost = ledger.acknowledged.stream().filter(id -> !stored.containsKey(id)).sorted().toList();
        assertThat(lost).as("acknowledged messages missing from the event log (%s; output:%n%s)", summary,
                rapport.outputTail()).isEmpty();

        Map<String, Integer> twice = new TreeMap<>();
        stored.forEach((id, row) -> {
            if (row.count() != 1) {
                twice.put(id, row.count());
            }
        });
        assertThat(twice).as("messages stored more than once (%s)", summary).isEmpty();

        List<String> unknown = stored.keySet().stream().filter(id -> !ledger.sent.containsKey(id)).sorted().toList();
        assertThat(unknown).as("stored messages that were never sent (%s)", summary).isEmpty();

        List<String> altered = new ArrayList<>();
        stored.forEach((id, row) -> {
            Message sent = ledger.sent.get(id);
            if (sent != null && (!sent.userId().equals(row.userId()) || !"Crash Test".equals(row.event())
                    || !"track".equals(row.type()))) {
                altered.add(id + " stored as " + row + ", sent by " + sent.userId());
            }
        });
        assertThat(altered).as("stored messages whose columns differ from what was sent").isEmpty();

        assertThat(ledger.unacknowledged).as("batches still refused after the last restart (%s)", summary).isEmpty();
        assertThat(stored.keySet()).as("after the retries every message sent is stored")
                .containsExactlyInAnyOrderElementsOf(ledger.sent.keySet());
    }

    private RapportProcess start(Map<String, String> properties, Map<String, String> environment) {
        RapportProcess rapport = RapportProcess.start(properties, environment, OUTPUT);
        started.add(rapport);
        return rapport;
    }

    private static JsonNode createSource(RapportProcess rapport) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(rapport.base() + "/api/v1/sources"))
                .header("Authorization", "Bearer " + ADMIN_KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"crash test\",\"type\":\"SERVER\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("source created: %s", response.body()).isEqualTo(201);
        return JSON.readTree(response.body());
    }

    /**
     * Senders post batches of new messages (after retrying what the previous kill cut off) until Rapport is
     * killed; they keep going for a moment after the kill, so calls fail as they would in a shop.
     */
    private static String sendUntilKilled(RapportProcess rapport, String writeKey, int cycle, Ledger ledger)
            throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        RoundStats stats = new RoundStats();
        List<Thread> senders = new ArrayList<>();
        for (int s = 0; s < SENDERS; s++) {
            int sender = s;
            senders.add(Thread.ofPlatform().name("crash-sender-" + cycle + "-" + s).start(() -> {
                HttpClient http = client();
                AtomicInteger batchNumber = new AtomicInteger();
                while (!stop.get()) {
                    Batch batch = ledger.unacknowledged.poll();
                    if (batch == null) {
                        batch = ledger.newBatch(cycle, sender, batchNumber.incrementAndGet());
                    }
                    if (!post(http, rapport, writeKey, batch, ledger, stats)) {
                        pause(20);
                    }
                }
            }));
        }
        Thread.sleep(SENDING_BEFORE_KILL.toMillis());
        long acknowledgedAtKill = stats.acknowledgedCalls.get();
        rapport.kill();
        Thread.sleep(300);
        stop.set(true);
        for (Thread sender : senders) {
            sender.join(Duration.ofSeconds(30));
        }
        assertThat(acknowledgedAtKill).as("calls acknowledged before kill %d (%s)", cycle, stats).isPositive();
        return "cycle " + cycle + ": " + stats;
    }

    private static void retryUnacknowledged(RapportProcess rapport, String writeKey, Ledger ledger,
            RoundStats stats) {
        HttpClient http = client();
        int attempts = 0;
        Batch batch;
        while ((batch = ledger.unacknowledged.poll()) != null && attempts++ < 1_000) {
            if (!post(http, rapport, writeKey, batch, ledger, stats)) {
                pause(100);
            }
        }
    }

    /** Posts one batch; returns whether it was acknowledged. Whatever was not goes back to be retried. */
    private static boolean post(HttpClient http, RapportProcess rapport, String writeKey, Batch batch, Ledger ledger,
            RoundStats stats) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(rapport.base() + "/v1/batch"))
                    .timeout(Duration.ofSeconds(20))
                    .header("Authorization", RapportClient.basic(writeKey))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(batch.body()))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                if (!"{\"success\":true}".equals(response.body())) {
                    stats.unexpectedBodies.add(response.body());
                }
                ledger.acknowledged.addAll(batch.messageIds());
                stats.acknowledgedCalls.incrementAndGet();
                stats.acknowledgedMessages.addAndGet(batch.messageIds().size());
                return true;
            }
            stats.refused.merge(response.statusCode(), 1, Integer::sum);
        } catch (IOException e) {
            stats.failed.merge(e.getClass().getSimpleName(), 1, Integer::sum);
            if (!rapport.isAlive()) {
                ledger.killed.incrementAndGet();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ledger.unacknowledged.add(batch);
        return false;
    }

    private static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2))
                .build();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The events of the source, read straight from the database after Rapport has stopped. */
    private static Map<String, StoredRow> storedEvents(Map<String, String> database, String sourceId)
            throws SQLException {
        Map<String, StoredRow> rows = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(database.get("spring.datasource.url"),
                database.get("spring.datasource.username"), "");
                PreparedStatement query = connection.prepareStatement("""
                        select message_id, type, event, user_id from events where source_id = ?""")) {
            query.setObject(1, UUID.fromString(sourceId));
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    String messageId = rs.getString("message_id");
                    StoredRow row = new StoredRow(rs.getString("type"), rs.getString("event"),
                            rs.getString("user_id"), 1);
                    rows.merge(messageId, row, (a, b) -> new StoredRow(a.type(), a.event(), a.userId(),
                            a.count() + b.count()));
                }
            }
        }
        return rows;
    }

    private record Message(String messageId, String userId) {
    }

    private record Batch(List<String> messageIds, String body) {
    }

    private record StoredRow(String type, String event, String userId, int count) {
    }

    /** What was sent and what was acknowledged, over all rounds. */
    private static final class Ledger {

        final Map<String, Message> sent = new ConcurrentHashMap<>();
        final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        final ConcurrentLinkedQueue<Batch> unacknowledged = new ConcurrentLinkedQueue<>();
        final AtomicLong killed = new AtomicLong();
        private final String run = UUID.randomUUID().toString().substring(0, 8);

        Batch newBatch(int cycle, int sender, int number) {
            String userId = "crash-user-" + sender;
            List<String> ids = new ArrayList<>(MESSAGES_PER_BATCH);
            StringBuilder body = new StringBuilder("{\"batch\":[");
            for (int m = 0; m < MESSAGES_PER_BATCH; m++) {
                String messageId = run + "-c" + cycle + "-s" + sender + "-b" + number + "-m" + m;
                ids.add(messageId);
                sent.put(messageId, new Message(messageId, userId));
                if (m > 0) {
                    body.append(',');
                }
                body.append("{\"type\":\"track\",\"messageId\":\"").append(messageId)
                        .append("\",\"userId\":\"").append(userId)
                        .append("\",\"event\":\"Crash Test\",\"properties\":{\"cycle\":").append(cycle)
                        .append(",\"batch\":").append(number).append(",\"position\":").append(m).append("}}");
            }
            body.append("],\"context\":{\"library\":{\"name\":\"crash-test\",\"version\":\"1\"}}}");
            return new Batch(List.copyOf(ids), body.toString());
        }
    }

    /** Counts of one round, for the report. */
    private static final class RoundStats {

        final AtomicLong acknowledgedCalls = new AtomicLong();
        final AtomicLong acknowledgedMessages = new AtomicLong();
        final Map<Integer, Integer> refused = new ConcurrentHashMap<>();
        final Map<String, Integer> failed = new ConcurrentHashMap<>();
        final ConcurrentLinkedQueue<String> unexpectedBodies = new ConcurrentLinkedQueue<>();

        @Override
        public String toString() {
            return acknowledgedCalls + " calls / " + acknowledgedMessages + " messages acknowledged, refused "
                    + new TreeMap<>(refused) + ", failed " + failed.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ", "{", "}"))
                    + (unexpectedBodies.isEmpty() ? "" : ", 200 answers other than {\"success\":true}: "
                            + unexpectedBodies);
        }
    }
}
