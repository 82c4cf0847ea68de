package io.rapport.insight.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;

/**
 * The CDNOW 1/10 sample of Fader, Hardie &amp; Lee (2005), read from the shared data sets (its licence is unclear, so
 * it is not in the repository): {@code ../shared/datasets/cdnow/}, or {@code -Drapport.test.datasets=<folder>}.
 * Tests that need it are skipped when it is missing.
 */
final class Cdnow {

    /** The last day of the 39-week calibration period and of the 39-week hold-out period. */
    static final LocalDate CALIBRATION_END = LocalDate.of(1997, 9, 30);
    static final LocalDate HOLD_OUT_END = LocalDate.of(1998, 6, 30);
    static final double HOLD_OUT_WEEKS = 39;

    private Cdnow() {
    }

    static Path folder() {
        Path folder = Path.of(System.getProperty("rapport.test.datasets", "../shared/datasets")).resolve("cdnow");
        Assumptions.assumeTrue(Files.isRegularFile(folder.resolve("CDNOW_sample.txt")), () -> "The CDNOW data set is"
                + " not at " + folder.toAbsolutePath() + " (set -Drapport.test.datasets=<folder> to run this test)");
        return folder;
    }

    /**
     * Each customer's purchase days, in the order of their sample ids: {@code CDNOW_sample.txt} has the columns
     * master id, sample id, date (yyyyMMdd), number of CDs, dollar value; one day's transactions are summed.
     */
    static List<PurchaseDays> sample() {
        Map<String, Map<LocalDate, Double>> byCustomer = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(folder().resolve("CDNOW_sample.txt"))) {
                String[] f = line.strip().split("\\s+");
                if (f.length < 5) {
                    continue;
                }
                LocalDate day = LocalDate.parse(f[2], DateTimeFormatter.BASIC_ISO_DATE);
                byCustomer.computeIfAbsent(f[1], id -> new java.util.TreeMap<>())
                        .merge(day, Double.parseDouble(f[4]), Double::sum);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<PurchaseDays> customers = new ArrayList<>();
        byCustomer.values().forEach(days -> customers.add(new PurchaseDays(
                days.entrySet().stream().map(d -> new PurchaseDays.Day(d.getKey(), d.getValue())).toList())));
        return customers;
    }

    /** {@code cdnow_customers_summary_with_transactions.csv}: ID,x,t_x,T,zbar as lifetimes ships it. */
    static List<RepeatBuyer> publishedSummaries() {
        try {
            return Files.readAllLines(folder().resolve("cdnow_customers_summary_with_transactions.csv")).stream()
                    .skip(1).map(line -> line.split(","))
                    .map(f -> new RepeatBuyer(Integer.parseInt(f[1]), Double.parseDouble(f[2]),
                            Double.parseDouble(f[3]), Double.parseDouble(f[4])))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
