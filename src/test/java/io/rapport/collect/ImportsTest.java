package io.rapport.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import io.rapport.testing.RapportClient;
import io.rapport.testing.RapportTest;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Bulk imports through the API: mappings, idempotence, rejected rows. */
@RapportTest
class ImportsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String HEADER = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n";

    @Autowired
    RapportClient rapport;

    @Autowired
    JdbcClient jdbc;

    /** Invoice numbers of our own, so tests sharing the database do not meet. */
    private static String invoice() {
        return String.valueOf(ThreadLocalRandom.current().nextLong(900_000_000L, 999_999_999L));
    }

    private long events(String source) {
        return jdbc.sql("select count(*) from events where source_id = cast(? as uuid)").param(source)
                .query(Long.class).single();
    }

    @Test
    void importing_the_same_file_again_stores_nothing_new() {
        String source = rapport.newSource("IMPORT").id();
        String a = invoice();
        String b = invoice();
        byte[] file = (HEADER
                + a + ",85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850,United Kingdom\n"
                + a + ",71053,WHITE METAL LANTERN,6,2010-12-01 08:26:00,3.39,17850,United Kingdom\n"
                + b + ",22633,HAND WARMER UNION JACK,6,2010-12-01 08:28:00,1.85,,France\n"
                + "C" + a + ",71053,WHITE METAL LANTERN,-1,2010-12-02 09:00:00,3.39,17850,United Kingdom\n")
                .getBytes(StandardCharsets.UTF_8);

        JsonNode first = ImportUploads.importAndWait(rapport, "retail.csv", RapportClient.gzip(file),
                "uci-online-retail", source, WAIT);
        assertThat(first.get("status").stringValue()).isEqualTo("COMPLETED");
        assertThat(first.get("rowsRead").asLong()).isEqualTo(4);
        assertThat(first.get("rowsImported").asLong()).isEqualTo(4);
        assertThat(first.get("messages").asLong()).isEqualTo(3);
        assertThat(events(source)).isEqualTo(3);
        String payload = jdbc.sql("select payload from events where source_id = cast(? as uuid) and message_id = ?")
                .params(source, "import:uci-online-retail:" + b).query(String.class).single();
        assertThat(payload).contains("\"anonymousId\":\"guest-" + b + "\"", "\"country\":\"France\"",
                "\"currency\":\"GBP\"", "\"timestamp\":\"2010-12-01T08:28:00Z\"", "\"event\":\"Order Completed\"");
        assertThat(jdbc.sql("select event from events where source_id = cast(? as uuid) and message_id = ?")
                .params(source, "import:uci-online-retail:C" + a).query(String.class).single())
                .isEqualTo("Order Refunded");

        JsonNode second = ImportUploads.importAndWait(rapport, "retail.csv", file, "uci-online-retail", source, WAIT);
        assertThat(second.get("status").stringValue()).isEqualTo("COMPLETED");
        assertThat(second.get("rowsImported").asLong()).isEqualTo(4);
        assertThat(events(source)).isEqualTo(3);
    }

    @Test
    void rows_that_cannot_be_mapped_are_reported_with_their_reason_and_download_as_csv() throws Exception {
        String source = rapport.newSource("IMPORT").id();
        String a = invoice();
        byte[] file = (HEADER
                + a + ",85123A,HEART,6,2010-12-01 08:26:00,2.55,17850,United Kingdom\n"
                + a + ",71053,LANTERN,six,2010-12-01 08:26:00,3.39,17850,United Kingdom\n"
                + a + ",71054,LANTERN,1,yesterday,3.39,17850,United Kingdom\n"
                + ",71055,LANTERN,1,2010-12-01 08:26:00,3.39,17850,United Kingdom\n")
                .getBytes(StandardCharsets.UTF_8);

        JsonNode job = ImportUploads.importAndWait(rapport, "bad.csv", file, "uci-online-retail", source, WAIT);
        assertThat(job.get("status").stringValue()).isEqualTo("COMPLETED");
        assertThat(job.get("rowsRead").asLong()).isEqualTo(4);
        assertThat(job.get("rowsImported").asLong()).isEqualTo(1);
        assertThat(job.get("rowsRejected").asLong()).isEqualTo(3);

        RapportClient.Response download = rapport.get("/api/v1/imports/" + job.get("id").stringValue() + "/rejected");
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.header("Content-Type")).startsWith("text/csv");
        assertThat(download.header("Content-Disposition")).startsWith("attachment");
        List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new java.io.StringReader(download.body())).getRecords();
        assertThat(rows).extracting(r -> r.get("row")).containsExactly("2", "3", "4");
        assertThat(rows.get(0).get("reason")).contains("Quantity 'six' is not a whole number");
        assertThat(rows.get(1).get("reason")).contains("InvoiceDate 'yesterday'");
        assertThat(rows.get(2).get("reason")).contains("InvoiceNo is empty");
        assertThat(rows.get(0).get("line")).isEqualTo(a + ",71053,LANTERN,six,2010-12-01 08:26:00,3.39,17850,United Kingdom");
    }

    @Test
    void segment_ndjson_lines_are_stored_once_each_with_a_deterministic_message_id() {
        String source = rapport.newSource("IMPORT").id();
        byte[] file = """
                {"type":"identify","userId":"nd-1","traits":{"email":"nd1@example.com"},"timestamp":"2024-01-01T00:00:00Z"}

                {"type":"track","userId":"nd-1","event":"Signed Up","messageId":"own-id-1"}
                not json
                {"type":"track","event":"No One"}
                """.getBytes(StandardCharsets.UTF_8);

        JsonNode job = ImportUploads.importAndWait(rapport, "events.ndjson", file, "segment-ndjson", source, WAIT);
        assertThat(job.get("rowsRead").asLong()).isEqualTo(4);
        assertThat(job.get("rowsImported").asLong()).isEqualTo(2);
        assertThat(job.get("rowsRejected").asLong()).isEqualTo(2);
        ImportUploads.importAndWait(rapport, "events.ndjson", file, "segment-ndjson", source, WAIT);
        assertThat(jdbc.sql("select message_id from events where source_id = cast(? as uuid) order by message_id")
                .param(source).query(String.class).list())
                .hasSize(2).contains("own-id-1").anyMatch(id -> id.startsWith("import:segment-ndjson:"));
    }

    @Test
    void a_column_mapping_turns_csv_rows_into_messages() {
        String source = rapport.newSource("IMPORT").id();
        String mapping = """
                {"type":"track","event":"Order Completed","userId":"customer_id","messageId":"order_no",
                 "timestamp":"ordered_at","properties.order_id":"order_no","properties.total":"amount:number",
                 "properties.currency":"currency"}""";
        byte[] file = """
                order_no,customer_id,ordered_at,amount,currency
                cm-1,c-1,2024-03-01 10:00:00,19.90,EUR
                cm-2,c-2,2024-03-02T11:00:00Z,abc,EUR
                cm-3,,2024-03-03,5,EUR
                """.getBytes(StandardCharsets.UTF_8);

        JsonNode job = ImportUploads.importAndWait(rapport, "orders.csv", file, mapping, source, WAIT);
        assertThat(job.get("status").stringValue()).isEqualTo("COMPLETED");
        assertThat(job.get("rowsImported").asLong()).isEqualTo(1);
        assertThat(job.get("rowsRejected").asLong()).isEqualTo(2);
        String payload = jdbc.sql("select payload from events where source_id = cast(? as uuid)").param(source)
                .query(String.class).single();
        assertThat(payload).contains("\"total\":19.90", "\"order_id\":\"cm-1\"", "\"timestamp\":\"2024-03-01T10:00:00Z\"");
        assertThat(job.get("mapping").stringValue()).startsWith("custom-");
    }

    @Test
    void an_unknown_mapping_or_a_file_without_the_mappings_columns_is_refused() {
        RapportClient.Response unknown = ImportUploads.upload(rapport, "x.csv", "a\n1\n".getBytes(), "excel", null);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("field").stringValue()).isEqualTo("mapping");

        JsonNode job = ImportUploads.importAndWait(rapport, "x.csv", "a,b\n1,2\n".getBytes(), "uci-online-retail",
                rapport.newSource("IMPORT").id(), WAIT);
        assertThat(job.get("status").stringValue()).isEqualTo("FAILED");
        assertThat(job.get("error").stringValue()).contains("InvoiceNo,StockCode");
    }

    @Test
    void the_openapi_description_names_the_built_in_mappings() {
        JsonNode upload = rapport.get("/v3/api-docs", "none").json().get("paths").get("/api/v1/imports").get("post");
        JsonNode mapping = upload.get("parameters").valueStream()
                .filter(parameter -> parameter.get("name").stringValue().equals("mapping")).findFirst().orElseThrow();
        assertThat(mapping.get("description").stringValue())
                .contains("'uci-online-retail'", "'olist'", "'segment-ndjson'", "JSON column mapping");
    }

    @Test
    void imports_need_the_admin_role_and_a_source_of_type_import() {
        RapportClient.Response wrongType = ImportUploads.upload(rapport, "x.ndjson", "{}".getBytes(),
                "segment-ndjson", rapport.newSource("WEB").id());
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.json().get("field").stringValue()).isEqualTo("source");
        assertThat(rapport.get("/api/v1/imports", "not-a-key").status()).isEqualTo(401);
    }
}
