import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Customer lookup benchmark at scale, run by bench/customers.sh. It is compiled together with IngestLoad.java and
 * uses its HTTP client, CPU accounting and report helpers.
 *
 * <pre>
 * CustomerLoad seed     --base URL --api-key KEY --customers 100000 --out FILE
 * CustomerLoad load     --db h2|postgres --base URL --api-key KEY --server-pid PID --customers N --requests N
 *                       --list-requests N --concurrency C --ids FILE --out FILE
 * CustomerLoad baseline --db h2|postgres --jdbc URL --user U --customers N --requests N --concurrency C --ids FILE
 *                       --out FILE
 * CustomerLoad report   --results DIR --doc docs/benchmarks.md --command "bench/customers.sh all" [--dbs h2,postgres]
 * </pre>
 *
 * Customer {@code i} (0 ≤ i < customers) is user {@code u-i}, visitor {@code a-i} and {@code c-i@example.com}; its
 * traits and activity follow from {@code i} (see {@link #customer}), so every phase can pick a random customer and
 * know what it should find.
 */
public class CustomerLoad {

    static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    static final Pattern NEXT = Pattern.compile("\"next\"\\s*:\\s*\"([^\"]+)\"");
    static final Pattern FOUND = Pattern.compile("\"items\":\\[\\{");
    static final int BATCH = 100;
    static final int CITIES = 1_000;
    static final Duration ANALYZE_EVERY = Duration.ofSeconds(30);

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: CustomerLoad seed|load|baseline|report --option value ...");
            System.exit(2);
        }
        IngestLoad.options(args);
        switch (args[0]) {
            case "seed" -> seed();
            case "load" -> load();
            case "baseline" -> baseline();
            case "report" -> report();
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
    }

    static String opt(String name) {
        return IngestLoad.opt(name);
    }

    static int intOpt(String name, int fallback) {
        return IngestLoad.intOpt(name, fallback);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Seeding: every customer through the tracking API, so the projectors build profiles as in production
    // ---------------------------------------------------------------------------------------------------------

    static String plan(int i) {
        int tenth = i % 10;
        return tenth == 0 ? "gold" : tenth <= 3 ? "silver" : "basic";
    }

    /**
     * Customer {@code i}'s messages: an identify with userId, anonymousId, email and six traits and a page on the
     * web source; every third customer a screen in the app; every fifth an order. Their last activity lies 0 to 364
     * days before {@code now}.
     */
    static void customer(int i, Instant now, List<String> web, List<String> app) {
        Instant at = now.minus(i % 365, ChronoUnit.DAYS).minus(i % 24, ChronoUnit.HOURS);
        web.add("{\"type\":\"identify\",\"messageId\":\"seed-" + i + "-i\",\"userId\":\"u-" + i + "\",\"anonymousId\":\"a-"
                + i + "\",\"timestamp\":\"" + at.minus(2, ChronoUnit.HOURS) + "\",\"traits\":{\"email\":\"c-" + i
                + "@example.com\",\"firstName\":\"First" + i + "\",\"lastName\":\"Last" + i + "\",\"plan\":\"" + plan(i)
                + "\",\"city\":\"city-" + (i % CITIES) + "\",\"vip\":" + (i % 7 == 0) + ",\"age\":" + (18 + i % 60) + "}}");
        web.add("{\"type\":\"page\",\"messageId\":\"seed-" + i + "-p\",\"anonymousId\":\"a-" + i + "\",\"name\":\"Home\","
                + "\"timestamp\":\"" + at.minus(3, ChronoUnit.HOURS) + "\",\"properties\":{\"path\":\"/\"}}");
        if (i % 5 == 4) {
            web.add("{\"type\":\"track\",\"messageId\":\"seed-" + i + "-o\",\"userId\":\"u-" + i + "\",\"event\":\"Order "
                    + "Completed\",\"timestamp\":\"" + at.minus(1, ChronoUnit.HOURS) + "\",\"properties\":{\"order_id\":\"o-"
                    + i + "\",\"total\":" + (10 + i % 200) + ".50,\"currency\":\"EUR\"}}");
        }
        if (i % 3 == 0) {
            app.add("{\"type\":\"screen\",\"messageId\":\"seed-" + i + "-s\",\"userId\":\"u-" + i + "\",\"name\":\"Cart\","
                    + "\"timestamp\":\"" + at + "\"}");
        }
    }

    record Call(String auth, byte[] body) {
    }

    static void seed() throws Exception {
        String base = opt("base");
        URI uri = URI.create(base);
        int customers = intOpt("customers", 100_000);
        int senders = intOpt("senders", 4);
        String web = IngestLoad.source(base, opt("api-key"), "bench web", "WEB");
        String app = IngestLoad.source(base, opt("api-key"), "bench app", "IOS");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        BlockingQueue<Call> calls = new ArrayBlockingQueue<>(senders * 4);
        AtomicLong messages = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < senders; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try (IngestLoad.Http http = new IngestLoad.Http(uri.getHost(), uri.getPort())) {
                    for (Call call = calls.take(); call.body().length > 0; call = calls.take()) {
                        int code;
                        while ((code = http.post("/v1/batch", call.auth(), call.body(), true)) == 429) {
                            Thread.sleep(100);
                        }
                        if (code != 200) {
                            failures.incrementAndGet();
                            System.err.println("/v1/batch answered " + code + ": "
                                    + new String(http.lastBody, StandardCharsets.UTF_8));
                        }
                    }
                } catch (IOException | InterruptedException e) {
                    throw new RuntimeException(e);
                }
            }));
        }
        long t0 = System.nanoTime();
        List<String> webBatch = new ArrayList<>();
        List<String> appBatch = new ArrayList<>();
        // The last customer goes last: once its messages are projected, every consumer has passed all the others.
        for (int i = 0; i < customers - 1; i++) {
            customer(i, now, webBatch, appBatch);
            if (webBatch.size() >= BATCH) {
                messages.addAndGet(enqueue(calls, web, webBatch));
            }
            if (appBatch.size() >= BATCH) {
                messages.addAndGet(enqueue(calls, app, appBatch));
            }
        }
        messages.addAndGet(enqueue(calls, web, webBatch) + enqueue(calls, app, appBatch));
        for (int t = 0; t < senders; t++) {
            calls.put(new Call("", new byte[0]));
        }
        for (Thread t : threads) {
            t.join();
        }
        int last = customers - 1;
        try (IngestLoad.Http http = new IngestLoad.Http(uri.getHost(), uri.getPort())) {
            customer(last, now, webBatch, appBatch);
            messages.addAndGet(webBatch.size() + appBatch.size());
            for (Call call : List.of(new Call(web, batch(webBatch)), new Call(app, batch(appBatch)))) {
                if (call.body().length > "{\"batch\":[]}".length() && http.post("/v1/batch", call.auth(), call.body(), false) != 200) {
                    throw new IllegalStateException("the last customer's messages were refused");
                }
            }
        }
        double sent = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "seed: %,d messages for %,d customers sent in %.1f s (%,.0f messages/s), %d failed calls%n",
                messages.get(), customers, sent, messages.get() / sent, failures.get());
        if (failures.get() > 0) {
            throw new IllegalStateException("tracking calls failed");
        }
        // Profile (identity), channels (activity) and order figure (commerce) of the last customer.
        String auth = "Bearer " + opt("api-key");
        String probe = "/api/v1/customers?userId=u-" + last + "&trait.plan=" + plan(last)
                + (last % 3 == 0 ? "&channel=app" : "&channel=web") + (last % 5 == 4 ? "&minOrders=1" : "");
        try (IngestLoad.Http http = new IngestLoad.Http(uri.getHost(), uri.getPort())) {
            long deadline = System.nanoTime() + Duration.ofMinutes(60).toNanos();
            long analyzed = System.nanoTime();
            while (true) {
                int code = http.get(probe, auth, true);
                if (code == 200 && ID.matcher(new String(http.lastBody, StandardCharsets.UTF_8)).find()) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the projectors did not catch up within an hour");
                }
                if (System.nanoTime() - analyzed > ANALYZE_EVERY.toNanos()) {
                    analyze();
                    analyzed = System.nanoTime();
                }
                Thread.sleep(500);
            }
        }
        analyze();
        double projected = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "seed: every consumer projected them %.1f s after the first call (%,.0f messages/s)%n",
                projected, messages.get() / projected);
        Properties out = new Properties();
        out.setProperty("seed.customers", Integer.toString(customers));
        out.setProperty("seed.messages", Long.toString(messages.get()));
        out.setProperty("seed.sent_s", IngestLoad.fmt1(sent));
        out.setProperty("seed.projected_s", IngestLoad.fmt1(projected));
        store(out, "seed");
    }

    /**
     * With {@code --analyze-jdbc}: refreshes the planner's statistics, as autovacuum would while tables grow. The
     * PostgreSQL server of the benchmark machine runs with autovacuum off (the report shows the setting); without
     * statistics it plans the projectors' 500-value {@code in} lists as scans of the whole table.
     */
    static void analyze() throws SQLException {
        String url = IngestLoad.opt("analyze-jdbc", "");
        if (!url.isEmpty()) {
            try (Connection c = DriverManager.getConnection(url, opt("user"), IngestLoad.opt("password", ""));
                    java.sql.Statement s = c.createStatement()) {
                s.execute("analyze");
            }
        }
    }

    static int enqueue(BlockingQueue<Call> calls, String auth, List<String> messages) throws InterruptedException {
        int n = messages.size();
        if (n > 0) {
            calls.put(new Call(auth, batch(messages)));
            messages.clear();
        }
        return n;
    }

    static byte[] batch(List<String> messages) {
        return ("{\"batch\":[" + String.join(",", messages) + "]}").getBytes(StandardCharsets.UTF_8);
    }

    static void store(Properties out, String comment) throws IOException {
        try (Writer w = Files.newBufferedWriter(Path.of(opt("out")))) {
            out.store(w, comment);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Load: a walk through every page, then fixed numbers of requests per phase from C keep-alive connections
    // ---------------------------------------------------------------------------------------------------------

    /** A phase: its name, what it asks, how many requests, and a check of one answer. */
    record Phase(String name, String what, int requests, IntFunction<String> path, Pattern expect) {
    }

    static void load() throws Exception {
        String db = opt("db");
        URI uri = URI.create(opt("base"));
        String auth = "Bearer " + opt("api-key");
        int customers = intOpt("customers", 100_000);
        int requests = intOpt("requests", 20_000);
        int listRequests = intOpt("list-requests", 2_000);
        int concurrency = intOpt("concurrency", 2);
        Properties out = new Properties();

        // Every customer once, through cursor pages of 1000.
        List<String> ids = new ArrayList<>(customers);
        long w0 = System.nanoTime();
        try (IngestLoad.Http http = new IngestLoad.Http(uri.getHost(), uri.getPort())) {
            String cursor = null;
            do {
                int code = http.get("/api/v1/customers?limit=1000" + (cursor == null ? "" : "&cursor=" + cursor), auth, true);
                String body = new String(http.lastBody, StandardCharsets.UTF_8);
                if (code != 200) {
                    throw new IllegalStateException("listing answered " + code + ": " + body);
                }
                // Only the customers' own ids: "id" is also the key of nothing else in a customer.
                Matcher id = ID.matcher(body);
                while (id.find()) {
                    ids.add(id.group(1));
                }
                Matcher next = NEXT.matcher(body);
                cursor = next.find() ? next.group(1) : null;
            } while (cursor != null);
        }
        double walk = (System.nanoTime() - w0) / 1e9;
        int distinct = new HashSet<>(ids).size();
        System.out.printf(Locale.ROOT, "[%s] walk: %,d customers (%,d distinct) in %d pages of 1000, %.1f s%n", db,
                ids.size(), distinct, (ids.size() + 999) / 1000, walk);
        if (ids.size() != customers || distinct != customers) {
            throw new IllegalStateException("expected " + customers + " customers, each once");
        }
        out.setProperty("walk.customers", Integer.toString(ids.size()));
        out.setProperty("walk.s", IngestLoad.fmt1(walk));
        Files.write(Path.of(opt("ids")), ids);

        String recent = Instant.now().minus(90, ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS).toString();
        List<Phase> phases = List.of(
                new Phase("profile", "`GET /api/v1/customers/{id}` (a random customer)", requests,
                        n -> "/api/v1/customers/" + ids.get(random(customers)), Pattern.compile("\"traits\"")),
                new Phase("email", "`GET /api/v1/customers?email=` (a random customer's email)", requests,
                        n -> "/api/v1/customers?email=c-" + random(customers) + "@example.com",
                        Pattern.compile("\"EMAIL\"")),
                new Phase("trait_common", "`GET /api/v1/customers?trait.plan=` gold, silver or basic (10–60 % match), "
                        + "first page of 50", listRequests,
                        n -> "/api/v1/customers?trait.plan=" + plan(random(10)), FOUND),
                new Phase("trait_rare", "`GET /api/v1/customers?trait.city=` (0.1 % match: 100 customers), first page "
                        + "of 50", listRequests,
                        n -> "/api/v1/customers?trait.city=city-" + random(CITIES), FOUND),
                new Phase("combined", "`trait.plan=gold&channel=app&lastSeenAfter=` 90 days ago (≈ 0.8 % match), "
                        + "first page of 50", listRequests,
                        n -> "/api/v1/customers?trait.plan=gold&channel=app&lastSeenAfter=" + recent, FOUND),
                new Phase("newest", "`GET /api/v1/customers` (no filter), first page of 50", listRequests,
                        n -> "/api/v1/customers", FOUND));
        for (Phase phase : phases) {
            run(db, uri, auth, phase, concurrency, out);
        }
        out.setProperty("concurrency", Integer.toString(concurrency));
        store(out, "load " + db);
    }

    static int random(int bound) {
        return ThreadLocalRandom.current().nextInt(bound);
    }

    /** One phase: a check, a warm-up of a quarter of the requests, then the requests, measured. */
    static void run(String db, URI uri, String auth, Phase phase, int concurrency, Properties out) throws Exception {
        try (IngestLoad.Http http = new IngestLoad.Http(uri.getHost(), uri.getPort())) {
            String path = phase.path().apply(0);
            int code = http.get(path, auth, true);
            String body = new String(http.lastBody, StandardCharsets.UTF_8);
            if (code != 200 || !phase.expect().matcher(body).find()) {
                throw new IllegalStateException(path + " answered " + code + ": " + body);
            }
        }
        requests(uri, auth, phase, Math.max(1, phase.requests() / 4), concurrency, null);
        IngestLoad.Cpu cpu = IngestLoad.Cpu.start(IngestLoad.intOpt("server-pid", -1));
        long t0 = System.nanoTime();
        List<IngestLoad.Samples> samples = new ArrayList<>();
        Map<Integer, AtomicLong> errors = requests(uri, auth, phase, phase.requests(), concurrency, samples);
        double secs = (System.nanoTime() - t0) / 1e9;
        IngestLoad.CpuUse use = cpu.stop(secs);
        long[] lat = IngestLoad.Samples.merge(samples);
        String k = phase.name() + ".";
        out.setProperty(k + "what", phase.what());
        out.setProperty(k + "requests", Integer.toString(phase.requests()));
        putPercentiles(out, k, lat);
        out.setProperty(k + "per_s", IngestLoad.fmt0(phase.requests() / secs));
        out.setProperty(k + "errors", errors.isEmpty() ? "0" : errors.toString());
        out.setProperty(k + "cpu_server", IngestLoad.fmt2(use.server()));
        out.setProperty(k + "cpu_client", IngestLoad.fmt2(use.self()));
        out.setProperty(k + "cpu_postgres", IngestLoad.fmt2(use.postgres()));
        out.setProperty(k + "cpu_other", IngestLoad.fmt2(use.other()));
        System.out.printf(Locale.ROOT, "[%s] %-12s %,6d requests x %d: p50 %.2f ms p95 %.2f ms p99 %.2f ms max %.2f ms, "
                        + "%,.0f requests/s | errors %s | cpu cores: server %.2f client %.2f postgres %.2f other %.2f%n",
                db, phase.name(), phase.requests(), concurrency, IngestLoad.pct(lat, 50) / 1000.0,
                IngestLoad.pct(lat, 95) / 1000.0, IngestLoad.pct(lat, 99) / 1000.0, lat[lat.length - 1] / 1000.0,
                phase.requests() / secs, errors.isEmpty() ? "0" : errors, use.server(), use.self(), use.postgres(),
                use.other());
    }

    static void putPercentiles(Properties out, String k, long[] lat) {
        out.setProperty(k + "p50_ms", IngestLoad.fmt2(IngestLoad.pct(lat, 50) / 1000.0));
        out.setProperty(k + "p95_ms", IngestLoad.fmt2(IngestLoad.pct(lat, 95) / 1000.0));
        out.setProperty(k + "p99_ms", IngestLoad.fmt2(IngestLoad.pct(lat, 99) / 1000.0));
        out.setProperty(k + "max_ms", IngestLoad.fmt2(lat[lat.length - 1] / 1000.0));
    }

    /** One connection's work: does one request or select and tells what went wrong, if anything. */
    interface Worker extends AutoCloseable {

        /** The HTTP status of a failed request, or 0. */
        int once() throws Exception;
    }

    /**
     * {@code n} calls from {@code concurrency} workers, each making its next call when its last is answered; their
     * latencies go to {@code samples} (when given), their failures, by status, into the map returned.
     */
    static Map<Integer, AtomicLong> repeat(int n, int concurrency, List<IngestLoad.Samples> samples,
            java.util.concurrent.Callable<Worker> open) throws InterruptedException {
        AtomicInteger left = new AtomicInteger(n);
        Map<Integer, AtomicLong> errors = new java.util.concurrent.ConcurrentHashMap<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < concurrency; t++) {
            IngestLoad.Samples mine = new IngestLoad.Samples();
            if (samples != null) {
                samples.add(mine);
            }
            threads.add(Thread.ofPlatform().start(() -> {
                try (Worker worker = open.call()) {
                    while (left.getAndDecrement() > 0) {
                        long t0 = System.nanoTime();
                        int failed = worker.once();
                        mine.add((System.nanoTime() - t0) / 1000);
                        if (failed != 0) {
                            errors.computeIfAbsent(failed, c -> new AtomicLong()).incrementAndGet();
                        }
                    }
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        return errors;
    }

    /** {@code n} requests of a phase from {@code concurrency} keep-alive connections. */
    static Map<Integer, AtomicLong> requests(URI uri, String auth, Phase phase, int n, int concurrency,
            List<IngestLoad.Samples> samples) throws InterruptedException {
        return repeat(n, concurrency, samples, () -> {
            IngestLoad.Http http = new IngestLoad.Http(uri.getHost(), uri.getPort());
            return new Worker() {
                @Override
                public int once() throws IOException {
                    int code = http.get(phase.path().apply(0), auth, false);
                    return code == 200 ? 0 : code;
                }

                @Override
                public void close() {
                    http.close();
                }
            };
        });
    }

    // ---------------------------------------------------------------------------------------------------------
    // Baseline: the same lookups as one raw JDBC select each, on C connections, with Rapport stopped
    // ---------------------------------------------------------------------------------------------------------

    static void baseline() throws Exception {
        List<String> ids = Files.readAllLines(Path.of(opt("ids")));
        int customers = intOpt("customers", 100_000);
        int requests = intOpt("requests", 20_000);
        int concurrency = intOpt("concurrency", 2);
        Properties out = new Properties();
        try (Connection c = DriverManager.getConnection(opt("jdbc"), opt("user"), IngestLoad.opt("password", ""));
                java.sql.Statement s = c.createStatement()) {
            IngestLoad.settings(s, opt("db"), out);
        }
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("profile", "select id, created_at from customers where id = ?");
        queries.put("email", "select customer_id from identities where identifier = ?");
        for (var query : queries.entrySet()) {
            IntFunction<Object> parameter = query.getKey().equals("profile")
                    ? n -> UUID.fromString(ids.get(random(ids.size())))
                    : n -> "email:c-" + random(customers) + "@example.com";
            select(query.getValue(), parameter, Math.max(1, requests / 4), concurrency, null);
            List<IngestLoad.Samples> samples = new ArrayList<>();
            select(query.getValue(), parameter, requests, concurrency, samples);
            long[] lat = IngestLoad.Samples.merge(samples);
            putPercentiles(out, "baseline." + query.getKey() + ".", lat);
            out.setProperty("baseline." + query.getKey() + ".sql", query.getValue());
            System.out.printf(Locale.ROOT, "[%s] baseline %-8s %,d selects x %d connections: p50 %.3f ms p99 %.3f ms (%s)%n",
                    opt("db"), query.getKey(), requests, concurrency, IngestLoad.pct(lat, 50) / 1000.0,
                    IngestLoad.pct(lat, 99) / 1000.0, query.getValue());
        }
        store(out, "baseline " + opt("db"));
    }

    static void select(String sql, IntFunction<Object> parameter, int n, int concurrency,
            List<IngestLoad.Samples> samples) throws Exception {
        repeat(n, concurrency, samples, () -> {
            Connection c = DriverManager.getConnection(opt("jdbc"), opt("user"), IngestLoad.opt("password", ""));
            PreparedStatement ps = c.prepareStatement(sql);
            return new Worker() {
                @Override
                public int once() throws SQLException {
                    ps.setObject(1, parameter.apply(0));
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            throw new IllegalStateException("no row for " + sql);
                        }
                    }
                    return 0;
                }

                @Override
                public void close() throws SQLException {
                    ps.close();
                    c.close();
                }
            };
        });
    }

    // ---------------------------------------------------------------------------------------------------------
    // Report
    // ---------------------------------------------------------------------------------------------------------

    static final String BEGIN = "<!-- customers-results:begin (generated by bench/customers.sh; edits inside are overwritten) -->";
    static final String END = "<!-- customers-results:end -->";
    static final List<String> PHASES = List.of("profile", "email", "trait_common", "trait_rare", "combined", "newest");

    static void report() throws Exception {
        Path dir = Path.of(opt("results"));
        List<String> dbs = List.of(IngestLoad.opt("dbs", "h2,postgres").split(","));
        StringBuilder md = new StringBuilder();
        IngestLoad.machineRows(md, dir, opt("command"));
        for (String db : dbs) {
            Properties base = IngestLoad.read(dir.resolve("customers-baseline-" + db + ".properties"));
            if (db.equals("postgres")) {
                md.append("| PostgreSQL | ").append(IngestLoad.s(base, "pg.server_version"))
                        .append(", over TCP to 127.0.0.1; shared_buffers=").append(IngestLoad.s(base, "pg.shared_buffers"))
                        .append(", autovacuum=").append(IngestLoad.s(base, "pg.autovacuum"))
                        .append(" (the benchmark runs `analyze` every 30 s while seeding and once after) |\n");
            } else {
                md.append("| H2 | ").append(IngestLoad.s(base, "h2.version"))
                        .append(", file database, Rapport's default URL (MODE=PostgreSQL, WRITE_DELAY=")
                        .append(IngestLoad.s(base, "h2.write_delay")).append(") |\n");
            }
        }
        md.append('\n');

        md.append("#### Seeding and a walk through every page\n\n| database | customers | messages sent | sent in "
                + "| projected by every consumer after | walk: every customer once, pages of 1000 |\n"
                + "|---|---:|---:|---:|---:|---:|\n");
        for (String db : dbs) {
            Properties seed = IngestLoad.read(dir.resolve("seed-" + db + ".properties"));
            Properties load = IngestLoad.read(dir.resolve("customers-" + db + ".properties"));
            md.append("| ").append(IngestLoad.label(db)).append(" | ").append(IngestLoad.n(seed, "seed.customers"))
                    .append(" | ").append(IngestLoad.n(seed, "seed.messages")).append(" | ")
                    .append(IngestLoad.s(seed, "seed.sent_s")).append(" s | ").append(IngestLoad.s(seed, "seed.projected_s"))
                    .append(" s | ").append(IngestLoad.n(load, "walk.customers")).append(" customers in ")
                    .append(IngestLoad.s(load, "walk.s")).append(" s |\n");
        }

        String customers = IngestLoad.n(IngestLoad.read(dir.resolve("seed-" + dbs.getFirst() + ".properties")),
                "seed.customers");
        md.append("\n#### Latency at ").append(customers).append(" customers\n\nRequests over real HTTP from keep-alive connections, each sending "
                + "its next request when the last is answered; a quarter as many again before, as warm-up. Latency is "
                + "send to answer. The baseline is one raw JDBC select of the row the lookup starts from, with the same "
                + "number of connections, Rapport stopped.\n\n");
        md.append("| database | request | requests × connections | p50 ms | p95 ms | p99 ms | max ms | requests/s | errors "
                + "| baseline p50 / p99 ms | p99 / baseline p99 | CPU server | CPU PostgreSQL | CPU generator | CPU other |\n"
                + "|---|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|\n");
        for (String db : dbs) {
            Properties load = IngestLoad.read(dir.resolve("customers-" + db + ".properties"));
            Properties base = IngestLoad.read(dir.resolve("customers-baseline-" + db + ".properties"));
            for (String phase : PHASES) {
                String k = phase + ".";
                if (load.getProperty(k + "p99_ms") == null) {
                    continue;
                }
                String b = "baseline." + phase + ".";
                boolean hasBaseline = base.getProperty(b + "p99_ms") != null;
                md.append("| ").append(IngestLoad.label(db)).append(" | ").append(IngestLoad.s(load, k + "what"))
                        .append(" | ").append(IngestLoad.n(load, k + "requests")).append(" × ")
                        .append(IngestLoad.s(load, "concurrency")).append(" | ").append(IngestLoad.s(load, k + "p50_ms"))
                        .append(" | ").append(IngestLoad.s(load, k + "p95_ms")).append(" | **")
                        .append(IngestLoad.s(load, k + "p99_ms")).append("** | ").append(IngestLoad.s(load, k + "max_ms"))
                        .append(" | ").append(IngestLoad.n(load, k + "per_s")).append(" | ")
                        .append(IngestLoad.s(load, k + "errors")).append(" | ")
                        .append(hasBaseline ? IngestLoad.s(base, b + "p50_ms") + " / " + IngestLoad.s(base, b + "p99_ms")
                                : "–")
                        .append(" | ").append(hasBaseline ? String.format(Locale.ROOT, "%.1f×",
                                Double.parseDouble(load.getProperty(k + "p99_ms"))
                                        / Double.parseDouble(base.getProperty(b + "p99_ms"))) : "–")
                        .append(" | ").append(IngestLoad.s(load, k + "cpu_server")).append(" | ")
                        .append(db.equals("postgres") ? IngestLoad.s(load, k + "cpu_postgres") : "–").append(" | ")
                        .append(IngestLoad.s(load, k + "cpu_client")).append(" | ")
                        .append(IngestLoad.s(load, k + "cpu_other")).append(" |\n");
            }
        }
        md.append("\nTarget: profile lookup (`GET /api/v1/customers/{id}`) p99 < 5 ms at 100,000 customers.\n");
        for (String db : dbs) {
            Properties base = IngestLoad.read(dir.resolve("customers-baseline-" + db + ".properties"));
            if (base.getProperty("baseline.profile.sql") != null) {
                md.append("\nBaseline SQL: `").append(base.getProperty("baseline.profile.sql")).append("` and `")
                        .append(base.getProperty("baseline.email.sql")).append("`.\n");
                break;
            }
        }
        String generated = md.toString();
        System.out.println();
        System.out.println(generated);
        IngestLoad.writeBetween(Path.of(opt("doc")), "Customers: lookups and lists at 100,000 customers", BEGIN, END,
                generated);
    }
}
