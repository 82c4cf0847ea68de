package io.rapport.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.util.Locale;
import java.util.stream.Collectors;

import io.rapport.customer.CustomerDirectory;
import io.rapport.customer.CustomerFilter;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jspecify.annotations.Nullable;

/**
 * Customers as CSV (RFC 4180, a header line, instants in ISO 8601 UTC), written while they are read; texts through
 * {@link CsvCells}, so a spreadsheet does not run them as formulas.
 */
final class CustomerCsv {

    static final String[] HEADER = {"id", "name", "email", "userId", "firstSeen", "lastSeen", "channels", "events"};

    private CustomerCsv() {
    }

    static void write(Writer out, CustomerDirectory directory, CustomerFilter filter) throws IOException {
        try (CSVPrinter csv = CSVFormat.RFC4180.builder().setHeader(HEADER).get().print(out)) {
            directory.forEach(filter, customer -> {
                CustomerLine line = CustomerLine.of(customer);
                try {
                    csv.printRecord(line.id(), CsvCells.text(line.name()), CsvCells.text(line.email()),
                            CsvCells.text(line.userId()),
                            instant(line.firstSeen()), instant(line.lastSeen()),
                            line.channels().stream().map(c -> c.name().toLowerCase(Locale.ROOT))
                                    .collect(Collectors.joining(",")),
                            line.events());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static String instant(@Nullable Instant instant) {
        return instant == null ? "" : instant.toString();
    }
}
