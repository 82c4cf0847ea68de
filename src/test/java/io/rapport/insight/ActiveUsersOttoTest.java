package io.rapport.insight;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import io.rapport.collect.IngestMonitor;
import io.rapport.testing.RapportClient;
import io.rapport.testing.RapportTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Daily and weekly active visitors of real shop sessions: the first 20 sessions of the OTTO data set (862 clicks,
 * carts and orders in August 2022, CC BY 4.0, src/test/resources/io/rapport/insight/otto) sent through the tracking
 * API with their timestamps, against a count straight from the file. Each session is one anonymous visitor. The
 * timestamps are moved back by 2,080 whole weeks (to 1982), days no other test uses; whole weeks keep every UTC day and
 * ISO week intact.
 */
@RapportTest
class ActiveUsersOttoTest {

    private static final Duration SHIFT = Duration.ofDays(7L * 2_080);
    private static final Map<String, String> EVENTS = Map.of("clicks", "Product Clicked", "carts", "Product Added",
            "orders", "Order Completed");

    @Autowired
    RapportClient rapport;

    @Autowired
    IngestMonitor ingest;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void daily_and_weekly_active_visitors_and_new_visitors_match_a_count_from_the_file() throws IOException {
        TreeMap<LocalDate, Set<Long>> daily = new TreeMap<>();
        Map<LocalDate, Set<Long>> weekly = new TreeMap<>();
        Map<Long, LocalDate> firstWeek = new TreeMap<>();
        List<String> messages = new ArrayList<>();
        try (InputStream in = getClass().getResourceAsStream("otto/otto_train_first20_sessions.jsonl")) {
            assertThat(in).as("the OTTO sample").isNotNull();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode session = JsonMapper.shared().readTree(line);
                long id = session.get("session").asLong();
                for (JsonNode event : session.get("events")) {
                    Instant at = Instant.ofEpochMilli(event.get("ts").asLong());
                    LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
                    LocalDate week = monday(day);
                    daily.computeIfAbsent(day, d -> new HashSet<>()).add(id);
                    weekly.computeIfAbsent(week, w -> new HashSet<>()).add(id);
                    firstWeek.merge(id, week, (a, b) -> a.isBefore(b) ? a : b);
                    messages.add("""
                            {"type":"track","event":"%s","anonymousId":"otto-%s-%d","messageId":"%s","timestamp":"%s",
                             "properties":{"product_id":"%d"}}""".formatted(EVENTS.get(event.get("type").stringValue()),
                            run, id, UUID.randomUUID(), at.minus(SHIFT), event.get("aid").asLong()));
                }
            }
        }
        assertThat(messages).hasSize(862);
        ActivityMessages.sendInBatches(rapport, ingest, rapport.newSource("WEB").writeKey(), messages, 200);

        LocalDate first = daily.firstKey();
        LocalDate last = daily.lastKey();
        String span = "from=" + first.minusDays(SHIFT.toDays()) + "&to=" + last.minusDays(SHIFT.toDays());
        Map<LocalDate, Long> expectedDaily = new TreeMap<>();
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            expectedDaily.put(day, (long) daily.getOrDefault(day, Set.of()).size());
        }
        assertThat(points(get("/api/v1/metrics/active?groupBy=day&" + span), "active")).isEqualTo(expectedDaily);
        Map<LocalDate, Long> expectedWeekly = new TreeMap<>();
        Map<LocalDate, Long> expectedNew = new TreeMap<>();
        for (LocalDate week = monday(first); !week.isAfter(last); week = week.plusWeeks(1)) {
            expectedWeekly.put(week, (long) weekly.getOrDefault(week, Set.of()).size());
            expectedNew.put(week, firstWeek.values().stream().filter(week::equals).count());
        }
        assertThat(points(get("/api/v1/metrics/active?groupBy=week&" + span), "active")).isEqualTo(expectedWeekly);
        assertThat(points(get("/api/v1/metrics/active/lifecycle?period=week&" + span), "new")).isEqualTo(expectedNew);
        assertThat(expectedDaily.values().stream().mapToLong(Long::longValue).max().orElseThrow())
                .as("the sample has days with several visitors").isGreaterThan(1);
    }

    private static LocalDate monday(LocalDate day) {
        return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    private JsonNode get(String path) {
        RapportClient.Response response = rapport.get(path);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    /** The series by original (unshifted) period start. */
    private static Map<LocalDate, Long> points(JsonNode report, String field) {
        Map<LocalDate, Long> points = new TreeMap<>();
        report.get("series").forEach(p -> points.put(LocalDate.parse(p.get("key").stringValue()).plusDays(
                SHIFT.toDays()), p.get(field).asLong()));
        return points;
    }
}
