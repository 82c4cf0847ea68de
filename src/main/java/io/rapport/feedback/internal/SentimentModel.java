package io.rapport.feedback.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.rapport.feedback.internal.Terms.Term;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.doccat.DocumentCategorizerME;

/**
 * A trained sentiment classifier of one language: an Apache OpenNLP document categorizer (maximum entropy) over
 * the text's terms (those a negator turns marked with "!"), its pairs of neighbouring terms, and what the
 * language's lexicon reads in it. Its score is P(positive) − P(negative), halved when the lexicon finds no
 * sentiment word in the text: the words of a small training set alone are weaker evidence, and a factual text
 * ("the parcel held two boxes") should read neutral rather than take the colour of the reviews it resembles.
 *
 * <p>Models ship only where a licence allows training on a labelled set and shipping the result; see
 * {@code sentiment/NOTICE} and docs/text-analytics.md for the data, the command that trains them, and their
 * evaluation.
 */
final class SentimentModel {

    static final String POSITIVE = "positive";
    static final String NEGATIVE = "negative";

    private final DoccatModel model;
    private final SentimentLexicon lexicon;

    SentimentModel(DoccatModel model, SentimentLexicon lexicon) {
        this.model = model;
        this.lexicon = lexicon;
    }

    /** The model shipped for a language, if there is one ({@code sentiment/<code>.bin}). */
    static Optional<SentimentModel> of(TextLanguage language, SentimentLexicon lexicon) {
        try (InputStream in = SentimentModel.class.getResourceAsStream("sentiment/" + language.code + ".bin")) {
            return in == null ? Optional.empty() : Optional.of(new SentimentModel(new DoccatModel(in), lexicon));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    double score(List<Term> terms) {
        SentimentLexicon.Reading reading = lexicon.read(terms);
        // A categorizer per call: it is cheap, and DocumentCategorizerME is not documented as thread-safe.
        DocumentCategorizerME categorizer = new DocumentCategorizerME(model);
        double[] probabilities = categorizer.categorize(features(terms, reading));
        double margin = probabilities[categorizer.getIndex(POSITIVE)] - probabilities[categorizer.getIndex(NEGATIVE)];
        return reading.positive() + reading.negative() == 0 ? margin / 2 : margin;
    }

    /** The features of a text, the same for training and for use. */
    static String[] features(List<Term> terms, SentimentLexicon.Reading reading) {
        List<String> features = new ArrayList<>(terms.size() * 2 + 4);
        String previous = null;
        for (int i = 0; i < terms.size(); i++) {
            Term term = terms.get(i);
            String word = (reading.negated()[i] ? "!" : "") + term.text();
            features.add(word);
            if (previous != null && !term.startsClause()) {
                features.add(previous + "_" + word);
            }
            previous = word;
        }
        // The lexicon's reading: its score in steps of a quarter, and how many words each way.
        features.add("lexicon=" + Math.round(reading.score() * 4));
        features.add("lexicon+" + Math.min(reading.positive(), 3));
        features.add("lexicon-" + Math.min(reading.negative(), 3));
        return features.toArray(String[]::new);
    }
}
