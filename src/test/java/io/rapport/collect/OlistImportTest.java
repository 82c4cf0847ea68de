package io.rapport.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.rapport.commerce.Order;
import io.rapport.commerce.OrderStatus;
import io.rapport.commerce.Orders;
import io.rapport.customer.Customer;
import io.rapport.customer.Customers;
import io.rapport.customer.Identifier;
import io.rapport.testing.RapportClient;
import io.rapport.testing.RapportTest;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code olist} mapping on a small hand-written archive in Olist's layout ({@code olist/} in the test
 * resources): what each file becomes, what commerce and the customer profiles make of it, and the rows it rejects.
 */
@RapportTest
class OlistImportTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.shared();
    private static final List<String> FILES = List.of("olist_customers_dataset.csv", "olist_orders_dataset.csv",
            "olist_order_items_dataset.csv", "olist_order_payments_dataset.csv", "olist_order_reviews_dataset.csv",
            "olist_products_dataset.csv", "product_category_name_translation.csv");
    /** The fixture's ids start with this; each run of the suite uses ids of its own. */
    private static final String ID = "fx" + UUID.randomUUID().toString().substring(0, 8) + "-";

    private static Imported imported;

    @Autowired
    RapportClient rapport;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    IngestMonitor ingest;

    @Autowired
    Orders orders;

    @Autowired
    Customers customers;

    private record Imported(String source, byte[] archive, JsonNode job) {
    }

    /** The fixture archive, imported once for the tests of this class, its files in a folder as Kaggle ships them. */
    private synchronized Imported fixture() throws IOException {
        if (imported == null) {
            byte[] archive = ImportUploads.zip(files(FILES));
            String source = rapport.newSource("IMPORT").id();
            JsonNode job = ImportUploads.importAndWait(rapport, "brazilian-ecommerce.zip", archive, "olist", source,
                    WAIT);
            ImportUploads.waitForConsumers(ingest, WAIT);
            imported = new Imported(source, archive, job);
        }
        return imported;
    }

    private static Map<String, byte[]> files(List<String> names) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String name : names) {
            try (InputStream in = OlistImportTest.class.getResourceAsStream("olist/" + name)) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("fixture-", ID);
                files.put("brazilian-ecommerce/" + name, text.getBytes(StandardCharsets.UTF_8));
            }
        }
        return files;
    }

    /** The stored message of the fixture's import with this key ({@code import:olist:<key>}). */
    private JsonNode message(String key) throws IOException {
        String payload = jdbc.sql("select payload from events where source_id = cast(? as uuid) and message_id = ?")
                .params(fixture().source(), "import:olist:" + key.replace("fixture-", ID)).query(String.class)
                .single();
        return JSON.readTree(payload);
    }

    @Test
    void every_row_of_every_file_is_imported_or_rejected_and_rejections_name_their_file() throws IOException {
        JsonNode job = fixture().job();
        assertThat(job.get("status").stringValue()).as(job.toString()).isEqualTo("COMPLETED");
        assertThat(job.get("rowsTotal").asLong()).isEqualTo(33);
        assertThat(job.get("rowsRead").asLong()).isEqualTo(33);
        assertThat(job.get("rowsImported").asLong()).isEqualTo(20);
        assertThat(job.get("rowsRejected").asLong()).isEqualTo(13);
        assertThat(job.get("messages").asLong()).isEqualTo(15);

        String csv = rapport.get("/api/v1/imports/" + job.get("id").stringValue() + "/rejected").body();
        Map<String, String> reasons = new LinkedHashMap<>();
        for (CSVRecord row : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv))) {
            reasons.put(row.get("row"), row.get("reason").replace(ID, "fixture-"));
        }
        // Rows are numbered through the files in the order they are read: translations (1), products (2-4),
        // customers (5-10), items (11-17), payments (18-23), orders (24-28), reviews (29-33).
        assertThat(reasons).containsExactly(
                Map.entry("8", "olist_customers_dataset.csv row 4: Its order fixture-o4 (olist_orders_dataset.csv "
                        + "row 4) was rejected."),
                Map.entry("9", "olist_customers_dataset.csv row 5: No order in olist_orders_dataset.csv has "
                        + "customer_id fixture-c5, so there is no time to give the address."),
                Map.entry("10", "olist_customers_dataset.csv row 6: customer_id fixture-c1 appears twice; its first "
                        + "row (1) is used."),
                Map.entry("14", "olist_order_items_dataset.csv row 4: price 'abc' is not a number."),
                Map.entry("16", "olist_order_items_dataset.csv row 6: Its order fixture-o4 (olist_orders_dataset.csv "
                        + "row 4) was rejected."),
                Map.entry("17", "olist_order_items_dataset.csv row 7: order_id fixture-o7 is not in "
                        + "olist_orders_dataset.csv."),
                Map.entry("22", "olist_order_payments_dataset.csv row 5: order_id fixture-o8 is not in "
                        + "olist_orders_dataset.csv."),
                Map.entry("23", "olist_order_payments_dataset.csv row 6: payment_value -5.00 is negative."),
                Map.entry("27", "olist_orders_dataset.csv row 4: order_purchase_timestamp 'yesterday' is not a "
                        + "date-time such as 2017-10-02 10:56:33."),
                Map.entry("28", "olist_orders_dataset.csv row 5: customer_id fixture-c9 is not in "
                        + "olist_customers_dataset.csv."),
                Map.entry("31", "olist_order_reviews_dataset.csv row 3: review_score 7 is not from 1 to 5."),
                Map.entry("32", "olist_order_reviews_dataset.csv row 4: Its order fixture-o4 "
                        + "(olist_orders_dataset.csv row 4) was rejected."),
                Map.entry("33", "olist_order_reviews_dataset.csv row 5: order_id fixture-o9 is not in "
                        + "olist_orders_dataset.csv."));
    }

    @Test
    void an_order_is_completed_at_its_purchase_time_in_utc_with_its_items_payments_and_milestones() throws IOException {
        fixture();
        JsonNode completed = message("order:fixture-o1");
        assertThat(completed.get("event").stringValue()).isEqualTo("Order Completed");
        assertThat(completed.get("userId").stringValue()).isEqualTo(ID + "p1");
        // 10:56:33 in São Paulo, UTC-3: daylight saving time began on October 15th, 2017
        assertThat(completed.get("timestamp").stringValue()).isEqualTo("2017-10-02T13:56:33Z");
        JsonNode properties = completed.get("properties");
        assertThat(properties.get("status").stringValue()).isEqualTo("delivered");
        assertThat(properties.get("currency").stringValue()).isEqualTo("BRL");
        assertThat(properties.get("revenue").decimalValue()).isEqualByComparingTo("316.80");
        assertThat(properties.get("shipping").decimalValue()).isEqualByComparingTo("44.45");
        assertThat(properties.get("total").decimalValue()).isEqualByComparingTo("361.25");
        assertThat(properties.get("payment_method").stringValue()).isEqualTo("credit_card");
        assertThat(properties.get("payments")).hasSize(2);
        assertThat(properties.get("payments").get(1).get("type").stringValue()).isEqualTo("voucher");
        assertThat(properties.get("payments").get(0).get("installments").asInt()).isEqualTo(3);
        // midnight in São Paulo, in daylight saving time (UTC-2)
        assertThat(properties.get("estimated_delivery_at").stringValue()).isEqualTo("2017-10-18T02:00:00Z");
        JsonNode products = properties.get("products");
        assertThat(products).hasSize(2);
        assertThat(products.get(0).get("product_id").stringValue()).isEqualTo(ID + "pr1");
        assertThat(products.get(0).get("quantity").asInt()).isEqualTo(2);
        assertThat(products.get(0).get("category").stringValue()).isEqualTo("health_beauty");
        assertThat(products.get(1).get("category").stringValue()).isEqualTo("pc_gamer");

        assertThat(message("order:fixture-o1:approved").get("timestamp").stringValue())
                .isEqualTo("2017-10-02T14:07:15Z");
        assertThat(message("order:fixture-o1:shipped").get("event").stringValue()).isEqualTo("Order Shipped");
        JsonNode delivered = message("order:fixture-o1:delivered");
        assertThat(delivered.get("event").stringValue()).isEqualTo("Order Delivered");
        assertThat(delivered.get("timestamp").stringValue()).isEqualTo("2017-10-11T00:25:13Z");
        assertThat(delivered.get("properties").get("estimated_delivery_at").stringValue())
                .isEqualTo("2017-10-18T02:00:00Z");
        JsonNode cancelled = message("order:fixture-o2:cancelled");
        assertThat(cancelled.get("event").stringValue()).isEqualTo("Order Cancelled");
        assertThat(cancelled.get("timestamp").stringValue()).isEqualTo("2018-01-15T12:30:00Z");
    }

    @Test
    void commerce_shows_delivered_orders_completed_and_cancelled_or_unavailable_ones_cancelled() throws IOException {
        fixture();
        Order delivered = orders.get(ID + "o1").orElseThrow().order();
        assertThat(delivered.status()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(delivered.currency()).isEqualTo("BRL");
        assertThat(delivered.total()).isEqualByComparingTo("361.25");
        assertThat(delivered.shipping()).isEqualByComparingTo("44.45");
        assertThat(delivered.userIdentifier()).isEqualTo("user:" + ID + "p1");
        assertThat(orders.get(ID + "o1").orElseThrow().lines()).extracting(Order.Line::quantity).containsExactly(2, 1);
        assertThat(orders.get(ID + "o2").orElseThrow().order().status()).isEqualTo(OrderStatus.CANCELLED);
        Order withoutItems = orders.get(ID + "o3").orElseThrow().order();
        assertThat(withoutItems.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(withoutItems.total()).isEqualByComparingTo("0");
        assertThat(orders.get(ID + "o4")).isEmpty();
    }

    @Test
    void a_person_is_one_customer_with_the_address_given_for_their_latest_order() throws IOException {
        fixture();
        Customer.Id id = customers.find(Identifier.userId(ID + "p1")).orElseThrow();
        Customer person = customers.get(id).orElseThrow();
        JsonNode address = JSON.readTree(person.traits().get("address").value());
        assertThat(address.get("city").stringValue()).isEqualTo("rio de janeiro");
        assertThat(address.get("state").stringValue()).isEqualTo("RJ");
        assertThat(address.get("postalCode").stringValue()).isEqualTo("20040");
        assertThat(address.get("country").stringValue()).isEqualTo("BR");
        assertThat(person.identities()).extracting(Customer.Identity::value)
                .contains(ID + "p1", "olist_customer_id:" + ID + "c1", "olist_customer_id:" + ID + "c2");
    }

    @Test
    void a_review_is_a_product_reviewed_event_at_the_time_it_was_answered() throws IOException {
        fixture();
        JsonNode review = message("review:fixture-r1:fixture-o1");
        assertThat(review.get("event").stringValue()).isEqualTo("Product Reviewed");
        assertThat(review.get("userId").stringValue()).isEqualTo(ID + "p1");
        assertThat(review.get("timestamp").stringValue()).isEqualTo("2017-10-12T17:03:11Z");
        JsonNode properties = review.get("properties");
        assertThat(properties.get("rating").asInt()).isEqualTo(5);
        assertThat(properties.get("review_title").stringValue()).isEqualTo("Ótimo");
        assertThat(properties.get("review_body").stringValue()).isEqualTo("Chegou antes do prazo.\nRecomendo!");
        assertThat(properties.get("order_id").stringValue()).isEqualTo(ID + "o1");
        assertThat(properties.has("product_id")).as("o1 has two products").isFalse();
        assertThat(properties.get("survey_sent_at").stringValue()).isEqualTo("2017-10-11T03:00:00Z");
        assertThat(message("review:fixture-r2:fixture-o2").get("properties").get("product_id").stringValue())
                .isEqualTo(ID + "pr2");
    }

    @Test
    void importing_the_archive_again_stores_nothing_new() throws IOException {
        Imported first = fixture();
        long before = events(first.source());
        JsonNode again = ImportUploads.importAndWait(rapport, "again.zip", first.archive(), "olist", first.source(),
                WAIT);
        assertThat(again.get("status").stringValue()).isEqualTo("COMPLETED");
        assertThat(again.get("rowsImported").asLong()).isEqualTo(20);
        assertThat(events(first.source())).isEqualTo(before).isEqualTo(15);
    }

    private long events(String source) {
        return jdbc.sql("select count(*) from events where source_id = cast(? as uuid)").param(source)
                .query(Long.class).single();
    }

    @Test
    void an_archive_without_orders_items_or_customers_fails_naming_the_missing_file() throws IOException {
        Map<String, byte[]> files = new HashMap<>(files(FILES));
        files.remove("brazilian-ecommerce/olist_order_items_dataset.csv");
        JsonNode job = ImportUploads.importAndWait(rapport, "partial.zip", ImportUploads.zip(files), "olist",
                rapport.newSource("IMPORT").id(), WAIT);
        assertThat(job.get("status").stringValue()).isEqualTo("FAILED");
        assertThat(job.get("error").stringValue()).startsWith("The zip archive has no olist_order_items_dataset.csv;");
    }

    @Test
    void an_upload_that_is_not_a_zip_archive_fails() throws IOException {
        JsonNode job = ImportUploads.importAndWait(rapport, "olist_orders_dataset.csv",
                files(List.of("olist_orders_dataset.csv")).values().iterator().next(), "olist",
                rapport.newSource("IMPORT").id(), WAIT);
        assertThat(job.get("status").stringValue()).isEqualTo("FAILED");
        assertThat(job.get("error").stringValue()).contains("reads a zip archive");
    }

    @Test
    void a_file_that_expands_like_a_zip_bomb_is_not_read() throws IOException {
        Map<String, byte[]> files = new HashMap<>(files(FILES));
        String header = "order_id,customer_id,order_status,order_purchase_timestamp,order_approved_at,"
                + "order_delivered_carrier_date,order_delivered_customer_date,order_estimated_delivery_date\n";
        String row = "o,c,delivered,2017-10-02 10:56:33,,,,\n";
        files.put("olist_orders_dataset.csv", (header + row.repeat(20_000_000 / row.length()))
                .getBytes(StandardCharsets.UTF_8));
        files.remove("brazilian-ecommerce/olist_orders_dataset.csv");
        JsonNode job = ImportUploads.importAndWait(rapport, "bomb.zip", ImportUploads.zip(files), "olist",
                rapport.newSource("IMPORT").id(), WAIT);
        assertThat(job.get("status").stringValue()).isEqualTo("FAILED");
        assertThat(job.get("error").stringValue()).isEqualTo("olist_orders_dataset.csv expands to more than 100 "
                + "times its compressed size, as zip bombs do; it was not read further.");
    }
}
