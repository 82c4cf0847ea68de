import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ingest benchmark of Rapport's tracking API, run with the JDK's source launcher by bench/ingest.sh.
 *
 * <pre>
 * IngestLoad baseline --db h2|postgres --jdbc URL --user U --ddl V2__collect.sql --out FILE
 * IngestLoad load     --db h2|postgres --base http://127.0.0.1:PORT --api-key KEY --server-pid PID --out FILE
 * IngestLoad report   --results DIR --doc docs/benchmarks.md --command "bench/ingest.sh all" [--dbs h2,postgres]
 * IngestLoad sql      --jdbc URL --user U --statements "drop database if exists x;;create database x"
 * </pre>
 *
 * The load generator speaks HTTP/1.1 over plain blocking sockets (one keep-alive connection per sender, one
 * platform thread per connection): it costs far less CPU per call than java.net.http.HttpClient, which matters
 * because it shares the machine's cores with the server. Its own CPU use is measured and reported.
 */
public class IngestLoad {

    // ---------------------------------------------------------------------------------------------------------
    // Options and entry point
    // ---------------------------------------------------------------------------------------------------------

    static final Map<String, String> opts = new LinkedHashMap<>();

    static String opt(String name, String fallback) {
        return opts.getOrDefault(name, fallback);
    }

    static String opt(String name) {
        String v = opts.get(name);
        if (v == null) {
            throw new IllegalArgumentException("missing --" + name);
        }
        return v;
    }

    static int intOpt(String name, int fallback) {
        return Integer.parseInt(opt(name, Integer.toString(fallback)));
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: IngestLoad baseline|load|report|lag|import|projection-report --option value ...");
            System.exit(2);
        }
        options(args);
        switch (args[0]) {
            case "baseline" -> baseline();
            case "load" -> load();
            case "report" -> report();
            case "sql" -> sql();
            case "lag" -> ProjectionLoad.lag();
            case "import" -> ProjectionLoad.importRetail();
            case "projection-report" -> ProjectionLoad.report();
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
    }

    /** The database's version and the settings that shape its numbers, as {@code pg.*} or {@code h2.*} properties. */
    static void settings(Statement s, String db, Properties out) throws SQLException {
        if (db.equals("postgres")) {
            for (String setting : List.of("server_version", "synchronous_commit", "fsync", "wal_sync_method",
                    "commit_delay", "full_page_writes", "shared_buffers", "max_wal_size", "autovacuum")) {
                try (ResultSet rs = s.executeQuery("show " + setting)) {
                    rs.next();
                    out.setProperty("pg." + setting, rs.getString(1));
                }
            }
        } else {
            try (ResultSet rs = s.executeQuery("select h2version()")) {
                rs.next();
                out.setProperty("h2.version", rs.getString(1));
            }
            try (ResultSet rs = s.executeQuery(
                    "select setting_value from information_schema.settings where setting_name = 'WRITE_DELAY'")) {
                out.setProperty("h2.write_delay", rs.next() ? rs.getString(1) : "?");
            }
        }
    }

