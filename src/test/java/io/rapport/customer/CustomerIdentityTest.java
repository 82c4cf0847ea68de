package io.rapport.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.segment.analytics.Analytics;
import com.segment.analytics.Callback;
import com.segment.analytics.messages.IdentifyMessage;
import com.segment.analytics.messages.Message;
import com.segment.analytics.messages.MessageBuilder;
import com.segment.analytics.messages.PageMessage;
import com.segment.analytics.messages.ScreenMessage;
import com.segment.analytics.messages.TrackMessage;
import io.rapport.testing.RapportClient;
import io.rapport.testing.RapportTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Identity stitching from the event log, end to end: tracking calls in, one profile per person out. */
@RapportTest
class CustomerIdentityTest {

    @Autowired
    RapportClient rapport;

    @Test
    void an_anonymous_visitor_on_web_and_app_becomes_one_known_customer() throws Exception {
        String run = UUID.randomUUID().toString();
        String web = rapport.newSource("WEB").writeKey();
        String app = rapport.newSource("IOS").writeKey();
        String userId = "user-" + run;

        deliver(web, List.of(
                PageMessage.builder("Home").anonymousId("web-" + run),
                TrackMessage.builder("Product Viewed").anonymousId("web-" + run)));
        deliver(app, List.of(ScreenMessage.builder("Cart").anonymousId("app-" + run)));
        deliver(web, List.of(IdentifyMessage.builder().userId(userId).anonymousId("web-" + run)
                .traits(Map.of("email", " Ana." + run + "@Example.com ", "firstName", "Ana"))));
        deliver(app, List.of(IdentifyMessage.builder().userId(userId).anonymousId("app-" + run)
                .traits(Map.of("phone", "+49 151 1234 5678"))));

        JsonNode customer = await().atMost(Duration.ofSeconds(15)).until(() -> customerOf("userId=" + userId),
                c -> c != null && c.get("identities").size() == 5);
        assertThat(identities(customer)).containsExactlyInAnyOrder("USER_ID:" + userId, "ANONYMOUS_ID:web-" + run,
                "ANONYMOUS_ID:app-" + run, "EMAIL:ana." + run + "@example.com", "PHONE:+4915112345678");
        assertThat(customer.get("traits").get("firstName").get("value").stringValue()).isEqualTo("Ana");
        assertThat(customerOf("anonymousId=app-" + run).get("id")).isEqualTo(customer.get("id"));
        assertThat(customerOf("email=ANA." + run + "@example.com").get("id")).isEqualTo(customer.get("id"));
    }

    @Test
    void the_profiles_do_not_depend_on_the_order_messages_arrive_in() {
        String writeKey = rapport.newSource("WEB").writeKey();
        List<String> journey = List.of(
                // The same anonymous visitor is identified as two people: the earlier one keeps the visitor.
                identify("%s-bob", "%s-shared", "2026-03-02T10:00:00Z", "m1"),
                identify("%s-ana", "%s-shared", "2026-03-01T10:00:00Z", "m2"),
                track("%s-other", "2026-03-01T11:00:00Z", "m3"),
                alias("%s-other", "%s-ana", "2026-03-03T10:00:00Z", "m4"),
                identifyEmail("%s-carl", "carl-%s@example.com", "2026-03-04T10:00:00Z", "m5"),
                identifyEmailAnonymous("%s-visitor", "carl-%s@example.com", "2026-03-05T10:00:00Z", "m6"));
        List<String> reversed = new ArrayList<>(journey);
        Collections.reverse(reversed);

        Set<Set<String>> inOrder = profilesAfterSending(writeKey, journey);
        Set<Set<String>> backwards = profilesAfterSending(writeKey, reversed);

        assertThat(backwards).isEqualTo(inOrder);
        assertThat(inOrder).containsExactlyInAnyOrder(
                Set.of("USER_ID:ana", "ANONYMOUS_ID:shared", "ANONYMOUS_ID:other"),
                Set.of("USER_ID:bob"),
                Set.of("USER_ID:carl", "EMAIL:carl-@example.com", "ANONYMOUS_ID:visitor"));
    }

