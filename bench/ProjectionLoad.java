import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Projection benchmark, run by bench/projection.sh next to {@link IngestLoad} (whose HTTP client, open loop, CPU
 * accounting and report helpers it uses):
 *
 * <pre>
 * IngestLoad lag    --db D --base URL --api-key KEY --server-pid PID --rate 5000 --batch 20 --seconds 60 --out FILE
 * IngestLoad import --db D --base URL --api-key KEY --server-pid PID --dir online-retail-uci/full --out FILE
 * IngestLoad projection-report --results DIR --doc docs/benchmarks.md --command "…" --dbs h2,postgres
 * </pre>
 *
 * {@code lag} offers a shop's mix of messages (pages, product and cart events, identifies, orders, refunds, app
 * screens) at a fixed rate and samples every consumer's lag from Rapport's gauges
 * ({@code rapport_consumer_delay_seconds}, {@code rapport_consumer_behind}) twice a second. {@code import} uploads
 * the UCI Online Retail files through the import API and times the jobs, the heap they need, and how long the
 * consumers take to catch up afterwards.
 */
final class ProjectionLoad {

    private ProjectionLoad() {
    }

    static final int SHOPPERS = 50_000;
    static final String[] PAGES = {"/", "/sale", "/c/shoes", "/c/electronics", "/cart", "/help/returns"};

