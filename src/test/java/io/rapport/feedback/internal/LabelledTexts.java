package io.rapport.feedback.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.zip.CRC32;

import io.rapport.feedback.Sentiment;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * The labelled texts that Rapport's sentiment is trained and evaluated on, with one fixed split: a text belongs to
 * the held-out test part when the CRC-32 of its normalised form (lower case, letters and digits only) ends in
 * 0, 1 or 2 modulo 10 — about 30 %. Equal texts (the data sets hold duplicates) thus always fall on the same side,
 * so no test text is ever seen in training.
 */
final class LabelledTexts {

    record Labelled(String text, Sentiment label) {
    }

    /** A data set of one language; see docs/text-analytics.md for origins and licences. */
    enum DataSet {
        /** UCI "Sentiment Labelled Sentences", Amazon part (Kotzias et al., KDD 2015; CC BY 4.0), in the tests. */
        UCI_AMAZON(TextLanguage.ENGLISH, "sentiment/amazon_cells_labelled.txt"),
        /** PRDECT-ID, Indonesian Tokopedia reviews (Sutoyo et al. 2022; CC BY 4.0); held-out part in the tests. */
        PRDECT_ID(TextLanguage.INDONESIAN, "prdect-id-indonesian-reviews/PRDECT-ID_Dataset.csv"),
        /** Olist classified reviews, Portuguese (CC BY-NC-SA 4.0): evaluation only, never shipped. */
        OLIST(TextLanguage.PORTUGUESE, "olist-classified-reviews/olist_classified_public_dataset.csv"),
        /** Souq.com product reviews, Arabic (ElSahar &amp; El-Beltagy 2015; no licence stated): evaluation only. */
        SOUQ(TextLanguage.ARABIC, "arabic-souq-product-reviews/PROD.csv");

        final TextLanguage language;
        final String file;

        DataSet(TextLanguage language, String file) {
            this.language = language;
            this.file = file;
        }
    }

    /** The held-out part of PRDECT-ID, kept in the tests (CC BY 4.0, see ATTRIBUTION.md beside it). */
    static final String PRDECT_ID_TEST = "sentiment/prdect-id-test.tsv";

    private LabelledTexts() {
    }

    /** Where the shared data sets are: {@code ../shared/datasets} or {@code -Drapport.test.datasets=<folder>}. */
    static Path datasets() {
        return Path.of(System.getProperty("rapport.test.datasets", "../shared/datasets"));
    }

    static boolean isTest(String text) {
        CRC32 crc = new CRC32();
        crc.update(normalized(text).getBytes(StandardCharsets.UTF_8));
        return crc.getValue() % 10 < 3;
    }

    static List<Labelled> test(List<Labelled> texts) {
        return texts.stream().filter(t -> isTest(t.text())).toList();
    }

    static List<Labelled> training(List<Labelled> texts) {
        return texts.stream().filter(Predicate.not(t -> isTest(t.text()))).toList();
    }

    /** All texts of a data set, or empty when the file is not there. */
    static Optional<List<Labelled>> load(DataSet set) {
        if (set == DataSet.UCI_AMAZON) {
            return Optional.of(amazon(resource(set.file)));
        }
        Path file = datasets().resolve(set.file);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return Optional.of(switch (set) {
                case PRDECT_ID -> prdectId(reader);
                case OLIST -> olist(reader);
                case SOUQ -> souq(reader);
                case UCI_AMAZON -> throw new AssertionError();
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The held-out PRDECT-ID texts from the copy in the tests: label, tab, text per line. */
    static List<Labelled> prdectIdTest() {
        List<Labelled> texts = new ArrayList<>();
        for (String line : resource(PRDECT_ID_TEST).split("\n")) {
            String[] fields = line.split("\t", 2);
            texts.add(new Labelled(fields[1], Sentiment.valueOf(fields[0])));
        }
        return texts;
    }

    /** Sentence, tab, 1 (positive) or 0 (negative). */
    private static List<Labelled> amazon(String content) {
        List<Labelled> texts = new ArrayList<>();
        for (String line : content.split("\n")) {
            int tab = line.lastIndexOf('\t');
            texts.add(new Labelled(line.substring(0, tab).strip(),
                    line.substring(tab + 1).strip().equals("1") ? Sentiment.POSITIVE : Sentiment.NEGATIVE));
        }
        return texts;
    }

    /** The "Sentiment" column (Positive, Negative) of the review text; two rows without one are left out. */
    private static List<Labelled> prdectId(Reader reader) throws IOException {
        List<Labelled> texts = new ArrayList<>();
        for (CSVRecord row : CSVFormat.DEFAULT.builder().setDelimiter(';').setHeader().get().parse(reader)) {
            String sentiment = row.get("Sentiment");
            if (!sentiment.isBlank()) {
                texts.add(new Labelled(row.get("Customer Review").strip(),
                        Sentiment.valueOf(sentiment.toUpperCase(Locale.ROOT))));
            }
        }
        return texts;
    }

    /**
     * The review's title and message; the label from its score: 1–2 negative, 3 neutral, 4–5 positive. (The
     * annotators' complaint classes would serve too, but the score is the customer's own verdict.)
     */
    private static List<Labelled> olist(Reader reader) throws IOException {
        List<Labelled> texts = new ArrayList<>();
        for (CSVRecord row : CSVFormat.DEFAULT.builder().setHeader().setAllowMissingColumnNames(true).get()
                .parse(reader)) {
            String text = (row.get("review_comment_title").strip() + "\n" + row.get("review_comment_message").strip())
                    .strip();
            if (!text.isEmpty()) {
                int score = Integer.parseInt(row.get("review_score"));
                texts.add(new Labelled(text, score <= 2 ? Sentiment.NEGATIVE
                        : score == 3 ? Sentiment.NEUTRAL : Sentiment.POSITIVE));
            }
        }
        return texts;
    }

    /** Text and polarity −1, 0 or 1. */
    private static List<Labelled> souq(Reader reader) throws IOException {
        List<Labelled> texts = new ArrayList<>();
        for (CSVRecord row : CSVFormat.DEFAULT.builder().setHeader().get().parse(reader)) {
            int polarity = Integer.parseInt(row.get("polarity").strip());
            texts.add(new Labelled(row.get("text").strip(), polarity < 0 ? Sentiment.NEGATIVE
                    : polarity == 0 ? Sentiment.NEUTRAL : Sentiment.POSITIVE));
        }
        return texts;
    }

    static String normalized(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }

    private static String resource(String name) {
        try (InputStream in = LabelledTexts.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("No test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
