package io.rapport.feedback.internal;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

import io.rapport.feedback.Sentiment;
import io.rapport.feedback.TextAnalysis;
import io.rapport.feedback.internal.LabelledTexts.Labelled;

/**
 * Accuracy and macro-F1 of a sentiment scorer on labelled texts. Two-class: positive and negative texts only, the
 * score's sign decides (a score of 0 — nothing found — counts as positive, the more common class of reviews).
 * Three-class: all texts, scores within ±{@link TextAnalysis#NEUTRAL_BAND} are neutral.
 */
final class SentimentEvaluation {

    record Result(int texts, double accuracy, double macroF1) {
    }

    private SentimentEvaluation() {
    }

    static List<Labelled> twoClass(List<Labelled> texts) {
        return texts.stream().filter(t -> t.label() != Sentiment.NEUTRAL).toList();
    }

    static Result twoClass(List<Labelled> texts, ToDoubleFunction<String> scorer) {
        List<Labelled> polar = twoClass(texts);
        return result(polar, polar.stream()
                .map(t -> scorer.applyAsDouble(t.text()) >= 0 ? Sentiment.POSITIVE : Sentiment.NEGATIVE).toList());
    }

    static Result threeClass(List<Labelled> texts, ToDoubleFunction<String> scorer) {
        return result(texts, texts.stream().map(t -> TextAnalysis.sentimentOf(scorer.applyAsDouble(t.text()))).toList());
    }

    /** Every text gets the label that is most common in the training texts. */
    static Result majority(List<Labelled> training, List<Labelled> test) {
        Sentiment common = training.stream().filter(t -> test.stream().anyMatch(u -> u.label() == t.label()))
                .collect(Collectors.groupingBy(Labelled::label, Collectors.counting()))
                .entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        return result(test, test.stream().map(t -> common).toList());
    }

    private static Result result(List<Labelled> texts, List<Sentiment> predicted) {
        Map<Sentiment, int[]> counts = new EnumMap<>(Sentiment.class); // true positives, predicted, actual
        int correct = 0;
        for (int i = 0; i < texts.size(); i++) {
            Sentiment actual = texts.get(i).label();
            Sentiment guess = predicted.get(i);
            counts.computeIfAbsent(actual, s -> new int[3])[2]++;
            counts.computeIfAbsent(guess, s -> new int[3])[1]++;
            if (actual == guess) {
                counts.get(actual)[0]++;
                correct++;
            }
        }
        double f1Sum = 0;
        int classes = 0;
        for (int[] c : counts.values()) {
            if (c[2] == 0) {
                continue; // a class that no text has does not count
            }
            double precision = c[1] == 0 ? 0 : (double) c[0] / c[1];
            double recall = (double) c[0] / c[2];
            f1Sum += precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            classes++;
        }
        return new Result(texts.size(), (double) correct / texts.size(), f1Sum / classes);
    }
}
