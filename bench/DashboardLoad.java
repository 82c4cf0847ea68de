import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * The dashboard benchmark ({@code bench/dashboards.sh}): a generated shop history, imported and projected, then the
 * dashboards' metric queries timed against the running server.
 *
 * <pre>
 * DashboardLoad generate --events N --days D --end YYYY-MM-DD --out DIR
 * DashboardLoad load --db D --base URL --api-key KEY --dir DIR --out FILE
 * DashboardLoad queries --db D --base URL --api-key KEY --end YYYY-MM-DD --paths FILE --repeat R --out FILE
 * DashboardLoad report --results DIR --doc docs/benchmarks.md --command "…" --dbs h2,postgres
 * </pre>
 *
 * {@code generate} writes a shop's history as Segment NDJSON, day by day (so the file is in time order, as an
 * export of a tracking history would be): each day brings visits of new and returning visitors, a third of them in
 * the app, some tagged with a UTM campaign; a visit views pages and products and may add to the cart, check out and
 * order; a buyer identifies with a user id at their first order, and a few orders are cancelled. The seed is fixed,
 * so the same arguments give the same file.
 */
final class DashboardLoad {

    private DashboardLoad() {
    }

    private static final String[] CAMPAIGNS = {"spring-sale", "black-friday", "newsletter", "retargeting", "summer"};
    private static final String[][] UTM = {{"google", "cpc"}, {"newsletter", "email"}, {"instagram", "social"}};

    public static void main(String[] args) throws Exception {
        IngestLoad.options(args);
        switch (args[0]) {
            case "generate" -> generate();
            case "load" -> load();
            case "queries" -> queries();
            case "report" -> report();
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // generate: a shop's history
    // ---------------------------------------------------------------------------------------------------------

    /** Writes one visit's messages and counts them. */
    private static final class History {

        private Writer out;
        private final SplittableRandom random = new SplittableRandom(20261125);
        private final StringBuilder sb = new StringBuilder(4096);
        private final List<Boolean> identified = new ArrayList<>();
        long messages;
        long orders;
        int visitors;
        int parts;

        /** Closes the current file and, unless {@code dir} is null, opens the next one. */
        void nextPart(Path dir) throws IOException {
            if (out != null) {
                out.close();
                out = null;
            }
            if (dir != null) {
                Path file = dir.resolve(String.format(Locale.ROOT, "history-%03d.ndjson.gz", parts++));
                out = new BufferedWriter(new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(file), 1 << 16),
                        StandardCharsets.UTF_8), 1 << 16);
            }
        }

        /** A visitor for the next visit: a new one, or (60%) one seen before, recent ones more likely. */
        int visitor() {
            if (visitors == 0 || random.nextInt(100) < 40) {
                identified.add(false);
                return visitors++;
            }
            double u = random.nextDouble();
            return visitors - 1 - (int) (visitors * u * u * u);
        }

        void visit(LocalDate day) throws IOException {
            int visitor = visitor();
            boolean app = random.nextInt(3) == 0;
            boolean store = !app && random.nextInt(20) == 0;
            String campaign = random.nextInt(10) < 3 ? CAMPAIGNS[random.nextInt(CAMPAIGNS.length)] : null;
            String[] utm = UTM[random.nextInt(UTM.length)];
            long at = day.atStartOfDay().toEpochSecond(ZoneOffset.UTC) + random.nextInt(86_000);
            String context = context(app, store, campaign, utm);
            if (!store) {
                int pages = 1 + random.nextInt(2);
                for (int i = 0; i < pages; i++) {
                    message(visitor, at++, app ? "screen" : "page", null, "\"name\":\"Shop\"", context);
                }
            }
            IngestLoad.Product product = IngestLoad.PRODUCTS[random.nextInt(IngestLoad.PRODUCTS.length)];
            String item = item(product, 1 + random.nextInt(2));
            int views = store ? 0 : 1;
            for (int i = 0; i < views; i++) {
                message(visitor, at += 20, "track", "Product Viewed", "\"properties\":{" + item + "}", context);
            }
            if (!store && random.nextInt(100) >= 65) {
                return;
            }
            String cart = "\"cart_id\":\"c-" + visitor + "-" + day + "\"";
            message(visitor, at += 30, "track", "Product Added", "\"properties\":{" + cart + "," + item + "}", context);
            if (!store && random.nextInt(100) >= 75) {
                return;
            }
            message(visitor, at += 40, "track", "Checkout Started", "\"properties\":{" + cart + "}", context);
            if (!store && random.nextInt(100) >= 80) {
                return;
            }
            if (!identified.get(visitor)) {
                identified.set(visitor, true);
                message(visitor, at += 5, "identify", null, "\"traits\":{\"email\":\"shopper" + visitor
                        + "@example.com\",\"firstName\":\"Kim\"}", context);
            }
            String order = "o-" + (++orders);
            int quantity = 1 + random.nextInt(3);
            String total = String.format(Locale.ROOT, "%.2f", quantity * Double.parseDouble(product.price()));
            message(visitor, at += 60, "track", "Order Completed", "\"properties\":{\"order_id\":\"" + order + "\","
                    + cart.replace("cart_id", "checkout_id") + ",\"currency\":\"EUR\",\"total\":" + total
                    + ",\"products\":[{" + item(product, quantity) + "}]}", context);
            if (random.nextInt(100) < 3) {
                message(visitor, at + 3_600, "track", "Order Cancelled", "\"properties\":{\"order_id\":\"" + order + "\"}",
                        context);
            }
        }

        private String context(boolean app, boolean store, String campaign, String[] utm) {
            StringBuilder c = new StringBuilder(",\"context\":{");
            if (store) {
                c.append("\"channel\":\"store\",\"library\":{\"name\":\"pos-sync\",\"version\":\"1.0\"}");
            } else if (app) {
                c.append("\"app\":{\"name\":\"Shop\",\"version\":\"4.2.0\"},\"device\":{\"type\":\"ios\"},")
                        .append("\"library\":{\"name\":\"analytics-ios\",\"version\":\"4.1.8\"}");
            } else {
                c.append("\"library\":{\"name\":\"analytics.js\",\"version\":\"next-1.84.3\"},")
                        .append("\"userAgent\":\"Mozilla/5.0\",\"page\":{\"path\":\"/\"}");
            }
            if (campaign != null) {
                c.append(",\"campaign\":{\"name\":\"").append(campaign).append("\",\"source\":\"").append(utm[0])
                        .append("\",\"medium\":\"").append(utm[1]).append("\"}");
            }
            return c.append('}').toString();
        }

        private static String item(IngestLoad.Product p, int quantity) {
            return "\"product_id\":\"" + p.id() + "\",\"sku\":\"" + p.sku() + "\",\"name\":\"" + p.name()
                    + "\",\"category\":\"" + p.category() + "\",\"price\":" + p.price() + ",\"quantity\":" + quantity;
        }

        private void message(int visitor, long epochSecond, String type, String event, String body, String context)
                throws IOException {
            sb.setLength(0);
            sb.append("{\"type\":\"").append(type).append("\",\"messageId\":\"dash-").append(messages)
                    .append("\",\"timestamp\":\"").append(Instant.ofEpochSecond(epochSecond)).append("\",\"anonymousId\":\"a-")
                    .append(visitor).append('"');
            if (identified.get(visitor)) {
                sb.append(",\"userId\":\"u-").append(visitor).append('"');
            }
            if (event != null) {
                sb.append(",\"event\":\"").append(event).append('"');
            }
            sb.append(',').append(body).append(context).append("}\n");
            out.write(sb.toString());
            messages++;
        }
    }