    /** One message of a shop's traffic: about what a mid-sized web shop with an app sends. */
    static void shopMessage(StringBuilder sb, String messageId, String timestamp) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        int shopper = r.nextInt(SHOPPERS);
        IngestLoad.Product p = IngestLoad.PRODUCTS[r.nextInt(IngestLoad.PRODUCTS.length)];
        int dice = r.nextInt(100);
        sb.append("{\"messageId\":\"").append(messageId).append("\",\"timestamp\":\"").append(timestamp).append('"');
        if (dice < 25) {
            String path = PAGES[r.nextInt(PAGES.length)];
            sb.append(",\"type\":\"page\",\"anonymousId\":\"anon-").append(shopper)
                    .append("\",\"name\":\"Shop\",\"properties\":{\"url\":\"https://shop.example.com").append(path)
                    .append("\",\"path\":\"").append(path).append("\"}");
            webContext(sb, r);
        } else if (dice < 30) {
            sb.append(",\"type\":\"screen\",\"userId\":\"user-").append(shopper)
                    .append("\",\"name\":\"Product\",\"properties\":{\"product_id\":\"").append(p.id()).append("\"}")
                    .append(",\"context\":{\"app\":{\"name\":\"Shop\",\"version\":\"4.2.0\"},\"device\":{\"type\":\"ios\"},"
                            + "\"os\":{\"name\":\"iOS\",\"version\":\"18.1\"},\"library\":{\"name\":\"analytics-ios\",\"version\":\"4.1.8\"}}");
        } else if (dice < 40) {
            sb.append(",\"type\":\"identify\",\"userId\":\"user-").append(shopper).append("\",\"anonymousId\":\"anon-")
                    .append(shopper).append("\",\"traits\":{\"email\":\"shopper").append(shopper)
                    .append("@example.com\",\"firstName\":\"Kim\",\"lastName\":\"Berg").append(shopper % 100)
                    .append("\",\"plan\":\"").append(shopper % 3 == 0 ? "gold" : "basic").append("\"}");
            webContext(sb, r);
        } else if (dice < 77) {
            String[] events = {"Product Viewed", "Product Viewed", "Product Added", "Cart Viewed", "Checkout Started"};
            String event = events[r.nextInt(events.length)];
            boolean known = r.nextBoolean();
            sb.append(",\"type\":\"track\",\"").append(known ? "userId\":\"user-" : "anonymousId\":\"anon-").append(shopper)
                    .append("\",\"event\":\"").append(event).append("\",\"properties\":{\"cart_id\":\"cart-")
                    .append(shopper).append('"');
            product(sb.append(','), p, 1 + r.nextInt(2));
            sb.append('}');
            webContext(sb, r);
        } else if (dice < 97) {
            sb.append(",\"type\":\"track\",\"userId\":\"user-").append(shopper)
                    .append("\",\"event\":\"Order Completed\",\"properties\":{\"order_id\":\"").append(messageId)
                    .append("\",\"checkout_id\":\"cart-").append(shopper).append("\",\"currency\":\"EUR\",\"products\":[");
            int lines = 1 + r.nextInt(3);
            double total = 0;
            for (int i = 0; i < lines; i++) {
                IngestLoad.Product line = IngestLoad.PRODUCTS[r.nextInt(IngestLoad.PRODUCTS.length)];
                product(sb.append(i == 0 ? "{" : ",{"), line, 1);
                sb.append('}');
                total += Double.parseDouble(line.price());
            }
            sb.append("],\"total\":").append(String.format(Locale.ROOT, "%.2f", total)).append('}');
            webContext(sb, r);
        } else {
            sb.append(",\"type\":\"track\",\"userId\":\"user-").append(shopper)
                    .append("\",\"event\":\"Order Refunded\",\"properties\":{\"order_id\":\"refund-").append(messageId)
                    .append("\",\"total\":").append(p.price()).append(",\"currency\":\"EUR\"}");
        }
        sb.append('}');
    }

    private static void product(StringBuilder sb, IngestLoad.Product p, int quantity) {
        sb.append("\"product_id\":\"").append(p.id()).append("\",\"sku\":\"").append(p.sku())
                .append("\",\"name\":\"").append(p.name()).append("\",\"category\":\"").append(p.category())
                .append("\",\"price\":").append(p.price()).append(",\"quantity\":").append(quantity);
    }

    private static void webContext(StringBuilder sb, ThreadLocalRandom r) {
        sb.append(",\"context\":{\"library\":{\"name\":\"analytics.js\",\"version\":\"next-1.84.3\"},\"ip\":\"203.0.113.")
                .append(1 + r.nextInt(254)).append("\",\"locale\":\"de-DE\",\"userAgent\":\"Mozilla/5.0\"}");
    }

    // ---------------------------------------------------------------------------------------------------------
    // Consumer lag, read from Rapport's gauges
    // ---------------------------------------------------------------------------------------------------------

    record Lag(Map<String, Double> delaySeconds, Map<String, Double> behind) {

        boolean drained() {
            return !behind.isEmpty() && behind.values().stream().allMatch(v -> v == 0);
        }
    }

    static final Pattern GAUGE = Pattern.compile("^(rapport_consumer_delay_seconds|rapport_consumer_behind)\\{.*consumer=\"([^\"]+)\".*\\} (\\S+)$");
    static final Pattern HEAP = Pattern.compile("^jvm_memory_used_bytes\\{.*area=\"heap\".*\\} (\\S+)$");

    static String scrape() {
        try {
            return IngestLoad.control.send(HttpRequest.newBuilder(URI.create(IngestLoad.base + "/actuator/prometheus"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new RuntimeException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeException(e);
        }
    }

    static Lag lagNow() {
        Map<String, Double> delay = new TreeMap<>();
        Map<String, Double> behind = new TreeMap<>();
        for (String line : scrape().split("\n")) {
            Matcher m = GAUGE.matcher(line);
            if (m.matches()) {
                (m.group(1).endsWith("behind") ? behind : delay).put(m.group(2), Double.parseDouble(m.group(3)));
            }
        }
        return new Lag(delay, behind);
    }

    static final Pattern WORK = Pattern.compile("^(rapport_consumer_batch_seconds_sum|rapport_consumer_events_total|rapport_consumer_round_seconds_sum)\\{.*(?:consumer|lane)=\"([^\"]+)\".*\\} (\\S+)$");
    static final String LANE = "lane ";

    /** Per consumer: [seconds spent in batches, events handled] so far; per lane ("lane NAME"): [seconds in rounds]. */
    static Map<String, double[]> work() {
        Map<String, double[]> work = new TreeMap<>();
        for (String line : scrape().split("\n")) {
            Matcher m = WORK.matcher(line);
            if (m.matches()) {
                boolean round = m.group(1).startsWith("rapport_consumer_round");
                work.computeIfAbsent(round ? LANE + m.group(2) : m.group(2), k -> new double[2])[m.group(1).endsWith("_sum") ? 0 : 1] =
                        Double.parseDouble(m.group(3));
            }
        }
        return work;
    }

    static double heapUsedBytes() {
        double sum = 0;
        for (String line : scrape().split("\n")) {
            Matcher m = HEAP.matcher(line);
            if (m.matches()) {
                sum += Double.parseDouble(m.group(1));
            }
        }
        return sum;
    }

    /** Seconds until every consumer has read the whole log (at most {@code limit}). */
    static double waitDrained(Duration limit) throws InterruptedException {
        long start = System.nanoTime();
        while (!lagNow().drained()) {
            if (System.nanoTime() - start > limit.toNanos()) {
                return Double.NaN;
            }
            Thread.sleep(100);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    // ---------------------------------------------------------------------------------------------------------
    // lag: a shop's traffic at a fixed rate
    // ---------------------------------------------------------------------------------------------------------

    /**
     * With {@code --analyze-jdbc}: the planner's statistics refreshed every 30 s while the run goes on, as autovacuum
     * would (see {@link CustomerLoad#analyze}). A daemon thread, ended with the run.
     */
    static void analyzer() {
        Thread.ofPlatform().daemon().name("analyzer").start(() -> {
            while (true) {
                try {
                    Thread.sleep(CustomerLoad.ANALYZE_EVERY.toMillis());
                    CustomerLoad.analyze();
                } catch (InterruptedException e) {
                    return;
                } catch (java.sql.SQLException e) {
                    System.err.println("analyze failed: " + e.getMessage());
                }
            }
        });
    }

    static void lag() throws Exception {
        String db = IngestLoad.opt("db");
        IngestLoad.target();
        analyzer();
        IngestLoad.writeKeyAuth = IngestLoad.source(IngestLoad.base, IngestLoad.opt("api-key"), "bench web", "WEB");
        IngestLoad.messages = ProjectionLoad::shopMessage;
        int rate = IngestLoad.intOpt("rate", 5000);
        int batch = IngestLoad.intOpt("batch", 20);
        int seconds = IngestLoad.intOpt("seconds", 60);
        int warmup = 5;

        System.out.printf("[%s] JIT warm-up (%d s)%n", db, IngestLoad.intOpt("jit-warmup", 10));
        IngestLoad.closedLoop(db, "warmup", "/v1/batch", batch, 4, 0, IngestLoad.intOpt("jit-warmup", 10), null);
        System.out.printf("[%s] consumers caught up with the warm-up after %.1f s%n", db, waitDrained(Duration.ofMinutes(10)));

        List<Instant> times = new ArrayList<>();
        List<Lag> samples = new ArrayList<>();
        Thread sampler = Thread.ofPlatform().name("lag-sampler").start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                Lag lag = lagNow();
                synchronized (samples) {
                    times.add(Instant.now());
                    samples.add(lag);
                }
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        Properties out = new Properties();
        out.setProperty("db", db);
        Map<String, double[]> work0 = work();
        IngestLoad.openLoop(db, "lag", "/v1/batch", batch, rate / batch, 64, warmup, seconds, out);
        Instant end = Instant.now();
        Instant start = end.minusSeconds(seconds);
        double drain = waitDrained(Duration.ofMinutes(10));
        sampler.interrupt();
        sampler.join();
        Map<String, double[]> work1 = work();

        Map<String, List<Double>> delays = new TreeMap<>();
        Map<String, Double> behindMax = new TreeMap<>();
        synchronized (samples) {
            for (int i = 0; i < samples.size(); i++) {
                if (times.get(i).isBefore(start) || times.get(i).isAfter(end)) {
                    continue;
                }
                samples.get(i).delaySeconds().forEach((c, v) -> delays.computeIfAbsent(c, k -> new ArrayList<>()).add(v));
                samples.get(i).behind().forEach((c, v) -> behindMax.merge(c, v, Math::max));
            }
        }
        out.setProperty("lag.offered_events_per_s", Integer.toString(rate));
        out.setProperty("lag.seconds", Integer.toString(seconds));
        out.setProperty("lag.consumers", String.join(",", delays.keySet()));
        out.setProperty("lag.drain_s", IngestLoad.fmt1(drain));
        double worst = 0;
        for (var e : delays.entrySet()) {
            long[] ms = e.getValue().stream().mapToLong(v -> Math.round(v * 1000)).sorted().toArray();
            String k = "lag." + e.getKey() + ".";
            out.setProperty(k + "samples", Integer.toString(ms.length));
            out.setProperty(k + "delay_p50_ms", IngestLoad.fmt0(IngestLoad.pct(ms, 50)));
            out.setProperty(k + "delay_p99_ms", IngestLoad.fmt0(IngestLoad.pct(ms, 99)));
            out.setProperty(k + "delay_max_ms", IngestLoad.fmt0(ms[ms.length - 1]));
            out.setProperty(k + "behind_max", IngestLoad.fmt0(behindMax.getOrDefault(e.getKey(), 0.0)));
            double[] before = work0.getOrDefault(e.getKey(), new double[2]);
            double[] after = work1.getOrDefault(e.getKey(), new double[2]);
            double events = after[1] - before[1];
            out.setProperty(k + "ms_per_1000", IngestLoad.fmt1(events == 0 ? Double.NaN : (after[0] - before[0]) * 1000 / events * 1000));
            worst = Math.max(worst, ms[ms.length - 1]);
            System.out.printf(Locale.ROOT, "[%s] %-22s delay p50 %,6.0f ms p99 %,6.0f ms max %,6d ms | behind max %,.0f | %s ms per 1,000 events%n",
                    db, e.getKey(), IngestLoad.pct(ms, 50), IngestLoad.pct(ms, 99), ms[ms.length - 1],
                    behindMax.getOrDefault(e.getKey(), 0.0), out.getProperty(k + "ms_per_1000"));
        }
        // Every consumer is handed every event, so the most any consumer handled is what each lane read.
        double read = work1.entrySet().stream().filter(e -> !e.getKey().startsWith(LANE))
                .mapToDouble(e -> e.getValue()[1] - work0.getOrDefault(e.getKey(), new double[2])[1]).max().orElse(0);
        List<String> lanes = new ArrayList<>();
        for (var e : work1.entrySet()) {
            if (e.getKey().startsWith(LANE)) {
                String lane = e.getKey().substring(LANE.length());
                lanes.add(lane);
                double busy = e.getValue()[0] - work0.getOrDefault(e.getKey(), new double[2])[0];
                out.setProperty("lag.lane." + lane + ".ms_per_1000", IngestLoad.fmt1(read == 0 ? Double.NaN : busy * 1000 / read * 1000));
                System.out.printf(Locale.ROOT, "[%s] lane %-17s %s ms per 1,000 events (rounds: work, checkpoints, commit)%n",
                        db, lane, out.getProperty("lag.lane." + lane + ".ms_per_1000"));
            }
        }
        out.setProperty("lag.lanes", String.join(",", lanes));
        out.setProperty("lag.worst_delay_ms", IngestLoad.fmt0(worst));
        System.out.printf("[%s] every consumer had read everything %.1f s after the load stopped%n", db, drain);
        store(out, "lag " + db);
    }

    // ---------------------------------------------------------------------------------------------------------
    // import: the UCI Online Retail files through the import API
    // ---------------------------------------------------------------------------------------------------------

    static final Pattern NUMBER = Pattern.compile("\"(rowsRead|rowsImported|rowsRejected|messages)\"\\s*:\\s*(\\d+)");

    static void importRetail() throws Exception {
        String db = IngestLoad.opt("db");
        IngestLoad.target();
        analyzer();
        String apiKey = IngestLoad.opt("api-key");
        String source = IngestLoad.createSourceId(apiKey, "IMPORT");
        List<Path> files;
        try (Stream<Path> list = Files.list(Path.of(IngestLoad.opt("dir")))) {
            files = list.filter(f -> f.getFileName().toString().endsWith(".csv.gz")).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new IllegalStateException("no .csv.gz files in " + IngestLoad.opt("dir"));
        }
        double[] heapPeak = {0};
        Thread sampler = Thread.ofPlatform().name("heap-sampler").start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                heapPeak[0] = Math.max(heapPeak[0], heapUsedBytes());
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        long rssBefore = rssKb("VmRSS");
        IngestLoad.Cpu cpu = IngestLoad.Cpu.start(IngestLoad.serverPid);
        long t0 = System.nanoTime();
        List<String> jobs = new ArrayList<>();
        for (Path file : files) {
            jobs.add(IngestLoad.field(upload(apiKey, source, file, "uci-online-retail"), "id"));
        }
        Instant firstStart = null;
        Instant lastFinish = null;
        long[] sums = new long[4];
        for (String id : jobs) {
            String job = waitForJob(apiKey, id);
            Instant started = Instant.parse(IngestLoad.field(job, "startedAt"));
            Instant finished = Instant.parse(IngestLoad.field(job, "finishedAt"));
            firstStart = firstStart == null || started.isBefore(firstStart) ? started : firstStart;
            lastFinish = lastFinish == null || finished.isAfter(lastFinish) ? finished : lastFinish;
            Matcher m = NUMBER.matcher(job);
            while (m.find()) {
                int i = List.of("rowsRead", "rowsImported", "rowsRejected", "messages").indexOf(m.group(1));
                sums[i] += Long.parseLong(m.group(2));
            }
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        IngestLoad.CpuUse use = cpu.stop(wall);
        double catchUp = waitDrained(Duration.ofMinutes(30));
        sampler.interrupt();
        sampler.join();
        double jobSeconds = Duration.between(firstStart, lastFinish).toMillis() / 1000.0;

        Properties out = new Properties();
        out.setProperty("db", db);
        out.setProperty("import.files", Integer.toString(files.size()));
        out.setProperty("import.rows", Long.toString(sums[0]));
        out.setProperty("import.imported", Long.toString(sums[1]));
        out.setProperty("import.rejected", Long.toString(sums[2]));
        out.setProperty("import.messages", Long.toString(sums[3]));
        out.setProperty("import.job_seconds", IngestLoad.fmt1(jobSeconds));
        out.setProperty("import.wall_seconds", IngestLoad.fmt1(wall));
        out.setProperty("import.rows_per_s", IngestLoad.fmt0(sums[0] / jobSeconds));
        out.setProperty("import.catch_up_s", IngestLoad.fmt1(catchUp));
        out.setProperty("import.heap_peak_mb", IngestLoad.fmt0(heapPeak[0] / 1024 / 1024));
        out.setProperty("import.rss_before_mb", IngestLoad.fmt0(rssBefore / 1024.0));
        out.setProperty("import.rss_peak_mb", IngestLoad.fmt0(rssKb("VmHWM") / 1024.0));
        out.setProperty("import.cpu_server", IngestLoad.fmt2(use.server()));
        out.setProperty("import.cpu_postgres", IngestLoad.fmt2(use.postgres()));
        out.setProperty("import.cpu_other", IngestLoad.fmt2(use.other()));
        System.out.printf(Locale.ROOT, "[%s] import: %,d rows (%,d imported, %,d rejected) as %,d messages in %.1f s of jobs "
                        + "= %,.0f rows/s | heap peak %.0f MB | consumers caught up %.1f s later | cpu server %.2f postgres %.2f%n",
                db, sums[0], sums[1], sums[2], sums[3], jobSeconds, sums[0] / jobSeconds, heapPeak[0] / 1024 / 1024,
                catchUp, use.server(), use.postgres());
        store(out, "import " + db);
    }

    /** Uploads a file for import with one of the built-in mappings; answers the job as JSON. */
    static String upload(String apiKey, String source, Path file, String mapping) throws IOException, InterruptedException {
        String boundary = "rapport-bench-" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (String[] field : List.of(new String[] {"mapping", mapping}, new String[] {"source", source})) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field[0] + "\"\r\n\r\n"
                    + field[1] + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + file.getFileName() + "\"\r\nContent-Type: application/gzip\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(Files.readAllBytes(file));
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> answer = IngestLoad.control.send(HttpRequest.newBuilder(URI.create(IngestLoad.base + "/api/v1/imports"))
                .header("Authorization", "Bearer " + apiKey)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 202) {
            throw new IllegalStateException("upload of " + file + " answered " + answer.statusCode() + ": " + answer.body());
        }
        return answer.body();
    }

    static String waitForJob(String apiKey, String id) throws IOException, InterruptedException {
        while (true) {
            String job = IngestLoad.control.send(HttpRequest.newBuilder(URI.create(IngestLoad.base + "/api/v1/imports/" + id))
                    .header("Authorization", "Bearer " + apiKey).build(), HttpResponse.BodyHandlers.ofString()).body();
            String status = IngestLoad.field(job, "status");
            if (status.equals("COMPLETED")) {
                return job;
            }
            if (status.equals("FAILED")) {
                throw new IllegalStateException("import job failed: " + job);
            }
            Thread.sleep(200);
        }
    }

    /** A memory figure of the server process from /proc (VmRSS now, VmHWM its peak), in kB. */
    static long rssKb(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + IngestLoad.serverPid + "/status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return 0;
    }

    static void store(Properties out, String comment) throws IOException {
        try (Writer w = Files.newBufferedWriter(Path.of(IngestLoad.opt("out")))) {
            out.store(w, comment);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Report
    // ---------------------------------------------------------------------------------------------------------

    static final String BEGIN = "<!-- projection-results:begin (generated by bench/projection.sh; edits inside are overwritten) -->";
    static final String END = "<!-- projection-results:end -->";

    static void report() throws Exception {
        Path dir = Path.of(IngestLoad.opt("results"));
        List<String> dbs = List.of(IngestLoad.opt("dbs", "h2,postgres").split(","));
        Properties machine = IngestLoad.read(dir.resolve("machine.properties"));
        StringBuilder md = new StringBuilder();
        md.append("Run of ").append(IngestLoad.s(machine, "date")).append(" with `").append(IngestLoad.opt("command"))
                .append("` on ").append(IngestLoad.s(machine, "cpu")).append(", `nproc` = ")
                .append(IngestLoad.s(machine, "nproc")).append(" (load generator, Rapport and PostgreSQL share them); ")
                .append(IngestLoad.s(machine, "jdk")).append("; Rapport JVM `").append(IngestLoad.s(machine, "server_jvm_flags"))
                .append("`.\n\n");

        md.append("#### Consumer lag under a shop's traffic at a fixed rate\n\n")
                .append("Delay = how long the oldest event a consumer had not read yet had waited since it was received, "
                        + "sampled twice a second during the measured window. Busy ms per 1,000 events: the consumer's time in "
                        + "its batches, work and checkpoint (`rapport_consumer_batch_seconds`), over the run. The consumers run in two lanes, "
                        + "a thread each; a lane's row gives its rounds' time (`rapport_consumer_round_seconds`: every consumer's batch and the "
                        + "one commit) per 1,000 events read, and a lane keeps up while that stays under 1,000 ms ÷ (events/s ÷ 1,000). "
                        + "Target: every consumer keeps up, delay < 2 s.\n\n")
                .append("| database | offered | acked events/s | ack p99 ms | consumer | delay p50 ms | delay p99 ms | delay max ms "
                        + "| behind max (events) | busy ms per 1,000 events | all read after the load stopped | CPU server / PostgreSQL |\n")
                .append("|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---|\n");
        for (String db : dbs) {
            Properties p = IngestLoad.read(dir.resolve("lag-" + db + ".properties"));
            if (p.isEmpty()) {
                continue;
            }
            boolean first = true;
            for (String consumer : new TreeSet<>(List.of(p.getProperty("lag.consumers", "").split(",")))) {
                String k = "lag." + consumer + ".";
                md.append("| ").append(first ? IngestLoad.label(db) : "").append(" | ")
                        .append(first ? IngestLoad.n(p, "lag.offered_events_per_s") + " ev/s for " + IngestLoad.s(p, "lag.seconds") + " s" : "")
                        .append(" | ").append(first ? IngestLoad.n(p, "open.lag.acked_events_per_s") : "")
                        .append(" | ").append(first ? IngestLoad.s(p, "open.lag.p99_ms") : "")
                        .append(" | `").append(consumer).append("` | ").append(IngestLoad.n(p, k + "delay_p50_ms"))
                        .append(" | ").append(IngestLoad.n(p, k + "delay_p99_ms")).append(" | ").append(IngestLoad.n(p, k + "delay_max_ms"))
                        .append(" | ").append(IngestLoad.n(p, k + "behind_max")).append(" | ")
                        .append(IngestLoad.s(p, k + "ms_per_1000")).append(" | ")
                        .append(first ? IngestLoad.s(p, "lag.drain_s") + " s" : "").append(" | ")
                        .append(first ? IngestLoad.s(p, "open.lag.cpu_server") + " / " + IngestLoad.s(p, "open.lag.cpu_postgres") : "")
                        .append(" |\n");
                first = false;
            }
            for (String lane : p.getProperty("lag.lanes", "").split(",")) {
                if (!lane.isEmpty()) {
                    md.append("|  |  |  |  | **lane `").append(lane).append("`** |  |  |  |  | **")
                            .append(IngestLoad.s(p, "lag.lane." + lane + ".ms_per_1000")).append("** |  |  |\n");
                }
            }
        }

        md.append("\n#### Full UCI Online Retail import\n\n")
                .append("The 13 monthly files (541,909 lines) uploaded to `POST /api/v1/imports` with the `uci-online-retail` "
                        + "mapping; jobs run one after another. Rows/s = lines ÷ (last job's finish − first job's start). "
                        + "Heap peak = the most heap in use, sampled every 200 ms (`jvm_memory_used_bytes`). "
                        + "Target: ≥ 50,000 lines/s.\n\n")
                .append("| database | lines | imported / rejected | messages (orders) | job time | **lines/s** | heap peak | RSS peak "
                        + "| consumers done after the last job | CPU server / PostgreSQL |\n")
                .append("|---|---:|---|---:|---:|---:|---:|---:|---:|---|\n");
        for (String db : dbs) {
            Properties p = IngestLoad.read(dir.resolve("import-" + db + ".properties"));
            if (p.isEmpty()) {
                continue;
            }
            md.append("| ").append(IngestLoad.label(db)).append(" | ").append(IngestLoad.n(p, "import.rows")).append(" | ")
                    .append(IngestLoad.n(p, "import.imported")).append(" / ").append(IngestLoad.n(p, "import.rejected"))
                    .append(" | ").append(IngestLoad.n(p, "import.messages")).append(" | ")
                    .append(IngestLoad.s(p, "import.job_seconds")).append(" s | **").append(IngestLoad.n(p, "import.rows_per_s"))
                    .append("** | ").append(IngestLoad.n(p, "import.heap_peak_mb")).append(" MB | ")
                    .append(IngestLoad.n(p, "import.rss_peak_mb")).append(" MB | ").append(IngestLoad.s(p, "import.catch_up_s"))
                    .append(" s | ").append(IngestLoad.s(p, "import.cpu_server")).append(" / ")
                    .append(db.equals("postgres") ? IngestLoad.s(p, "import.cpu_postgres") : "–").append(" |\n");
        }
        String generated = md.toString();
        System.out.println();
        System.out.println(generated);
        Path doc = Path.of(IngestLoad.opt("doc"));
        IngestLoad.writeBetween(doc, "Projection lag and bulk import", BEGIN, END, generated);
        System.out.println("Results written to " + doc);
    }
}
