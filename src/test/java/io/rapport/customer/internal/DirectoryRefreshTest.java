package io.rapport.customer.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import io.rapport.testing.RapportClient;
import io.rapport.testing.RapportTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Customers that were never computed into the directory (made before it existed) are computed at start. */
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
}