    /** Messages per file: an upload must stay under the import's 200 MB limit, and a part is about 40 MB. */
    private static final long PART_MESSAGES = 1_000_000;

    static void generate() throws IOException {
        long events = Long.parseLong(IngestLoad.opt("events"));
        int days = IngestLoad.intOpt("days", 730);
        LocalDate end = LocalDate.parse(IngestLoad.opt("end"));
        Path dir = Files.createDirectories(Path.of(IngestLoad.opt("out")));
        // About 4.1 messages per visit; visits grow linearly over the span (a growing shop), the last day double the first.
        double visitsPerDay = events / 4.1 / days / 1.5;
        History history = new History();
        for (int d = 0; d < days && history.messages < events; d++) {
            LocalDate day = end.minusDays(days - 1 - d);
            long visits = Math.round(visitsPerDay * (1 + (double) d / days));
            for (long v = 0; v < visits && history.messages < events; v++) {
                if (history.out == null || history.messages >= history.parts * PART_MESSAGES) {
                    history.nextPart(dir);
                }
                history.visit(day);
            }
        }
        history.nextPart(null);
        System.out.printf(Locale.ROOT, "generated %,d messages, %,d orders, %,d visitors over %d days to %s in %s%n",
                history.messages, history.orders, history.visitors, days, end, dir);
        Properties stats = new Properties();
        stats.setProperty("messages", Long.toString(history.messages));
        stats.setProperty("orders", Long.toString(history.orders));
        stats.setProperty("visitors", Integer.toString(history.visitors));
        stats.setProperty("days", Integer.toString(days));
        try (Writer w = Files.newBufferedWriter(dir.resolve("history.properties"))) {
            stats.store(w, "generated history");
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // load: import and project
    // ---------------------------------------------------------------------------------------------------------

    static void load() throws Exception {
        IngestLoad.target();
        ProjectionLoad.analyzer();
        String apiKey = IngestLoad.opt("api-key");
        String source = IngestLoad.createSourceId(apiKey, "IMPORT");
        Path dir = Path.of(IngestLoad.opt("dir"));
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(f -> f.getFileName().toString().endsWith(".ndjson.gz")).sorted().toList();
        }
        long t0 = System.nanoTime();
        for (Path file : files) {
            String job = ProjectionLoad.waitForJob(apiKey,
                    IngestLoad.field(ProjectionLoad.upload(apiKey, source, file, "segment-ndjson"), "id"));
            System.out.printf(Locale.ROOT, "[%s] %s: %s messages imported after %.0f s; consumers %s%n",
                    IngestLoad.opt("db"), file.getFileName(), job.replaceAll(".*\"messages\":(\\d+).*", "$1"),
                    (System.nanoTime() - t0) / 1e9, ProjectionLoad.lagNow().behind());
        }
        double imported = (System.nanoTime() - t0) / 1e9;
        double projected = ProjectionLoad.waitDrained(Duration.ofHours(6));
        Properties out = IngestLoad.read(dir.resolve("history.properties"));
        out.setProperty("import_s", IngestLoad.fmt0(imported));
        out.setProperty("projection_s", IngestLoad.fmt0(projected));
        System.out.printf(Locale.ROOT, "[%s] consumers caught up %.0f s after the import%n", IngestLoad.opt("db"), projected);
        ProjectionLoad.store(out, "load " + IngestLoad.opt("db"));
    }

    // ---------------------------------------------------------------------------------------------------------
    // queries: the dashboards' metric calls, timed
    // ---------------------------------------------------------------------------------------------------------

    /**
     * Each path of the file (one per line, {@code {from}} and {@code {to}} standing for the range) is called
     * {@code repeat} times after 5 warm-up calls ({@code {funnelId}} is a funnel saved first), in turn with the others, over a range of the last 30, 90 or 365
     * days before {@code end}, shifted by up to a year; one caller, so every figure is the server's latency alone.
     */
    static void queries() throws Exception {
        IngestLoad.target();
        String apiKey = IngestLoad.opt("api-key");
        LocalDate end = LocalDate.parse(IngestLoad.opt("end"));
        int repeat = IngestLoad.intOpt("repeat", 100);
        String funnel = savedFunnel(apiKey);
        List<String> paths = Files.readAllLines(Path.of(IngestLoad.opt("paths"))).stream()
                .map(String::strip).filter(p -> !p.isEmpty() && !p.startsWith("#")).toList();
        SplittableRandom random = new SplittableRandom(7);
        TreeMap<String, long[]> nanos = new TreeMap<>();
        for (int round = -5; round < repeat; round++) {
            for (String path : paths) {
                int span = new int[] {30, 90, 365}[random.nextInt(3)];
                LocalDate to = end.minusDays(random.nextInt(366));
                String uri = path.replace("{from}", to.minusDays(span - 1).toString()).replace("{to}", to.toString())
                        .replace("{funnelId}", funnel);
                long start = System.nanoTime();
                HttpResponse<String> answer = IngestLoad.control.send(HttpRequest.newBuilder(URI.create(IngestLoad.base + uri))
                        .header("Authorization", "Bearer " + apiKey).build(), HttpResponse.BodyHandlers.ofString());
                long took = System.nanoTime() - start;
                if (answer.statusCode() != 200) {
                    throw new IllegalStateException(uri + " answered " + answer.statusCode() + ": " + answer.body());
                }
                if (round >= 0) {
                    nanos.computeIfAbsent(path, p -> new long[repeat])[round] = took;
                }
            }
        }
        Properties out = new Properties();
        int i = 0;
        for (var entry : nanos.entrySet()) {
            long[] sorted = entry.getValue().clone();
            Arrays.sort(sorted);
            String key = "query." + (i++) + ".";
            out.setProperty(key + "path", entry.getKey());
            out.setProperty(key + "p50_ms", IngestLoad.fmt1(IngestLoad.pct(sorted, 50) / 1e6));
            out.setProperty(key + "p95_ms", IngestLoad.fmt1(IngestLoad.pct(sorted, 95) / 1e6));
            out.setProperty(key + "max_ms", IngestLoad.fmt1(sorted[sorted.length - 1] / 1e6));
            System.out.printf(Locale.ROOT, "[%s] %-70s p50 %7.1f ms  p95 %7.1f ms  max %7.1f ms%n", IngestLoad.opt("db"),
                    entry.getKey(), IngestLoad.pct(sorted, 50) / 1e6, IngestLoad.pct(sorted, 95) / 1e6,
                    sorted[sorted.length - 1] / 1e6);
        }
        out.setProperty("repeat", Integer.toString(repeat));
        ProjectionLoad.store(out, "queries " + IngestLoad.opt("db"));
    }

    /** Saves the shop funnel the overview shows (view → add → checkout → order within a day); answers its id. */
    private static String savedFunnel(String apiKey) throws IOException, InterruptedException {
        HttpResponse<String> saved = IngestLoad.control.send(HttpRequest.newBuilder(URI.create(IngestLoad.base
                + "/api/v1/funnels")).header("Authorization", "Bearer " + apiKey)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("""
                        {"name":"Shop","window":"P1D","steps":[{"type":"track","name":"Product Viewed"},
                         {"type":"track","name":"Product Added"},{"type":"track","name":"Checkout Started"},
                         {"type":"track","name":"Order Completed"}]}""")).build(), HttpResponse.BodyHandlers.ofString());
        if (saved.statusCode() != 201) {
            throw new IllegalStateException("saving the funnel answered " + saved.statusCode() + ": " + saved.body());
        }
        String id = IngestLoad.field(saved.body(), "id");
        // A saved funnel's reports read its kept paths once they are built; time those, not the raw fallback.
        long start = System.nanoTime();
        String state = saved.body();
        while (state.contains("\"paths\":\"building\"")) {
            if (System.nanoTime() - start > 1_800_000_000_000L) {
                throw new IllegalStateException("the funnel's paths were not built within 30 minutes");
            }
            Thread.sleep(500);
            state = IngestLoad.control.send(HttpRequest.newBuilder(URI.create(IngestLoad.base + "/api/v1/funnels/" + id))
                    .header("Authorization", "Bearer " + apiKey).build(), HttpResponse.BodyHandlers.ofString()).body();
        }
        System.out.printf(Locale.ROOT, "[%s] saved funnel ready after %.1f s%n", IngestLoad.opt("db"),
                (System.nanoTime() - start) / 1e9);
        return id;
    }

