package io.rapport.console;

import java.io.IOException;
import java.io.Writer;
import java.util.function.Function;

import io.rapport.collect.Page;
import io.rapport.feedback.SurveyResponse;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * A survey's responses as CSV (RFC 4180, a header line, instants in ISO 8601 UTC, the answers as one JSON object),
 * newest first, read a page at a time while written; texts through {@link CsvCells}.
 */
final class SurveyResponseCsv {

    static final String[] HEADER = {"responseId", "answeredAt", "customerId", "identifier", "channel", "locale",
            "score", "complete", "comment", "orderId", "ticketId", "answers"};
    /** The most responses one export holds; narrow the filters for more. */
    static final int MAX_ROWS = 100_000;
    static final int PAGE_SIZE = 1_000;

    private static final JsonMapper JSON = JsonMapper.shared();

    private SurveyResponseCsv() {
    }

    /**
     * @param pages the page after a cursor ({@code null}: the first)
     * @param customerId the customer a response was made out to, if known
     */
    static void write(Writer out, Function<@Nullable String, Page<SurveyResponse>> pages,
            Function<SurveyResponse, @Nullable String> customerId) throws IOException {
        try (CSVPrinter csv = CSVFormat.RFC4180.builder().setHeader(HEADER).get().print(out)) {
            String cursor = null;
            int written = 0;
            do {
                Page<SurveyResponse> page = pages.apply(cursor);
                for (SurveyResponse r : page.items()) {
                    if (written++ == MAX_ROWS) {
                        return;
                    }
                    csv.printRecord(r.id(), r.answeredAt(), text(customerId.apply(r)), text(r.identifier()),
                            text(r.channel()), text(r.locale()), r.score() == null ? "" : r.score(), r.complete(),
                            text(r.comment()), text(r.orderId()), text(r.ticketId()),
                            CsvCells.text(JSON.writeValueAsString(r.answers())));
                }
                cursor = page.next();
            } while (cursor != null);
        }
    }

    private static String text(@Nullable String value) {
        return value == null ? "" : CsvCells.text(value);
    }
}