    @Test
    void a_trait_keeps_its_newest_value_whatever_arrives_last() {
        String writeKey = rapport.newSource("SERVER").writeKey();
        String userId = "traits-" + UUID.randomUUID();
        rapport.track("/v1/identify", writeKey, """
                {"userId":"%s","traits":{"plan":"gold"},"timestamp":"2026-05-02T00:00:00Z"}""".formatted(userId));
        rapport.track("/v1/identify", writeKey, """
                {"userId":"%s","traits":{"plan":"silver"},"timestamp":"2026-05-01T00:00:00Z"}""".formatted(userId));

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            JsonNode customer = customerOf("userId=" + userId);
            assertThat(customer).isNotNull();
            assertThat(customer.get("traits").get("plan").get("value").stringValue()).isEqualTo("gold");
            assertThat(customer.get("traits").get("plan").get("setAt").stringValue()).startsWith("2026-05-02");
        });
    }

    @Test
    void a_profile_shows_its_channel_mix_and_its_timeline_from_every_id() {
        String userId = "channels-" + UUID.randomUUID();
        String anonymousId = "visitor-" + UUID.randomUUID();
        String web = rapport.newSource("WEB").writeKey();
        String app = rapport.newSource("ANDROID").writeKey();
        String server = rapport.newSource("SERVER").writeKey();
        rapport.track("/v1/page", web, """
                {"anonymousId":"%s","name":"Home","timestamp":"2026-06-01T10:00:00Z"}""".formatted(anonymousId));
        rapport.track("/v1/identify", web, """
                {"anonymousId":"%s","userId":"%s","timestamp":"2026-06-01T10:01:00Z"}""".formatted(anonymousId, userId));
        rapport.track("/v1/screen", app, """
                {"userId":"%s","name":"Cart","timestamp":"2026-06-02T10:00:00Z"}""".formatted(userId));
        rapport.track("/v1/track", server, """
                {"userId":"%s","event":"Order Completed","context":{"channel":"store"},
                 "timestamp":"2026-06-03T10:00:00Z"}""".formatted(userId));
        rapport.track("/v1/track", server, """
                {"userId":"%s","event":"Invoice Sent","timestamp":"2026-06-04T10:00:00Z"}""".formatted(userId));

        JsonNode customer = await().atMost(Duration.ofSeconds(15)).until(() -> customerOf("userId=" + userId),
                c -> c != null && c.get("channels").size() == 4 && c.get("identities").size() == 2);
        Map<String, Long> mix = new HashMap<>();
        customer.get("channels").forEach(c -> mix.put(c.get("channel").stringValue(), c.get("events").asLong()));
        assertThat(mix).isEqualTo(Map.of("WEB", 2L, "APP", 1L, "STORE", 1L, "OTHER", 1L));

        String id = customer.get("id").stringValue();
        JsonNode first = rapport.get("/api/v1/customers/" + id + "/timeline?limit=3").json();
        JsonNode second = rapport.get("/api/v1/customers/" + id + "/timeline?limit=3&cursor="
                + first.get("next").stringValue()).json();
        List<String> types = new ArrayList<>();
        first.get("items").forEach(e -> types.add(e.get("type").stringValue()));
        second.get("items").forEach(e -> types.add(e.get("type").stringValue()));
        assertThat(types).containsExactly("track", "track", "screen", "identify", "page");
        assertThat(second.get("next").isNull()).isTrue();
        assertThat(rapport.get("/api/v1/customers/" + UUID.randomUUID() + "/timeline").status()).isEqualTo(404);
    }

    @Test
    void an_operator_merges_two_known_customers_and_undoes_it() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String writeKey = rapport.newSource("WEB").writeKey();
        rapport.track("/v1/identify", writeKey, "{\"userId\":\"old-" + run + "\",\"anonymousId\":\"v-" + run
                + "\",\"traits\":{\"email\":\"first-" + run + "@example.com\"}}");
        rapport.track("/v1/identify", writeKey, "{\"userId\":\"new-" + run + "\"}");
        rapport.track("/v1/track", writeKey, "{\"userId\":\"new-" + run + "\",\"event\":\"Signed Up\"}");
        JsonNode old = await().atMost(Duration.ofSeconds(15)).until(() -> customerOf("userId=old-" + run),
                c -> c != null && c.get("identities").size() == 3);
        JsonNode current = await().atMost(Duration.ofSeconds(15)).until(() -> customerOf("userId=new-" + run),
                c -> c != null);

        RapportClient.Response merged = rapport.send(HttpRequest.newBuilder(
                        rapport.uri("/api/v1/customers/" + current.get("id").stringValue() + "/merge"))
                .header("Authorization", "Bearer " + RapportClient.ADMIN_KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"customerId\":\"" + old.get("id").stringValue() + "\"}")));

        assertThat(merged.status()).as(merged.toString()).isEqualTo(200);
        JsonNode both = customerOf("userId=new-" + run);
        assertThat(identities(both)).contains("USER_ID:old-" + run, "USER_ID:new-" + run, "ANONYMOUS_ID:v-" + run,
                "EMAIL:first-" + run + "@example.com");
        assertThat(customerOf("userId=old-" + run).get("id")).isEqualTo(both.get("id"));
        assertThat(merged.json().get("customer").stringValue()).isEqualTo(both.get("id").stringValue());
        JsonNode timeline = rapport.get("/api/v1/customers/" + both.get("id").stringValue() + "/timeline").json();
        assertThat(timeline.get("items")).hasSize(3);

        String mergeId = merged.json().get("id").stringValue();
        RapportClient.Response undone = rapport.send(HttpRequest.newBuilder(
                        rapport.uri("/api/v1/customer-merges/" + mergeId + "/undo"))
                .header("Authorization", "Bearer " + RapportClient.ADMIN_KEY)
                .POST(HttpRequest.BodyPublishers.noBody()));

        assertThat(undone.status()).isEqualTo(200);
        assertThat(undone.json().get("undoneAt").isNull()).isFalse();
        assertThat(customerOf("userId=old-" + run).get("id")).isNotEqualTo(customerOf("userId=new-" + run).get("id"));
        assertThat(identities(customerOf("userId=old-" + run))).containsExactlyInAnyOrder("USER_ID:old-" + run,
                "ANONYMOUS_ID:v-" + run, "EMAIL:first-" + run + "@example.com");
        RapportClient.Response again = rapport.send(HttpRequest.newBuilder(
                        rapport.uri("/api/v1/customer-merges/" + mergeId + "/undo"))
                .header("Authorization", "Bearer " + RapportClient.ADMIN_KEY)
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(again.status()).isEqualTo(409);
    }

    /** Sends the messages under a fresh prefix and returns the profiles, with the prefix taken out again. */
    private Set<Set<String>> profilesAfterSending(String writeKey, List<String> templates) {
        String prefix = UUID.randomUUID().toString().substring(0, 8);
        for (String template : templates) {
            String path = template.substring(0, template.indexOf(' '));
            String body = template.substring(template.indexOf(' ') + 1).replace("%s", prefix);
            assertThat(rapport.track(path, writeKey, body).status()).isEqualTo(200);
        }
        List<String> users = List.of("ana", "bob", "carl");
        return await().atMost(Duration.ofSeconds(15)).until(() -> {
            Set<Set<String>> profiles = new HashSet<>();
            for (String user : users) {
                JsonNode customer = customerOf("userId=" + prefix + "-" + user);
                if (customer == null) {
                    return null;
                }
                Set<String> identities = new HashSet<>();
                identities(customer).forEach(identity -> identities.add(identity.replace(prefix + "-", "")
                        .replace(prefix, "")));
                profiles.add(identities);
            }
            return profiles;
        }, profiles -> profiles != null && profiles.stream().mapToInt(Set::size).sum() == 7);
    }

    private static String identify(String userId, String anonymousId, String timestamp, String messageId) {
        return "/v1/identify {\"userId\":\"" + userId + "\",\"anonymousId\":\"" + anonymousId + "\",\"timestamp\":\""
                + timestamp + "\",\"messageId\":\"%s-" + messageId + "\"}";
    }

    private static String track(String anonymousId, String timestamp, String messageId) {
        return "/v1/track {\"anonymousId\":\"" + anonymousId + "\",\"event\":\"Viewed\",\"timestamp\":\"" + timestamp
                + "\",\"messageId\":\"%s-" + messageId + "\"}";
    }

    private static String alias(String previousId, String userId, String timestamp, String messageId) {
        return "/v1/alias {\"previousId\":\"" + previousId + "\",\"userId\":\"" + userId + "\",\"timestamp\":\""
                + timestamp + "\",\"messageId\":\"%s-" + messageId + "\"}";
    }

    private static String identifyEmail(String userId, String email, String timestamp, String messageId) {
        return "/v1/identify {\"userId\":\"" + userId + "\",\"traits\":{\"email\":\"" + email + "\"},\"timestamp\":\""
                + timestamp + "\",\"messageId\":\"%s-" + messageId + "\"}";
    }

    private static String identifyEmailAnonymous(String anonymousId, String email, String timestamp, String messageId) {
        return "/v1/identify {\"anonymousId\":\"" + anonymousId + "\",\"traits\":{\"email\":\"" + email
                + "\"},\"timestamp\":\"" + timestamp + "\",\"messageId\":\"%s-" + messageId + "\"}";
    }

    private JsonNode customerOf(String query) {
        JsonNode items = rapport.get("/api/v1/customers?" + query).json().get("items");
        return items.isEmpty() ? null : items.get(0);
    }

    private static List<String> identities(JsonNode customer) {
        List<String> identities = new ArrayList<>();
        customer.get("identities").forEach(i -> identities.add(i.get("type").stringValue() + ":"
                + i.get("value").stringValue()));
        return identities;
    }

    private void deliver(String writeKey, List<MessageBuilder<?, ?>> messages) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(messages.size());
        Analytics analytics = Analytics.builder(writeKey).endpoint(rapport.base()).callback(new Callback() {
            @Override
            public void success(Message message) {
                done.countDown();
            }

            @Override
            public void failure(Message message, Throwable throwable) {
                throw new AssertionError("analytics-java could not deliver " + message, throwable);
            }
        }).build();
        try {
            messages.forEach(analytics::enqueue);
            analytics.flush();
            assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            analytics.shutdown();
        }
    }
}
