package io.rapport.customer.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.rapport.testing.RapportClient;
import io.rapport.testing.RapportTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The directory entry a customer gets from activity added batch by batch is the one computed from all of it at
 * once; customers that were never computed into the directory (made before it existed) are computed at start.
 */
@RapportTest
class DirectoryRefreshTest {

    @Autowired
    RapportClient rapport;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DirectoryRefresh directory;

    @Test
    void a_customer_from_before_the_directory_is_computed_at_start() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String writeKey = rapport.newSource("IOS").writeKey();
        rapport.track("/v1/identify", writeKey, "{\"userId\":\"" + run + "\",\"traits\":{\"tier\":\"" + run + "\"}}");
        String query = "/api/v1/customers?trait.tier=" + run + "&channel=app";
        await().atMost(Duration.ofSeconds(15)).until(() -> rapport.get(query).json().get("items").size() == 1);
        UUID customer = UUID.fromString(rapport.get(query).json().get("items").get(0).get("id").stringValue());
        // As a customer created before the directory looks.
        jdbc.sql("update customers set first_seen = null, last_seen = null, events = null, channels = null where id = ?")
                .param(customer).update();
        jdbc.sql("delete from customer_trait_values where customer_id = ?").param(customer).update();
        assertThat(rapport.get(query).json().get("items")).isEmpty();

        directory.run(new DefaultApplicationArguments());

        assertThat(rapport.get(query).json().get("items")).hasSize(1);
        assertThat(jdbc.sql("select events from customers where id = ?").param(customer).query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void activity_added_batch_by_batch_makes_the_entry_computed_from_all_of_it() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String web = rapport.newSource("WEB").writeKey();
        String app = rapport.newSource("IOS").writeKey();
        String user = "{\"userId\":\"" + run + "\",";
        rapport.track("/v1/identify", web, user + "\"traits\":{\"tier\":\"" + run + "\"},"
                + "\"timestamp\":\"2026-03-10T10:00:00Z\"}");
        awaitEvents(run, 1);
        // Each call is a batch of its own: the activity projector has read the previous one when it is sent.
        rapport.track("/v1/screen", app, user + "\"name\":\"Home\",\"timestamp\":\"2026-03-12T10:00:00Z\"}");
        awaitEvents(run, 2);
        rapport.track("/v1/page", web, user + "\"name\":\"Sale\",\"timestamp\":\"2026-03-01T10:00:00Z\"}");
        awaitEvents(run, 3);
        rapport.track("/v1/screen", app, user + "\"name\":\"Cart\",\"timestamp\":\"2026-03-11T10:00:00Z\"}");
        awaitEvents(run, 4);
        UUID customer = customer(run);
        Map<String, Object> added = entry(customer);

        directory.refresh(List.of(customer), DirectoryRefresh.Part.ALL);

        assertThat(entry(customer)).isEqualTo(added);
        assertThat(added.get("events")).isEqualTo(4L);
        assertThat(added.get("channels")).isEqualTo("WEB,APP");
        assertThat(rapport.get("/api/v1/customers?trait.tier=" + run + "&lastSeenAfter=2026-03-12T09:00:00Z"
                + "&lastSeenBefore=2026-03-12T11:00:00Z&channel=app").json().get("items")).hasSize(1);
        assertThat(rapport.get("/api/v1/customers?trait.tier=" + run + "&lastSeenBefore=2026-03-12T10:00:00Z")
                .json().get("items")).isEmpty();
    }

    private void awaitEvents(String run, long events) {
        await().atMost(Duration.ofSeconds(15)).until(() -> jdbc.sql("""
                select c.events from customers c join identities i on i.customer_id = c.id where i.identifier = ?""")
                .param("user:" + run).query(Long.class).optional().filter(n -> n == events).isPresent());
    }

    private UUID customer(String run) {
        return jdbc.sql("select customer_id from identities where identifier = ?").param("user:" + run)
                .query(UUID.class).single();
    }

    private Map<String, Object> entry(UUID customer) {
        return jdbc.sql("select first_seen, last_seen, events, channels from customers where id = ?").param(customer)
                .query().singleRow();
    }
}
