package io.rapport.insight;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.rapport.collect.ImportUploads;
import io.rapport.collect.IngestMonitor;
import io.rapport.testing.RapportClient;
import io.rapport.testing.RapportTest;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Cart abandonment on the REES46 sample (the first 1,000 events of October 2019, 330 users): its cart events are
 * sent as Product Added (cart_id = the REES46 session) and its purchases as Order Completed, through a store source
 * so no other test's carts mix in, and the rate and abandoned value are compared with a computation straight from
 * the file. The sample may not be redistributed: it is read from beside the project ({@code ../shared/datasets}, or
 * {@code -Drapport.test.datasets=<folder>}), and the test is skipped without it.
 */
@RapportTest
class Rees46AbandonmentTest {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'");
    private static final int HOURS = 1;

    @Autowired
    RapportClient rapport;

    @Autowired
    IngestMonitor ingest;

    private record Event(String type, Instant at, String product, BigDecimal price, String user, String session) {
    }

    /** A REES46 session with cart events, as the file tells it. */
    private static final class Cart {
        Instant firstAdd = Instant.MAX;
        Instant lastAdd = Instant.MIN;
        BigDecimal value = BigDecimal.ZERO;
        String user = "";
        String session = "";
    }

    @Test
    void the_abandonment_rate_matches_a_computation_from_the_file() throws IOException {
        Path file = ImportUploads.datasets().resolve("rees46-events-sample/2019-Oct-sample.csv");
        Assumptions.assumeTrue(Files.isRegularFile(file), "The REES46 sample is not at " + file.toAbsolutePath()
                + "; give its folder with -Drapport.test.datasets=<folder> to run this test.");
        List<Event> events = read(file);

        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> messages = new ArrayList<>();
        for (Event e : events) {
            messages.add(e.type().equals("cart") ? """
                    {"type":"track","event":"Product Added","userId":"%s-%s","messageId":"%s","timestamp":"%s",
                     "properties":{"cart_id":"%s-%s","product_id":"%s","price":%s,"currency":"USD"}}"""
                    .formatted(e.user(), run, UUID.randomUUID(), e.at(), e.session(), run, e.product(), e.price())
                    : """
                    {"type":"track","event":"Order Completed","userId":"%s-%s","messageId":"%s","timestamp":"%s",
                     "properties":{"cart_id":"%s-%s","order_id":"%s-%s-%s","total":%s,"currency":"USD"}}"""
                    .formatted(e.user(), run, UUID.randomUUID(), e.at(), e.session(), run, e.session(), e.product(),
                            run, e.price()));
        }
        CommerceEvents.track(rapport, ingest, rapport.newSource("STORE").writeKey(), messages);

        Map<String, Cart> carts = cartsOf(events);
        long abandoned = 0;
        BigDecimal abandonedValue = BigDecimal.ZERO;
        for (Cart cart : carts.values()) {
            if (!convertedWithin(cart, events)) {
                abandoned++;
                abandonedValue = abandonedValue.add(cart.value);
            }
        }
        JsonNode total = rapport.get("/api/v1/metrics/abandonment?from=2019-10-01&to=2019-10-01&channel=store&hours="
                + HOURS).json().get("total");

        assertThat(carts).hasSizeGreaterThan(1);
        assertThat(total.get("carts").asLong()).isEqualTo(carts.size());
        assertThat(total.get("abandoned").asLong()).isEqualTo(abandoned);
        assertThat(total.get("rate").get("value").asDouble()).isCloseTo(100.0 * abandoned / carts.size(),
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(new BigDecimal(total.get("abandonedValue").path("USD").asString("0"))).isEqualByComparingTo(
                abandonedValue);
    }

    /** Converted within the window: a purchase of the session, or of the user after the session's first add. */
    private static boolean convertedWithin(Cart cart, List<Event> events) {
        Instant converted = null;
        for (Event e : events) {
            boolean converts = e.type().equals("purchase") && (e.session().equals(cart.session) || (e.user().equals(cart.user)
                    && !e.at().isBefore(cart.firstAdd)));
            if (converts && (converted == null || e.at().isBefore(converted))) {
                converted = e.at();
            }
        }
        return converted != null && !Duration.between(cart.lastAdd, converted).minusHours(HOURS).isPositive();
    }

    private static Map<String, Cart> cartsOf(List<Event> events) {
        Map<String, Cart> carts = new LinkedHashMap<>();
        for (Event e : events) {
            if (e.type().equals("cart")) {
                Cart cart = carts.computeIfAbsent(e.session(), s -> new Cart());
                cart.firstAdd = e.at().isBefore(cart.firstAdd) ? e.at() : cart.firstAdd;
                cart.lastAdd = e.at().isAfter(cart.lastAdd) ? e.at() : cart.lastAdd;
                cart.value = cart.value.add(e.price());
                cart.user = e.user();
                cart.session = e.session();
            }
        }
        return carts;
    }

    private static List<Event> read(Path file) throws IOException {
        List<Event> events = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file)) {
            for (CSVRecord row : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
                String type = row.get("event_type");
                if (type.equals("cart") || type.equals("purchase")) {
                    events.add(new Event(type, LocalDateTime.parse(row.get("event_time"), TIME).toInstant(ZoneOffset.UTC),
                            row.get("product_id"), new BigDecimal(row.get("price")), row.get("user_id"),
                            row.get("user_session")));
                }
            }
        }
        return events;
    }
}