    /** Reads {@code --name value} pairs after the command into {@link #opts}. */
    static void options(String[] args) {
        for (int i = 1; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value at " + args[i]);
            }
            opts.put(args[i].substring(2), args[i + 1]);
        }
    }

    /** Runs statements (separated by ';;') in autocommit mode: creating and dropping the bench database. */
    static void sql() throws SQLException {
        try (Connection c = DriverManager.getConnection(opt("jdbc"), opt("user"), opt("password", ""));
                Statement s = c.createStatement()) {
            for (String statement : opt("statements").split(";;")) {
                s.execute(statement);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Realistic Segment track messages (analytics-java style)
    // ---------------------------------------------------------------------------------------------------------

    record Product(String id, String sku, String category, String name, String brand, String price) {
    }

    static final Product[] PRODUCTS = {
            new Product("507f1f77bcf86cd799439011", "G-32", "Games", "Monopoly: 3rd Edition", "Hasbro", "19.99"),
            new Product("505bd76785ebb509fc183733", "B-118", "Books", "The Pragmatic Programmer", "Addison-Wesley", "42.50"),
            new Product("5f2a9c1e8b3d4a0012ab34cd", "K-7781", "Kitchen", "Cast Iron Skillet 28 cm", "Lodge", "34.90"),
            new Product("60c72b2f9b1e8a3f4c5d6e7f", "S-2045", "Shoes", "Trail Runner GTX, size 43", "Salomon", "149.00"),
            new Product("61d8a3b4c5e6f70812345678", "T-0099", "Toys", "Wooden Train Set (52 pieces)", "Brio", "79.95"),
            new Product("62e9b4c5d6f7081923456789", "E-5120", "Electronics", "Noise Cancelling Headphones", "Sony", "279.00"),
    };
    static final String[] EVENTS = {"Product Viewed", "Product Viewed", "Product Viewed", "Product Added",
            "Product Clicked", "Product Removed"};
    static final String RUN = Long.toString(System.currentTimeMillis(), 36);
    static final AtomicLong MESSAGE_SEQ = new AtomicLong();

    /** Writes one message of a batch. */
    interface MessageWriter {
        void write(StringBuilder sb, String messageId, String timestamp);
    }

    /** The messages the load sends: by default {@link #message}; the projection benchmark sends a shop's mix. */
    static volatile MessageWriter messages = IngestLoad::message;

    /** One track message as analytics-java sends it; about 520 bytes. */
    static void message(StringBuilder sb, String messageId, String timestamp) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        Product p = PRODUCTS[r.nextInt(PRODUCTS.length)];
        int user = r.nextInt(50_000);
        sb.append("{\"type\":\"track\",\"userId\":\"user-").append(user)
                .append("\",\"event\":\"").append(EVENTS[r.nextInt(EVENTS.length)])
                .append("\",\"messageId\":\"").append(messageId)
                .append("\",\"timestamp\":\"").append(timestamp)
                .append("\",\"properties\":{\"product_id\":\"").append(p.id)
                .append("\",\"sku\":\"").append(p.sku)
                .append("\",\"category\":\"").append(p.category)
                .append("\",\"name\":\"").append(p.name)
                .append("\",\"brand\":\"").append(p.brand)
                .append("\",\"price\":").append(p.price)
                .append(",\"quantity\":").append(1 + r.nextInt(3))
                .append(",\"currency\":\"EUR\",\"url\":\"https://shop.example.com/p/").append(p.sku.toLowerCase(Locale.ROOT))
                .append("\"},\"context\":{\"library\":{\"name\":\"analytics-java\",\"version\":\"3.5.4\"},\"ip\":\"203.0.113.")
                .append(1 + r.nextInt(254)).append("\",\"locale\":\"de-DE\",\"timezone\":\"Europe/Berlin\"}}");
    }

    static String nextMessageId() {
        return "bench-" + RUN + "-" + MESSAGE_SEQ.incrementAndGet();
    }

    static String nowIso() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
    }

    /** A {@code /v1/batch} body of {@code n} fresh messages (or a {@code /v1/track} body when single). */
    static byte[] body(int n, boolean single) {
        StringBuilder sb = new StringBuilder(n * 560 + 64);
        String ts = nowIso();
        if (single) {
            messages.write(sb, nextMessageId(), ts);
        } else {
            sb.append("{\"batch\":[");
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    sb.append(',');
                }
                messages.write(sb, nextMessageId(), ts);
            }
            sb.append("],\"sentAt\":\"").append(ts).append("\"}");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Baseline: raw JDBC batch insert of the same rows into a copy of the events table
    // ---------------------------------------------------------------------------------------------------------

    static final String BASELINE_INSERT = """
            insert into %s (source_id, message_id, type, event, user_id, anonymous_id, occurred_at,
                                received_at, payload)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict do nothing""";

    /** The events table, its indexes and its alterations from the migrations (':'-separated), renamed. */
    static List<String> eventsDdl(String migrations, String table) throws IOException {
        List<String> out = new ArrayList<>();
        for (String migration : migrations.split(":")) {
            String sql = Files.readString(Path.of(migration)).replaceAll("(?m)--.*$", "");
            for (String statement : sql.split(";")) {
                String s = statement.strip();
                if (s.matches("(?s)create table events\\s*\\(.*") || s.matches("(?s)create index \\w+ on events\\s*\\(.*")
                        || s.matches("(?s)alter table events\\s.*")) {
                    out.add(s.replaceAll("\\bevents", table));
                }
            }
        }
        if (out.size() < 2) {
            throw new IllegalStateException("events DDL not found in " + migrations);
        }
        return out;
    }

    static void baseline() throws Exception {
        String db = opt("db");
        String url = opt("jdbc");
        int warmup = intOpt("warmup", 3);
        int seconds = intOpt("seconds", 15);
        int batch = intOpt("batch", 100);
        String schema = opt("schema", "");
        String table = (schema.isEmpty() ? "" : schema + ".") + "baseline_events";
        Properties out = new Properties();
        try (Connection c = DriverManager.getConnection(url, opt("user"), opt("password", ""))) {
            try (Statement s = c.createStatement()) {
                if (!schema.isEmpty()) {
                    s.execute("create schema if not exists " + schema);
                }
                s.execute("drop table if exists " + table);
                for (String ddl : eventsDdl(opt("ddl"), "baseline_events")) {
                    s.execute(ddl.replace("create table baseline_events", "create table " + table)
                            .replace("alter table baseline_events", "alter table " + table)
                            .replace(" on baseline_events", " on " + table));
                }
                settings(s, db, out);
            }
            c.setAutoCommit(false);
            UUID source = UUID.randomUUID();
            String sql = BASELINE_INSERT.formatted(table);
            long start = System.nanoTime();
            long measureFrom = start + warmup * 1_000_000_000L;
            long end = measureFrom + seconds * 1_000_000_000L;
            long rows = 0;
            long batches = 0;
            long payloadBytes = 0;
            Cpu cpu = null;
            long measuredStart = 0;
            long[] commitSamples = new long[1 << 20];
            int commitCount = 0;
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                while (true) {
                    long now = System.nanoTime();
                    if (cpu == null && now >= measureFrom) {
                        cpu = Cpu.start(-1);
                        measuredStart = now;
                        rows = 0;
                        batches = 0;
                        payloadBytes = 0;
                        commitCount = 0;
                    }
                    if (now >= end) {
                        break;
                    }
                    Instant received = Instant.now().truncatedTo(ChronoUnit.MILLIS);
                    String ts = received.toString();
                    OffsetDateTime receivedAt = received.atOffset(ZoneOffset.UTC);
                    for (int i = 0; i < batch; i++) {
                        String messageId = nextMessageId();
                        String payload = storedPayload(messageId, ts);
                        ps.setObject(1, source);
                        ps.setString(2, messageId);
                        ps.setString(3, "track");
                        ps.setString(4, "Product Viewed");
                        ps.setString(5, "user-" + ThreadLocalRandom.current().nextInt(50_000));
                        ps.setString(6, null);
                        ps.setObject(7, receivedAt);
                        ps.setObject(8, receivedAt);
                        ps.setString(9, payload);
                        ps.addBatch();
                        payloadBytes += payload.length();
                    }
                    long t0 = System.nanoTime();
                    ps.executeBatch();
                    c.commit();
                    if (commitCount < commitSamples.length) {
                        commitSamples[commitCount++] = (System.nanoTime() - t0) / 1000;
                    }
                    rows += batch;
                    batches++;
                }
            }
            double secs = (System.nanoTime() - measuredStart) / 1e9;
            CpuUse use = cpu.stop(secs);
            long[] commits = Arrays.copyOf(commitSamples, commitCount);
            Arrays.sort(commits);
            out.setProperty("baseline.events_per_s", fmt0(rows / secs));
            out.setProperty("baseline.rows", Long.toString(rows));
            out.setProperty("baseline.batch", Integer.toString(batch));
            out.setProperty("baseline.seconds", fmt1(secs));
            out.setProperty("baseline.avg_payload_bytes", fmt0((double) payloadBytes / Math.max(rows, 1)));
            out.setProperty("baseline.batch_p50_ms", fmt2(pct(commits, 50) / 1000.0));
            out.setProperty("baseline.batch_p99_ms", fmt2(pct(commits, 99) / 1000.0));
            out.setProperty("baseline.cpu_client", fmt2(use.self()));
            out.setProperty("baseline.cpu_postgres", fmt2(use.postgres()));
            out.setProperty("baseline.cpu_idle", fmt2(use.idle()));
            out.setProperty("baseline.cpu_other", fmt2(use.other()));
            System.out.printf(Locale.ROOT, "[%s] baseline: raw JDBC, batches of %d per executeBatch+commit, 1 connection: "
                            + "%,.0f events/s (%d rows in %.1f s; per batch p50 %.2f ms p99 %.2f ms; cpu: jdbc client %.2f, "
                            + "postgres %.2f, other processes %.2f, idle %.2f cores)%n", db, batch, rows / secs, rows, secs, pct(commits, 50) / 1000.0,
                    pct(commits, 99) / 1000.0, use.self(), use.postgres(), use.other(), use.idle());
            try (Statement s = c.createStatement()) {
                s.execute("drop table " + table);
            }
            c.commit();
        }
        try (Writer w = Files.newBufferedWriter(Path.of(opt("out")))) {
            out.store(w, "baseline " + db);
        }
    }

    /**
     * The payload as Rapport stores it: the message, plus the fields its normalizer adds (originalTimestamp,
     * sentAt, receivedAt; timestamp rewritten).
     */
    static String storedPayload(String messageId, String ts) {
        StringBuilder sb = new StringBuilder(700);
        message(sb, messageId, ts);
        sb.setLength(sb.length() - 1);
        sb.append(",\"originalTimestamp\":\"").append(ts).append("\",\"sentAt\":\"").append(ts)
                .append("\",\"receivedAt\":\"").append(ts).append("\"}");
        return sb.toString();
    }

    // ---------------------------------------------------------------------------------------------------------
    // CPU accounting from /proc: this process, the server JVM, PostgreSQL backends, and the whole machine
    // ---------------------------------------------------------------------------------------------------------

    record CpuUse(double self, double server, double postgres, double idle, double total) {

        /** Cores used by everything else on the machine (other builds, tests ...): should be near 0. */
        double other() {
            return Math.max(0, total - idle - self - server - postgres);
        }
    }

    record Cpu(long self, long server, long postgres, long idle, long all, int serverPid, long startNanos) {

        static final double HZ = 100.0;

        static Cpu start(int serverPid) {
            long[] machine = machine();
            return new Cpu(selfNanos(), ticks(serverPid), postgresTicks(), machine[0], machine[1], serverPid,
                    System.nanoTime());
        }

        /** Cores used over the interval: 1.0 = one core busy all the time. */
        CpuUse stop(double seconds) {
            long[] machine = machine();
            double self = (selfNanos() - this.self) / 1e9 / seconds;
            double server = (ticks(serverPid) - this.server) / HZ / seconds;
            double pg = (postgresTicks() - this.postgres) / HZ / seconds;
            double idle = (machine[0] - this.idle) / HZ / seconds;
            double all = (machine[1] - this.all) / HZ / seconds;
            return new CpuUse(self, server, pg, idle, all);
        }

        static long selfNanos() {
            return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
        }

        /** utime + stime of a process (all its threads), in clock ticks. */
        static long ticks(int pid) {
            if (pid <= 0) {
                return 0;
            }
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return Long.parseLong(f[11]) + Long.parseLong(f[12]);
            } catch (IOException | RuntimeException e) {
                return 0;
            }
        }

        /** All processes named postgres (backends, WAL writer, checkpointer ...). */
        static long postgresTicks() {
            long sum = 0;
            try (var dirs = Files.list(Path.of("/proc"))) {
                for (Path p : (Iterable<Path>) dirs::iterator) {
                    String name = p.getFileName().toString();
                    if (!name.chars().allMatch(Character::isDigit)) {
                        continue;
                    }
                    try {
                        String stat = Files.readString(p.resolve("stat"));
                        int open = stat.indexOf('(');
                        int close = stat.lastIndexOf(')');
                        if (stat.substring(open + 1, close).startsWith("postgres")) {
                            String[] f = stat.substring(close + 2).split(" ");
                            sum += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                        }
                    } catch (IOException | RuntimeException ignored) {
                        // the process ended
                    }
                }
            } catch (IOException e) {
                return 0;
            }
            return sum;
        }

        /** [idle + iowait ticks, all ticks] of all CPUs. */
        static long[] machine() {
            try {
                String line = Files.readAllLines(Path.of("/proc/stat")).getFirst();
                String[] f = line.trim().split("\\s+");
                long all = 0;
                for (int i = 1; i < f.length && i <= 8; i++) {
                    all += Long.parseLong(f[i]);
                }
                return new long[] {Long.parseLong(f[4]) + Long.parseLong(f[5]), all};
            } catch (IOException e) {
                return new long[] {0, 0};
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // A minimal HTTP/1.1 keep-alive client over a blocking socket
    // ---------------------------------------------------------------------------------------------------------

    static final class Http implements AutoCloseable {

        private final String host;
        private final int port;
        private Socket socket;
        private OutputStream out;
        private InputStream in;
        private final byte[] line = new byte[8192];
        byte[] lastBody = new byte[0];

        Http(String host, int port) {
            this.host = host;
            this.port = port;
        }

        private void connect() throws IOException {
            close();
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(60_000);
            socket.connect(new InetSocketAddress(host, port), 5_000);
            out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
            in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        }

        /** Sends one POST and reads the whole answer; returns the status code. */
        int post(String path, String auth, byte[] body, boolean keepBody) throws IOException {
            return send("POST", path, auth, body, keepBody);
        }

        /** Sends one GET and reads the whole answer; returns the status code. */
        int get(String path, String auth, boolean keepBody) throws IOException {
            return send("GET", path, auth, null, keepBody);
        }

        private int send(String method, String path, String auth, byte[] body, boolean keepBody) throws IOException {
            for (int attempt = 0; ; attempt++) {
                boolean fresh = socket == null;
                if (fresh) {
                    connect();
                }
                try {
                    return exchange(method, path, auth, body, keepBody);
                } catch (IOException e) {
                    // A keep-alive connection the server closed before we sent: retry once on a new one.
                    close();
                    if (fresh || attempt > 0) {
                        throw e;
                    }
                }
            }
        }

        private int exchange(String method, String path, String auth, byte[] body, boolean keepBody) throws IOException {
            String head = method + " " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nAuthorization: " + auth
                    + "\r\nUser-Agent: analytics-java/3.5.4\r\n" + (body == null ? "\r\n"
                            : "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n");
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            String status = readLine();
            if (status == null) {
                throw new EOFException("connection closed");
            }
            int code = Integer.parseInt(status.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            boolean close = false;
            String h;
            while ((h = readLine()) != null && !h.isEmpty()) {
                int colon = h.indexOf(':');
                String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = h.substring(colon + 1).trim();
                switch (name) {
                    case "content-length" -> length = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                    case "connection" -> close = value.equalsIgnoreCase("close");
                    default -> {
                    }
                }
            }
            ByteArrayOutputStream kept = keepBody ? new ByteArrayOutputStream() : null;
            if (chunked) {
                while (true) {
                    String size = readLine();
                    int n = Integer.parseInt(size.split(";")[0].trim(), 16);
                    if (n == 0) {
                        while ((h = readLine()) != null && !h.isEmpty()) {
                            // trailers
                        }
                        break;
                    }
                    skip(n, kept);
                    readLine();
                }
            } else if (length > 0) {
                skip(length, kept);
            } else if (length < 0) {
                close = true;
                skip(Long.MAX_VALUE, kept);
            }
            if (kept != null) {
                lastBody = kept.toByteArray();
            }
            if (close) {
                close();
            }
            return code;
        }

        private void skip(long n, ByteArrayOutputStream kept) throws IOException {
            byte[] buf = line;
            while (n > 0) {
                int r = in.read(buf, 0, (int) Math.min(buf.length, n));
                if (r < 0) {
                    if (n == Long.MAX_VALUE) {
                        return;
                    }
                    throw new EOFException("body cut short");
                }
                if (kept != null) {
                    kept.write(buf, 0, r);
                }
                n -= r;
            }
        }

        private String readLine() throws IOException {
            int n = 0;
            int b;
            while ((b = in.read()) >= 0) {
                if (b == '\n') {
                    if (n > 0 && line[n - 1] == '\r') {
                        n--;
                    }
                    return new String(line, 0, n, StandardCharsets.ISO_8859_1);
                }
                if (n < line.length) {
                    line[n++] = (byte) b;
                }
            }
            return n == 0 ? null : new String(line, 0, n, StandardCharsets.ISO_8859_1);
        }

        @Override
        public void close() {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
            socket = null;
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Latency samples
    // ---------------------------------------------------------------------------------------------------------

    /** Latencies in microseconds of one thread; merged after a run. */
    static final class Samples {
        long[] values = new long[1024];
        int size;

        void add(long micros) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = micros;
        }

        static long[] merge(List<Samples> all) {
            int n = all.stream().mapToInt(s -> s.size).sum();
            long[] out = new long[n];
            int at = 0;
            for (Samples s : all) {
                System.arraycopy(s.values, 0, out, at, s.size);
                at += s.size;
            }
            Arrays.sort(out);
            return out;
        }
    }

    static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    // ---------------------------------------------------------------------------------------------------------
    // The load: closed-loop throughput sweeps and open-loop fixed-rate latency
    // ---------------------------------------------------------------------------------------------------------

    static String host;
    static int port;
    static String writeKeyAuth;
    static int serverPid;
    static String base;
    static final HttpClient control = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    record PhaseResult(String name, Properties props) {
    }

    /** The running Rapport the options name: --base and --server-pid. */
    static void target() {
        base = opt("base");
        URI uri = URI.create(base);
        host = uri.getHost();
        port = uri.getPort();
        serverPid = intOpt("server-pid", -1);
    }

    static void load() throws Exception {
        String db = opt("db");
        target();
        int warmup = intOpt("warmup", 5);
        int seconds = intOpt("seconds", 15);
        int rateSeconds = intOpt("rate-seconds", 20);

        writeKeyAuth = source(base, opt("api-key"), "bench", "SERVER");

        Properties out = new Properties();
        out.setProperty("db", db);
        // Sanity check: one batch, answer and stored payload size.
        try (Http http = new Http(host, port)) {
            int code = http.post("/v1/batch", writeKeyAuth, body(2, false), true);
            System.out.printf("[%s] check: /v1/batch answered %d %s; message size %d bytes%n", db, code,
                    new String(http.lastBody, StandardCharsets.UTF_8), body(1, true).length);
            if (code != 200) {
                throw new IllegalStateException("tracking call failed");
            }
            out.setProperty("message_bytes", Integer.toString(body(1, true).length));
        }

        System.out.printf("[%s] JIT warm-up (%d s)%n", db, intOpt("jit-warmup", 10));
        closedLoop(db, "warmup", "/v1/batch", 20, 16, 0, intOpt("jit-warmup", 10), null);

        // name:path:batch:senders[,senders...]
        String plan = opt("plan", "track:/v1/track:1:64;batch1:/v1/batch:1:16,64,128;batch20:/v1/batch:20:16,64;"
                + "batch100:/v1/batch:100:8,16,32");
        for (String step : plan.split(";")) {
            if (step.isBlank()) {
                continue;
            }
            String[] f = step.split(":");
            int batch = Integer.parseInt(f[2]);
            for (String c : f[3].split(",")) {
                closedLoop(db, f[0] + ".c" + c, f[1], batch, Integer.parseInt(c), warmup, seconds, out);
            }
        }
        // name:path:batch:callsPerSecond:senders
        String rates = opt("rates", "rate20:/v1/batch:20:250:64;rate1:/v1/batch:1:5000:128");
        for (String step : rates.split(";")) {
            if (step.isBlank()) {
                continue;
            }
            String[] f = step.split(":");
            openLoop(db, f[0], f[1], Integer.parseInt(f[2]), Integer.parseInt(f[3]), Integer.parseInt(f[4]), 3,
                    rateSeconds, out);
        }
        try (Writer w = Files.newBufferedWriter(Path.of(opt("out")))) {
            out.store(w, "load " + db);
        }
    }

    /** Creates a source of the type through the management API; returns its id. */
    static String createSourceId(String apiKey, String type) throws IOException, InterruptedException {
        return field(createSourceBody(base, apiKey, "bench " + type.toLowerCase(Locale.ROOT), type), "id");
    }

    /** Creates a source through the management API; returns its write key as an HTTP Basic header value. */
    static String source(String base, String apiKey, String name, String type) throws IOException, InterruptedException {
        String writeKey = field(createSourceBody(base, apiKey, name, type), "writeKey");
        return "Basic " + Base64.getEncoder().encodeToString((writeKey + ":").getBytes(StandardCharsets.UTF_8));
    }

    private static String createSourceBody(String base, String apiKey, String name, String type)
            throws IOException, InterruptedException {
        HttpResponse<String> created = control.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/sources"))
                .header("Authorization", "Bearer " + apiKey).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\",\"type\":\"" + type + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("creating the source answered " + created.statusCode() + ": " + created.body());
        }
        return created.body();
    }

    /** The value of a string field of a flat JSON answer (the generator has no JSON library). */
    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }

    /** Counters of /actuator/prometheus that tell what the appender did. */
    static Map<String, Double> metrics() {
        Map<String, Double> m = new TreeMap<>();
        try {
            String text = control.send(HttpRequest.newBuilder(URI.create(base + "/actuator/prometheus")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            for (String line : text.split("\n")) {
                if (line.startsWith("#")) {
                    continue;
                }
                for (String name : List.of("rapport_collect_group_size_sum", "rapport_collect_group_size_count",
                        "rapport_collect_group_size_max", "rapport_events_stored_total", "rapport_events_duplicates_total",
                        "rapport_collect_ack_latency_seconds_count", "rapport_collect_ack_latency_seconds_sum",
                        "jvm_gc_pause_seconds_sum", "jvm_gc_pause_seconds_count")) {
                    if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                        double v = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                        m.merge(name, v, name.endsWith("_max") ? Math::max : Double::sum);
                    }
                }
            }
        } catch (IOException e) {
            throw new RuntimeException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return m;
    }

    static double delta(Map<String, Double> before, Map<String, Double> after, String name) {
        return after.getOrDefault(name, 0.0) - before.getOrDefault(name, 0.0);
    }

    static void closedLoop(String db, String name, String path, int batch, int senders, int warmup, int seconds,
            Properties out) throws Exception {
        boolean single = !path.equals("/v1/batch");
        long start = System.nanoTime();
        long measureFrom = start + warmup * 1_000_000_000L;
        long end = measureFrom + seconds * 1_000_000_000L;
        AtomicLong acked = new AtomicLong();
        AtomicLong calls = new AtomicLong();
        Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
        List<Samples> samples = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < senders; t++) {
            Samples mine = new Samples();
            samples.add(mine);
            threads.add(Thread.ofPlatform().name("sender-" + t).start(() -> {
                try (Http http = new Http(host, port)) {
                    while (true) {
                        byte[] b = body(batch, single);
                        long t0 = System.nanoTime();
                        if (t0 >= end) {
                            return;
                        }
                        int code;
                        try {
                            code = http.post(path, writeKeyAuth, b, false);
                        } catch (IOException e) {
                            code = -1;
                            errors.computeIfAbsent("io:" + e.getClass().getSimpleName(), k -> new AtomicLong()).incrementAndGet();
                        }
                        long t1 = System.nanoTime();
                        boolean inWindow = t1 >= measureFrom && t1 < end;
                        if (code == 200) {
                            if (inWindow) {
                                acked.addAndGet(batch);
                                calls.incrementAndGet();
                                mine.add((t1 - t0) / 1000);
                            }
                        } else {
                            if (code > 0 && inWindow) {
                                errors.computeIfAbsent(Integer.toString(code), k -> new AtomicLong()).incrementAndGet();
                            }
                            LockSupport.parkNanos(50_000_000L);
                        }
                    }
                }
            }));
        }
        LockSupport.parkNanos(Math.max(0, measureFrom - System.nanoTime()));
        Map<String, Double> m0 = metrics();
        Cpu cpu = Cpu.start(serverPid);
        long w0 = System.nanoTime();
        LockSupport.parkNanos(Math.max(0, end - System.nanoTime()));
        double secs = (System.nanoTime() - w0) / 1e9;
        CpuUse use = cpu.stop(secs);
        Map<String, Double> m1 = metrics();
        for (Thread t : threads) {
            t.join();
        }
        if (out == null) {
            return;
        }
        long[] lat = Samples.merge(samples);
        double window = seconds;
        double groups = delta(m0, m1, "rapport_collect_group_size_count");
        double groupAvg = groups == 0 ? 0 : delta(m0, m1, "rapport_collect_group_size_sum") / groups;
        double gc = delta(m0, m1, "jvm_gc_pause_seconds_sum");
        Properties p = out;
        String k = "closed." + name + ".";
        p.setProperty(k + "path", path);
        p.setProperty(k + "batch", Integer.toString(batch));
        p.setProperty(k + "senders", Integer.toString(senders));
        p.setProperty(k + "events_per_s", fmt0(acked.get() / window));
        p.setProperty(k + "calls_per_s", fmt0(calls.get() / window));
        p.setProperty(k + "p50_ms", fmt2(pct(lat, 50) / 1000.0));
        p.setProperty(k + "p99_ms", fmt2(pct(lat, 99) / 1000.0));
        p.setProperty(k + "max_ms", fmt2(lat.length == 0 ? Double.NaN : lat[lat.length - 1] / 1000.0));
        p.setProperty(k + "errors", errorText(errors));
        p.setProperty(k + "group_avg", fmt0(groupAvg));
        p.setProperty(k + "commits_per_s", fmt0(groups / secs));
        p.setProperty(k + "stored_per_s", fmt0(delta(m0, m1, "rapport_events_stored_total") / secs));
        p.setProperty(k + "gc_pause_pct", fmt1(100 * gc / secs));
        p.setProperty(k + "cpu_server", fmt2(use.server()));
        p.setProperty(k + "cpu_client", fmt2(use.self()));
        p.setProperty(k + "cpu_postgres", fmt2(use.postgres()));
        p.setProperty(k + "cpu_idle", fmt2(use.idle()));
        p.setProperty(k + "cpu_other", fmt2(use.other()));
        System.out.printf(Locale.ROOT, "[%s] %-14s %-10s batch %3d x %3d senders: %,8.0f events/s (%,6.0f calls/s) "
                        + "ack p50 %7.2f ms p99 %7.2f ms max %7.2f ms | errors %s | commits/s %,.0f avg group %,.0f "
                        + "| gc %.1f%% | cpu cores: server %.2f client %.2f postgres %.2f other %.2f idle %.2f%n",
                db, name, path, batch, senders, acked.get() / window, calls.get() / window, pct(lat, 50) / 1000.0,
                pct(lat, 99) / 1000.0, lat.length == 0 ? Double.NaN : lat[lat.length - 1] / 1000.0, errorText(errors),
                groups / secs, groupAvg, 100 * gc / secs, use.server(), use.self(), use.postgres(), use.other(), use.idle());
    }

    /**
     * Open loop: call i is due at start + i / rate, whether or not earlier calls have been answered; its latency
     * is measured from that due time, so a stalled server shows up in the percentiles (no coordinated omission).
     */
    static void openLoop(String db, String name, String path, int batch, int callsPerSecond, int senders,
            int warmup, int seconds, Properties out) throws Exception {
        boolean single = !path.equals("/v1/batch");
        long interval = 1_000_000_000L / callsPerSecond;
        long start = System.nanoTime() + 50_000_000L;
        long measureFrom = start + warmup * 1_000_000_000L;
        long end = measureFrom + seconds * 1_000_000_000L;
        AtomicLong next = new AtomicLong();
        AtomicLong acked = new AtomicLong();
        AtomicLong late = new AtomicLong();
        AtomicLong abandoned = new AtomicLong();
        Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
        List<Samples> samples = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < senders; t++) {
            Samples mine = new Samples();
            samples.add(mine);
            threads.add(Thread.ofPlatform().name("rate-" + t).start(() -> {
                try (Http http = new Http(host, port)) {
                    while (true) {
                        long due = start + next.getAndIncrement() * interval;
                        if (due >= end) {
                            return;
                        }
                        if (System.nanoTime() > end + 5_000_000_000L) {
                            // Far behind schedule: the server cannot take this rate; stop rather than run on.
                            abandoned.incrementAndGet();
                            continue;
                        }
                        byte[] b = body(batch, single);
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            LockSupport.parkNanos(wait);
                        } else if (wait < -1_000_000L && due >= measureFrom) {
                            late.incrementAndGet();
                        }
                        int code;
                        try {
                            code = http.post(path, writeKeyAuth, b, false);
                        } catch (IOException e) {
                            code = -1;
                            errors.computeIfAbsent("io:" + e.getClass().getSimpleName(), k -> new AtomicLong()).incrementAndGet();
                        }
                        long done = System.nanoTime();
                        if (code == 200 && done >= measureFrom && done < end) {
                            acked.addAndGet(batch);
                        }
                        if (due >= measureFrom) {
                            if (code == 200) {
                                mine.add((done - due) / 1000);
                            } else if (code > 0) {
                                errors.computeIfAbsent(Integer.toString(code), k -> new AtomicLong()).incrementAndGet();
                            }
                        }
                    }
                }
            }));
        }
        LockSupport.parkNanos(Math.max(0, measureFrom - System.nanoTime()));
        Map<String, Double> m0 = metrics();
        Cpu cpu = Cpu.start(serverPid);
        long w0 = System.nanoTime();
        LockSupport.parkNanos(Math.max(0, end - System.nanoTime()));
        double secs = (System.nanoTime() - w0) / 1e9;
        CpuUse use = cpu.stop(secs);
        Map<String, Double> m1 = metrics();
        for (Thread t : threads) {
            t.join();
        }
        long[] lat = Samples.merge(samples);
        double groups = delta(m0, m1, "rapport_collect_group_size_count");
        double groupAvg = groups == 0 ? 0 : delta(m0, m1, "rapport_collect_group_size_sum") / groups;
        String k = "open." + name + ".";
        out.setProperty(k + "path", path);
        out.setProperty(k + "batch", Integer.toString(batch));
        out.setProperty(k + "calls_per_s", Integer.toString(callsPerSecond));
        out.setProperty(k + "offered_events_per_s", Integer.toString(callsPerSecond * batch));
        out.setProperty(k + "acked_events_per_s", fmt0(acked.get() / (double) seconds));
        out.setProperty(k + "senders", Integer.toString(senders));
        out.setProperty(k + "p50_ms", fmt2(pct(lat, 50) / 1000.0));
        out.setProperty(k + "p99_ms", fmt2(pct(lat, 99) / 1000.0));
        out.setProperty(k + "p999_ms", fmt2(pct(lat, 99.9) / 1000.0));
        out.setProperty(k + "max_ms", fmt2(lat.length == 0 ? Double.NaN : lat[lat.length - 1] / 1000.0));
        out.setProperty(k + "errors", errorText(errors));
        out.setProperty(k + "late_sends", Long.toString(late.get()));
        out.setProperty(k + "abandoned", Long.toString(abandoned.get()));
        out.setProperty(k + "group_avg", fmt1(groupAvg));
        out.setProperty(k + "commits_per_s", fmt0(groups / secs));
        out.setProperty(k + "cpu_server", fmt2(use.server()));
        out.setProperty(k + "cpu_client", fmt2(use.self()));
        out.setProperty(k + "cpu_postgres", fmt2(use.postgres()));
        out.setProperty(k + "cpu_idle", fmt2(use.idle()));
        out.setProperty(k + "cpu_other", fmt2(use.other()));
        System.out.printf(Locale.ROOT, "[%s] %-14s %-10s batch %3d at %,5d calls/s (%,d events/s offered): acked %,.0f "
                        + "events/s | from due time p50 %.2f ms p99 %.2f ms p99.9 %.2f ms max %.2f ms | errors %s | "
                        + "sent >1 ms late %d, not sent (5 s behind) %d | commits/s %,.0f avg group %.1f | cpu cores: server %.2f client %.2f "
                        + "postgres %.2f other %.2f idle %.2f%n",
                db, name, path, batch, callsPerSecond, callsPerSecond * batch, acked.get() / (double) seconds,
                pct(lat, 50) / 1000.0, pct(lat, 99) / 1000.0, pct(lat, 99.9) / 1000.0,
                lat.length == 0 ? Double.NaN : lat[lat.length - 1] / 1000.0, errorText(errors), late.get(),
                abandoned.get(), groups / secs, groupAvg, use.server(), use.self(), use.postgres(), use.other(), use.idle());
    }

    static String errorText(Map<String, AtomicLong> errors) {
        if (errors.isEmpty()) {
            return "0";
        }
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(errors).forEach((k, v) -> sb.append(sb.isEmpty() ? "" : " ").append(k).append('×').append(v.get()));
        return sb.toString();
    }

    static String fmt0(double v) {
        return String.format(Locale.ROOT, "%.0f", v);
    }

    static String fmt1(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String fmt2(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Report: Markdown tables, printed and written between markers in docs/benchmarks.md
    // ---------------------------------------------------------------------------------------------------------

    static final String BEGIN = "<!-- ingest-results:begin (generated by bench/ingest.sh; edits inside are overwritten) -->";
    static final String END = "<!-- ingest-results:end -->";

    static Properties read(Path p) throws IOException {
        Properties props = new Properties();
        if (Files.exists(p)) {
            try (Reader r = Files.newBufferedReader(p)) {
                props.load(r);
            }
        }
        return props;
    }

    static String n(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null) {
            return "–";
        }
        try {
            return String.format(Locale.ROOT, "%,d", Math.round(Double.parseDouble(v)));
        } catch (NumberFormatException e) {
            return v;
        }
    }

    static String s(Properties p, String key) {
        return p.getProperty(key, "–");
    }

    /** The sweep point with the most acknowledged events/s for a phase name prefix. */
    static String best(Properties p, String prefix) {
        String bestKey = null;
        double bestValue = -1;
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith("closed." + prefix + ".c") && key.endsWith(".events_per_s")) {
                double v = Double.parseDouble(p.getProperty(key));
                if (v > bestValue) {
                    bestValue = v;
                    bestKey = key.substring(0, key.length() - "events_per_s".length());
                }
            }
        }
        return bestKey;
    }

    static void report() throws Exception {
        Path dir = Path.of(opt("results"));
        List<String> dbs = List.of(opt("dbs", "h2,postgres").split(","));
        StringBuilder md = new StringBuilder();
        machineRows(md, dir, opt("command"));
        for (String db : dbs) {
            Properties b = read(dir.resolve("baseline-" + db + ".properties"));
            if (db.equals("postgres") && b.getProperty("pg.server_version") != null) {
                md.append("| PostgreSQL | ").append(s(b, "pg.server_version")).append(", over TCP to 127.0.0.1; ")
                        .append("synchronous_commit=").append(s(b, "pg.synchronous_commit"))
                        .append(", fsync=").append(s(b, "pg.fsync"))
                        .append(", wal_sync_method=").append(s(b, "pg.wal_sync_method"))
                        .append(", commit_delay=").append(s(b, "pg.commit_delay"))
                        .append(", shared_buffers=").append(s(b, "pg.shared_buffers")).append(" |\n");
            }
            if (db.equals("h2") && b.getProperty("h2.version") != null) {
                md.append("| H2 | ").append(s(b, "h2.version")).append(", file database, MODE=PostgreSQL, WRITE_DELAY=")
                        .append(s(b, "h2.write_delay")).append(" (Rapport's default URL) |\n");
            }
        }
        Properties any = new Properties();
        for (String db : dbs) {
            any = read(dir.resolve("load-" + db + ".properties"));
            if (!any.isEmpty()) {
                break;
            }
        }
        md.append("| message | Segment `track` call, ").append(s(any, "message_bytes"))
                .append(" bytes of JSON, unique `messageId` |\n\n");

        md.append("#### Sustained throughput (closed loop, best sender count) and the raw JDBC baseline\n\n");
        md.append("| database | `/v1/track` (1) | `/v1/batch` of 1 | `/v1/batch` of 20 | `/v1/batch` of 100 | raw JDBC "
                + "baseline (batches of 100) | ratio batch 100 / baseline |\n|---|---:|---:|---:|---:|---:|---:|\n");
        for (String db : dbs) {
            Properties l = read(dir.resolve("load-" + db + ".properties"));
            Properties b = read(dir.resolve("baseline-" + db + ".properties"));
            if (l.isEmpty() && b.isEmpty()) {
                continue;
            }
            md.append("| ").append(label(db));
            for (String phase : List.of("track", "batch1", "batch20", "batch100")) {
                String k = best(l, phase);
                md.append(" | ").append(k == null ? "–" : n(l, k + "events_per_s") + " ev/s (" + s(l, k + "senders") + " senders)");
            }
            md.append(" | ").append(n(b, "baseline.events_per_s")).append(" ev/s");
            String k = best(l, "batch100");
            if (k != null && b.getProperty("baseline.events_per_s") != null) {
                double ratio = Double.parseDouble(l.getProperty(k + "events_per_s"))
                        / Double.parseDouble(b.getProperty("baseline.events_per_s"));
                md.append(" | **").append(String.format(Locale.ROOT, "%.2f", ratio)).append("**");
            } else {
                md.append(" | –");
            }
            md.append(" |\n");
        }
        md.append("\nTargets: ≥ 20,000 acknowledged events/s with batches of 100, and ≥ 0.5 × the raw JDBC baseline.\n\n");

        md.append("#### Every closed-loop run\n\nEach sender sends its next call as soon as the previous one is answered; "
                + "events are counted only from `200` answers inside the measured window. Latency is per call, "
                + "send to answer. \"group\" is the appender's average messages per transaction (from "
                + "`rapport_collect_group_size`). CPU is in cores (2.00 = both cores busy) over the window.\n\n");
        md.append("| database | path | batch | senders | ack'd events/s | calls/s | p50 ms | p99 ms | max ms | errors "
                + "| commits/s | group | GC pause | CPU server | CPU generator | CPU PostgreSQL | CPU other / idle |\n"
                + "|---|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (String db : dbs) {
            Properties l = read(dir.resolve("load-" + db + ".properties"));
            List<String> names = new ArrayList<>();
            for (String key : l.stringPropertyNames()) {
                if (key.startsWith("closed.") && key.endsWith(".events_per_s")) {
                    names.add(key.substring(0, key.length() - "events_per_s".length()));
                }
            }
            names.sort((a, c) -> {
                int byBatch = Integer.compare(Integer.parseInt(l.getProperty(a + "batch")), Integer.parseInt(l.getProperty(c + "batch")));
                if (byBatch != 0) {
                    return byBatch;
                }
                int byPath = l.getProperty(c + "path").compareTo(l.getProperty(a + "path"));
                return byPath != 0 ? byPath
                        : Integer.compare(Integer.parseInt(l.getProperty(a + "senders")), Integer.parseInt(l.getProperty(c + "senders")));
            });
            for (String k : names) {
                md.append("| ").append(label(db)).append(" | `").append(s(l, k + "path")).append("` | ")
                        .append(s(l, k + "batch")).append(" | ").append(s(l, k + "senders")).append(" | ")
                        .append(n(l, k + "events_per_s")).append(" | ").append(n(l, k + "calls_per_s")).append(" | ")
                        .append(s(l, k + "p50_ms")).append(" | ").append(s(l, k + "p99_ms")).append(" | ")
                        .append(s(l, k + "max_ms")).append(" | ").append(s(l, k + "errors")).append(" | ")
                        .append(n(l, k + "commits_per_s")).append(" | ").append(n(l, k + "group_avg")).append(" | ")
                        .append(s(l, k + "gc_pause_pct")).append("% | ")
                        .append(s(l, k + "cpu_server")).append(" | ").append(s(l, k + "cpu_client")).append(" | ")
                        .append(db.equals("postgres") ? s(l, k + "cpu_postgres") : "–").append(" | ")
                        .append(s(l, k + "cpu_other")).append(" / ").append(s(l, k + "cpu_idle")).append(" |\n");
            }
        }

        md.append("\n#### Ack latency at a fixed offered rate (open loop)\n\nCalls are sent on a fixed schedule whether "
                + "or not earlier ones were answered; latency runs from each call's *scheduled* send time to its "
                + "answer, so a stall is counted in full (no coordinated omission).\n\n");
        md.append("| database | offered | acked events/s | p50 ms | p99 ms | p99.9 ms | max ms | errors | group "
                + "| CPU server | CPU generator | CPU PostgreSQL | CPU other / idle |\n"
                + "|---|---|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|\n");
        for (String db : dbs) {
            Properties l = read(dir.resolve("load-" + db + ".properties"));
            for (String key : new java.util.TreeSet<>(l.stringPropertyNames()).descendingSet()) {
                if (!key.startsWith("open.") || !key.endsWith(".offered_events_per_s")) {
                    continue;
                }
                String k = key.substring(0, key.length() - "offered_events_per_s".length());
                md.append("| ").append(label(db)).append(" | ").append(n(l, k + "offered_events_per_s"))
                        .append(" events/s = ").append(n(l, k + "calls_per_s")).append(" calls/s × batch of ")
                        .append(s(l, k + "batch")).append(" | ").append(n(l, k + "acked_events_per_s")).append(" | ")
                        .append(s(l, k + "p50_ms")).append(" | ").append(s(l, k + "p99_ms")).append(" | ")
                        .append(s(l, k + "p999_ms")).append(" | ").append(s(l, k + "max_ms")).append(" | ")
                        .append(s(l, k + "errors"))
                        .append("0".equals(l.getProperty(k + "abandoned", "0")) ? ""
                                : "; " + n(l, k + "abandoned") + " calls not sent (schedule more than 5 s behind)")
                        .append(" | ").append(s(l, k + "group_avg")).append(" | ")
                        .append(s(l, k + "cpu_server")).append(" | ").append(s(l, k + "cpu_client")).append(" | ")
                        .append(db.equals("postgres") ? s(l, k + "cpu_postgres") : "–").append(" | ")
                        .append(s(l, k + "cpu_other")).append(" / ").append(s(l, k + "cpu_idle")).append(" |\n");
            }
        }
        md.append("\nTarget: p99 ack < 50 ms at 5,000 events/s offered.\n\n");

        md.append("#### Raw JDBC baseline detail\n\n| database | events/s | rows | per executeBatch+commit p50 / p99 ms "
                + "| avg payload bytes | CPU JDBC client | CPU PostgreSQL | CPU other / idle |\n|---|---:|---:|---|---:|---:|---:|---:|\n");
        for (String db : dbs) {
            Properties b = read(dir.resolve("baseline-" + db + ".properties"));
            if (b.isEmpty()) {
                continue;
            }
            md.append("| ").append(label(db)).append(" | ").append(n(b, "baseline.events_per_s")).append(" | ")
                    .append(n(b, "baseline.rows")).append(" | ").append(s(b, "baseline.batch_p50_ms")).append(" / ")
                    .append(s(b, "baseline.batch_p99_ms")).append(" | ").append(s(b, "baseline.avg_payload_bytes"))
                    .append(" | ").append(s(b, "baseline.cpu_client")).append(" | ")
                    .append(db.equals("postgres") ? s(b, "baseline.cpu_postgres") : "–").append(" | ")
                    .append(s(b, "baseline.cpu_other")).append(" / ").append(s(b, "baseline.cpu_idle")).append(" |\n");
        }
        String generated = md.toString();
        System.out.println();
        System.out.println(generated);

        writeBetween(Path.of(opt("doc")), "Ingest", BEGIN, END, generated);
    }

    /** The header of a run's report: date, command, and the machine table (without the closing blank line). */
    static void machineRows(StringBuilder md, Path dir, String command) throws IOException {
        Properties machine = read(dir.resolve("machine.properties"));
        md.append("Run of ").append(s(machine, "date")).append(" with `").append(command).append("`.\n\n");
        md.append("| machine | |\n|---|---|\n");
        md.append("| CPU | ").append(s(machine, "cpu")).append(" — `nproc` = ").append(s(machine, "nproc"))
                .append(" (load generator, Rapport and PostgreSQL share these cores) |\n");
        md.append("| memory | ").append(s(machine, "memory")).append(" |\n");
        md.append("| JDK | ").append(s(machine, "jdk")).append(" |\n");
        md.append("| Rapport JVM | `").append(s(machine, "server_jvm_flags")).append("` |\n");
        md.append("| load generator JVM | `").append(s(machine, "client_jvm_flags")).append("` |\n");
    }

    /** Puts {@code generated} between the markers in {@code doc}, keeping the text around them. */
    static void writeBetween(Path doc, String section, String begin, String end, String generated) throws IOException {
        String text = Files.exists(doc) ? Files.readString(doc) : "# Benchmarks\n";
        int b = text.indexOf(begin);
        int e = text.indexOf(end);
        if (b < 0 || e < b) {
            text = text + "\n## " + section + "\n\n" + begin + "\n" + end + "\n";
            b = text.indexOf(begin);
            e = text.indexOf(end);
        }
        text = text.substring(0, b + begin.length()) + "\n" + generated + text.substring(e);
        Files.createDirectories(doc.toAbsolutePath().getParent());
        Files.writeString(doc, text);
    }

    static String label(String db) {
        return db.equals("h2") ? "H2 (file)" : "PostgreSQL";
    }
}
