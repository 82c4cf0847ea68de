package io.rapport.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Locale;

import io.rapport.feedback.FeedbackFilter;
import io.rapport.feedback.FeedbackInbox;
import io.rapport.feedback.FeedbackItem;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jspecify.annotations.Nullable;

/**
 * Feedback items as CSV (RFC 4180, a header line, instants in ISO 8601 UTC), written while they are read; every
 * text cell is made safe for spreadsheets as in {@link CustomerCsv#cell}.
 */
final class FeedbackCsv {

    static final String[] HEADER = {"id", "receivedAt", "source", "sourceId", "author", "surveyId", "surveyType",
            "score", "language", "sentiment", "sentimentScore", "topics", "channel", "orderId", "ticketId", "text"};

    private FeedbackCsv() {
    }

    static void write(Writer out, FeedbackInbox inbox, FeedbackFilter filter) throws IOException {
        try (CSVPrinter csv = CSVFormat.RFC4180.builder().setHeader(HEADER).get().print(out)) {
            inbox.forEach(filter, item -> {
                try {
                    csv.printRecord(item.id(), item.receivedAt(), item.source(), cell(item.sourceId()),
                            cell(item.identifier()), item.surveyId() == null ? "" : item.surveyId(),
                            item.surveyType() == null ? "" : item.surveyType(),
                            item.score() == null ? "" : item.score(), item.analysis().language(),
                            item.analysis().sentiment().name().toLowerCase(Locale.ROOT),
                            String.format(Locale.ROOT, "%.3f", item.analysis().score()),
                            cell(String.join(",", item.analysis().topics())), cell(item.channel()),
                            cell(item.orderId()), cell(item.ticketId()), cell(item.text()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static String cell(@Nullable String text) {
        return text == null ? "" : CsvCells.text(text);
    }
}