    // ---------------------------------------------------------------------------------------------------------
    // report
    // ---------------------------------------------------------------------------------------------------------

    static final String BEGIN = "<!-- dashboard-results:begin (generated by bench/dashboards.sh; edits inside are overwritten) -->";
    static final String END = "<!-- dashboard-results:end -->";

    static void report() throws Exception {
        Path results = Path.of(IngestLoad.opt("results"));
        List<String> dbs = List.of(IngestLoad.opt("dbs").split(","));
        StringBuilder md = new StringBuilder();
        IngestLoad.machineRows(md, results, IngestLoad.opt("command"));
        md.append("\n| database | messages | orders | visitors | days | import | projection |\n|---|---|---|---|---|---|---|\n");
        for (String db : dbs) {
            Properties load = IngestLoad.read(results.resolve("load-" + db + ".properties"));
            md.append("| ").append(IngestLoad.label(db)).append(" | ").append(IngestLoad.n(load, "messages")).append(" | ")
                    .append(IngestLoad.n(load, "orders")).append(" | ").append(IngestLoad.n(load, "visitors")).append(" | ")
                    .append(IngestLoad.n(load, "days")).append(" | ").append(IngestLoad.n(load, "import_s")).append(" s | ")
                    .append(IngestLoad.n(load, "projection_s")).append(" s |\n");
        }
        md.append("\n| query | ");
        dbs.forEach(db -> md.append(IngestLoad.label(db)).append(" p50 / p95 / max (ms) | "));
        md.append("\n|---|").append("---|".repeat(dbs.size())).append('\n');
        List<Properties> queries = new ArrayList<>();
        for (String db : dbs) {
            queries.add(IngestLoad.read(results.resolve("queries-" + db + ".properties")));
        }
        for (int i = 0; queries.getFirst().getProperty("query." + i + ".path") != null; i++) {
            String key = "query." + i + ".";
            md.append("| `").append(queries.getFirst().getProperty(key + "path")).append("` | ");
            for (Properties q : queries) {
                md.append(q.getProperty(key + "p50_ms")).append(" / **").append(q.getProperty(key + "p95_ms"))
                        .append("** / ").append(q.getProperty(key + "max_ms")).append(" | ");
            }
            md.append('\n');
        }
        IngestLoad.writeBetween(Path.of(IngestLoad.opt("doc")), "Dashboards", BEGIN, END, md.toString());
    }
}
