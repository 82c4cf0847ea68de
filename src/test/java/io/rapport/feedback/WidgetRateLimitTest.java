package io.rapport.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.UUID;

import io.rapport.testing.RapportClient;
import io.rapport.testing.RapportClient.Response;
import io.rapport.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The widget endpoints' limits, here 5 calls per minute per IP address and 3 per write key: a page over either is
 * answered 429 with Retry-After, and another source's pages go on until the address itself is over; the survey pages
 * of mails and QR codes share the address's limit.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "rapport.feedback.public-rate-limit-per-ip=5", "rapport.feedback.public-rate-limit-per-write-key=3"})
@ActiveProfiles("test")
class WidgetRateLimitTest {

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        TestDatabase.isolated("widget_ratelimit").forEach((key, value) -> registry.add(key, () -> value));
    }

    @LocalServerPort
    int port;

    @Test
    void calls_over_the_write_key_or_ip_limit_are_answered_429_with_retry_after() {
        RapportClient rapport = new RapportClient(port);
        String busy = rapport.newSource("WEB").writeKey();
        String other = rapport.newSource("WEB").writeKey();

        for (int i = 0; i < 3; i++) {
            assertThat(offer(rapport, busy).status()).as("call %d", i + 1).isEqualTo(204);
        }
        Response overKey = offer(rapport, busy);
        Response otherKey = offer(rapport, other);
        Response overIp = offer(rapport, other);

        assertThat(overKey.status()).isEqualTo(429);
        assertThat(overKey.header("Content-Type")).startsWith("application/problem+json");
        assertThat(overKey.json().get("detail").stringValue()).contains("3 times per minute",
                "rapport.feedback.public-rate-limit-per-write-key");
        assertThat(Long.parseLong(overKey.header("Retry-After"))).isBetween(1L, 20L);
        assertThat(otherKey.status()).as("another source's page").isEqualTo(204);
        assertThat(overIp.status()).isEqualTo(429);
        assertThat(overIp.json().get("detail").stringValue()).contains("5 times per minute",
                "rapport.feedback.public-rate-limit-per-ip");
        assertThat(Long.parseLong(overIp.header("Retry-After"))).isBetween(1L, 12L);
        Response page = rapport.send(HttpRequest.newBuilder(rapport.uri("/public/surveys/answer/"
                + UUID.randomUUID() + "?sig=x")).header("Accept-Language", "de-DE, en;q=0.5"));
        assertThat(page.status()).as("a survey page from the same address").isEqualTo(429);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.body()).contains("Zu viele Anfragen");
        assertThat(Long.parseLong(page.header("Retry-After"))).isBetween(1L, 12L);
    }

    private static Response offer(RapportClient rapport, String writeKey) {
        return rapport.send(HttpRequest.newBuilder(rapport.uri("/public/surveys/offer"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"writeKey":"%s","anonymousId":"visitor","url":"https://shop.example/"}""".formatted(writeKey))));
    }
}
