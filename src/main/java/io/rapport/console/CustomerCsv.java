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
 * Customers as CSV (RFC 4180, a header line, instants in ISO 8601 UTC), written while they are read. A cell that
 * starts with {@code = + - @}, a tab or a carriage return gets a leading apostrophe, so a spreadsheet shows it as
 * text instead of running it as a formula (OWASP "CSV injection").
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
                    csv.printRecord(line.id(), cell(line.name()), cell(line.email()), cell(line.userId()),
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

    /** Text a spreadsheet takes as text. */
    static String cell(String text) {
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            return "'" + text;
        }
        return text;
    }

    private static String instant(@Nullable Instant instant) {
        return instant == null ? "" : instant.toString();
    }
}
