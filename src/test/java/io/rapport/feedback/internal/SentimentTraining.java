package io.rapport.feedback.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.rapport.feedback.Sentiment;
import io.rapport.feedback.internal.LabelledTexts.DataSet;
import io.rapport.feedback.internal.LabelledTexts.Labelled;
import opennlp.tools.doccat.DoccatFactory;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.doccat.DocumentCategorizerME;
import opennlp.tools.doccat.DocumentSample;
import opennlp.tools.util.CollectionObjectStream;
import opennlp.tools.util.TrainingParameters;

/**
 * Trains Rapport's sentiment models: an OpenNLP maximum-entropy document categorizer (GIS, one thread, so the
 * same data give the same model) over {@link SentimentModel#features}, on the training part of a data set's
 * fixed split (positive and negative texts). Run by {@code bench/text-analytics.sh train}, which writes the models
 * that ship — English from the UCI Amazon sentences, Indonesian from PRDECT-ID, both CC BY 4.0 — and the
 * held-out part of PRDECT-ID that the tests read.
 */
final class SentimentTraining {

    static final int ITERATIONS = 300;
    static final int CUTOFF = 1;

    /** The data sets whose licences allow shipping a model trained on them. */
    static final List<DataSet> SHIPPED = List.of(DataSet.UCI_AMAZON, DataSet.PRDECT_ID);

    private SentimentTraining() {
    }

    static DoccatModel train(TextLanguage language, SentimentLexicon lexicon, List<Labelled> texts) throws IOException {
        List<DocumentSample> samples = texts.stream()
                .filter(t -> t.label() != Sentiment.NEUTRAL)
                .map(t -> new DocumentSample(t.label() == Sentiment.POSITIVE ? SentimentModel.POSITIVE
                        : SentimentModel.NEGATIVE, features(language, lexicon, t.text())))
                .toList();
        TrainingParameters parameters = new TrainingParameters();
        parameters.put(TrainingParameters.ALGORITHM_PARAM, "MAXENT");
        parameters.put(TrainingParameters.ITERATIONS_PARAM, ITERATIONS);
        parameters.put(TrainingParameters.CUTOFF_PARAM, CUTOFF);
        parameters.put(TrainingParameters.THREADS_PARAM, 1);
        return DocumentCategorizerME.train(language.code, new CollectionObjectStream<>(samples), parameters,
                new DoccatFactory());
    }

    private static String[] features(TextLanguage language, SentimentLexicon lexicon, String text) {
        List<Terms.Term> terms = Terms.of(language.terms, text);
        return SentimentModel.features(terms, lexicon.read(terms));
    }

    /**
     * Writes {@code <code>.bin} for every shipped data set into the first argument's folder and the held-out part
     * of PRDECT-ID into the second's.
     */
    public static void main(String[] args) throws IOException {
        Path models = Path.of(args[0]);
        Path testResources = Path.of(args[1]);
        for (DataSet set : SHIPPED) {
            List<Labelled> texts = LabelledTexts.load(set).orElseThrow(() -> new IllegalStateException(
                    set + " is not at " + LabelledTexts.datasets().resolve(set.file).toAbsolutePath()
                            + " (set -Drapport.test.datasets=<folder>)"));
            List<Labelled> training = LabelledTexts.training(texts);
            DoccatModel model = train(set.language, SentimentLexicon.of(set.language), training);
            Path file = models.resolve(set.language.code + ".bin");
            try (OutputStream out = Files.newOutputStream(file)) {
                model.serialize(out);
            }
            Map<Sentiment, Long> labels = training.stream()
                    .collect(Collectors.groupingBy(Labelled::label, Collectors.counting()));
            System.out.printf("%s: %s trained on %d texts %s%n", set, file, training.size(), labels);
        }
        List<Labelled> prdectTest = LabelledTexts.test(LabelledTexts.load(DataSet.PRDECT_ID).orElseThrow());
        String lines = prdectTest.stream()
                .map(t -> t.label() + "\t" + t.text().replaceAll("\\s+", " "))
                .collect(Collectors.joining("\n", "", "\n"));
        Files.writeString(testResources.resolve(LabelledTexts.PRDECT_ID_TEST), lines, StandardCharsets.UTF_8);
        System.out.printf("PRDECT_ID: %d held-out texts written to the tests%n", prdectTest.size());
    }
}
