package io.rapport.commerce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.rapport.collect.ImportUploads;
import io.rapport.testing.RapportClient;
import io.rapport.testing.RapportTest;
import io.rapport.testing.TestDatabase;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How long the commerce projector takes to project the whole UCI Online Retail log (25,900 invoices, about 530,000
 * order lines) from nothing, and to replay it over what it already built. Not part of the suite (the class name
 * does not end in Test): run it with
 * {@code ./mvnw -B test -Dtest=CommerceCatchUpBenchmark -Drapport.test.datasets=/work/shared/datasets}; it runs on
 * H2 and on PostgreSQL like every test, and prints one line per measurement (see docs/benchmarks.md).
 * {@code -Drapport.bench.rounds=<n>} (default 2) sets how many times each is measured.
 */
@RapportTest
@DirtiesContext
class CommerceCatchUpBenchmark {

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        TestDatabase.isolated("commerce_bench").forEach((key, value) -> registry.add(key, () -> value));
    }

    private static final List<String> TABLES = List.of("commerce_products", "commerce_orders", "commerce_order_lines",
            "commerce_refunds", "commerce_coupons", "commerce_carts", "commerce_cart_events", "commerce_problems");

    @Autowired
    RapportClient rapport;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void projecting_and_replaying_the_uci_log() throws IOException {
        Path folder = Path.of(System.getProperty("rapport.test.datasets", "../shared/datasets"))
                .resolve("online-retail-uci/full");
        Assumptions.assumeTrue(Files.isDirectory(folder), "The UCI Online Retail data set is not at "
                + folder.toAbsolutePath() + " (set -Drapport.test.datasets=<folder> to run this benchmark)");
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".csv.gz")).sorted().toList();
        }
        String source = rapport.newSource("IMPORT").id();
        List<String> jobs = new ArrayList<>();
        for (Path file : files) {
            RapportClient.Response response = ImportUploads.upload(rapport, file.getFileName().toString(),
                    Files.readAllBytes(file), "uci-online-retail", source);
            assertThat(response.status()).as(response.toString()).isEqualTo(202);
            jobs.add(response.json().get("id").stringValue());
        }
        for (String id : jobs) {
            assertThat(ImportUploads.waitFor(rapport, id, Duration.ofMinutes(10)).get("status").stringValue())
                    .isEqualTo("COMPLETED");
        }
        String writeKey = jdbc.sql("select write_key from sources where id = cast(? as uuid)").param(source)
                .query(String.class).single();
        awaitCaughtUp();
        Map<String, Long> imported = tallies();

        long events = jdbc.sql("select count(*) from events").query(Long.class).single();
        String database = System.getProperty("rapport.test.database", "?");
        System.out.printf("commerce catch-up [%s]: %d events, %s%n", database, events, imported);
        int rounds = Integer.getInteger("rapport.bench.rounds", 2);
        for (int round = 1; round <= rounds; round++) {
            transactions.executeWithoutResult(status -> {
                TABLES.forEach(table -> jdbc.sql("delete from " + table).update());
                jdbc.sql("update consumer_checkpoints set position = 0 where consumer = 'commerce.projector'").update();
            });
            Measurement full = measure(writeKey);
            assertThat(tallies()).isEqualTo(imported);
            System.out.printf("commerce catch-up [%s] round %d, from nothing: %s%n", database, round,
                    full.describe(events));

            jdbc.sql("update consumer_checkpoints set position = 0 where consumer = 'commerce.projector'").update();
            Measurement replay = measure(writeKey);
            assertThat(tallies()).isEqualTo(imported);
            System.out.printf("commerce catch-up [%s] round %d, replay:       %s%n", database, round,
                    replay.describe(events));
        }
    }

    /** CPU in seconds of this JVM (Rapport and the benchmark), of PostgreSQL's processes, and of the machine. */
    private record Cpu(double jvm, double postgres, double machine) {

        static Cpu now() throws IOException {
            double jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime() / 1e9;
            double postgres = 0;
            try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
                for (Path process : processes.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                    try {
                        String stat = Files.readString(process.resolve("stat"));
                        if (stat.contains("(postgres)")) {
                            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                            postgres += (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
                        }
                    } catch (IOException e) {
                        // the process ended meanwhile
                    }
                }
            }
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).getFirst().split("\\s+");
            double busy = (Long.parseLong(cpu[1]) + Long.parseLong(cpu[2]) + Long.parseLong(cpu[3])) / 100.0;
            return new Cpu(jvm, postgres, busy);
        }
    }

    private record Measurement(double seconds, Cpu before, Cpu after) {

        String describe(long events) {
            double jvm = after.jvm() - before.jvm();
            double postgres = after.postgres() - before.postgres();
            double other = Math.max(0, after.machine() - before.machine() - jvm - postgres);
            return String.format("%.1f s = %.0f events/s; CPU cores: Rapport %.2f, PostgreSQL %.2f, other %.2f",
                    seconds, events / seconds, jvm / seconds, postgres / seconds, other / seconds);
        }
    }

    /** Wakes the consumers with one event of no interest to commerce and times them until commerce is caught up. */
    private Measurement measure(String writeKey) throws IOException {
        Cpu before = Cpu.now();
        long start = System.nanoTime();
        assertThat(rapport.track("/v1/track", writeKey, "{\"anonymousId\":\"bench\",\"event\":\"Benchmark Started\"}")
                .status()).isEqualTo(200);
        awaitCaughtUp();
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Measurement(seconds, before, Cpu.now());
    }

    private void awaitCaughtUp() {
        long head = jdbc.sql("select max(seq) from events").query(Long.class).single();
        await().atMost(Duration.ofMinutes(15)).pollInterval(Duration.ofMillis(20)).until(() -> jdbc.sql(
                "select position from consumer_checkpoints where consumer = 'commerce.projector'")
                .query(Long.class).optional().orElse(0L) >= head);
    }

    private Map<String, Long> tallies() {
        return Map.of(
                "orders", count("select count(*) from commerce_orders"),
                "completed", count("select count(*) from commerce_orders where status = 'COMPLETED'"),
                "lines", count("select count(*) from commerce_order_lines"),
                "units", count("select coalesce(sum(quantity), 0) from commerce_order_lines"),
                "refunds", count("select count(*) from commerce_refunds"),
                "products", count("select count(*) from commerce_products"),
                "problems", count("select count(*) from commerce_problems"));
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}
