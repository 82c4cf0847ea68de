package io.rapport.feedback.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

import io.rapport.feedback.internal.LabelledTexts.DataSet;
import io.rapport.feedback.internal.LabelledTexts.Labelled;
import io.rapport.feedback.internal.SentimentEvaluation.Result;
import opennlp.tools.doccat.DoccatModel;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the measured figures into docs/text-analytics.md between its markers, as {@code bench/text-analytics.sh}
 * asks: {@code evaluate <doc>} evaluates sentiment and language detection on the held-out part of every labelled
 * data set at hand; {@code throughput <doc> <jmh-result.json>} tabulates a run of {@link TextAnalyticsBenchmark}.
 */
final class TextAnalyticsReport {

    private TextAnalyticsReport() {
    }

    public static void main(String[] args) throws IOException {
        Path doc = Path.of(args[1]);
        switch (args[0]) {
            case "evaluate" -> replace(doc, "evaluation", evaluation());
            case "throughput" -> replace(doc, "throughput", throughput(Path.of(args[2])));
            default -> throw new IllegalArgumentException("evaluate <doc> | throughput <doc> <jmh-result.json>");
        }
        System.out.println("Written to " + doc);
    }

    private static String evaluation() throws IOException {
        TextAnalytics analytics = new TextAnalytics();
        List<String> twoClass = new ArrayList<>();
        List<String> threeClass = new ArrayList<>();
        List<String> languages = new ArrayList<>();
        for (DataSet set : DataSet.values()) {
            Optional<List<Labelled>> loaded = LabelledTexts.load(set);
            if (loaded.isEmpty()) {
                System.out.println(set + ": not at hand, left out");
                continue;
            }
            List<Labelled> training = LabelledTexts.training(loaded.get());
            List<Labelled> test = LabelledTexts.test(loaded.get());
            TextLanguage language = set.language;
            SentimentLexicon lexicon = analytics.lexicon(language);
            List<Approach> approaches = new ArrayList<>();
            approaches.add(new Approach("plain lexicon (sum of word valences)",
                    text -> lexicon.plainScore(Terms.of(language.terms, text))));
            approaches.add(new Approach("Rapport lexicon with rules",
                    text -> lexicon.read(Terms.of(language.terms, text)).score()));
            String shipped = analytics.model(language).isPresent() ? "**shipped: trained model**"
                    : "**shipped: lexicon with rules**";
            approaches.add(new Approach(shipped, text -> analytics.sentiment(language, Terms.of(language.terms, text))));
            approaches.add(new Approach("shipped, language detected", text -> analytics.analyze(text).score()));
            if (!SentimentTraining.SHIPPED.contains(set)) {
                DoccatModel model = SentimentTraining.train(language, lexicon, training);
                SentimentModel own = new SentimentModel(model, lexicon);
                approaches.add(new Approach("model trained on this set (comparison only, cannot ship)",
                        text -> own.score(Terms.of(language.terms, text))));
            }
            String name = set.name().toLowerCase(Locale.ROOT).replace('_', '-') + " (" + language.code + ")";
            List<Labelled> polarTest = SentimentEvaluation.twoClass(test);
            twoClass.add(row(name, "majority class", SentimentEvaluation.majority(
                    SentimentEvaluation.twoClass(training), polarTest)));
            boolean neutrals = polarTest.size() < test.size();
            if (neutrals) {
                threeClass.add(row(name, "majority class", SentimentEvaluation.majority(training, test)));
            }
            for (Approach approach : approaches) {
                twoClass.add(row(name, approach.name(), SentimentEvaluation.twoClass(test, approach.scorer())));
                if (neutrals) {
                    threeClass.add(row(name, approach.name(), SentimentEvaluation.threeClass(test, approach.scorer())));
                }
                System.out.println(twoClass.getLast());
            }
            long detected = test.stream().filter(t -> analytics.analyze(t.text()).language().equals(language.code))
                    .count();
            languages.add("| %s | %,d | %.1f %% |".formatted(name, test.size(), 100.0 * detected / test.size()));
        }
        return String.join("\n", List.of(
                "Two classes (positive, negative), held-out part of each set:", "",
                "| data set | approach | texts | accuracy | macro-F1 |", "|---|---|---:|---:|---:|",
                String.join("\n", twoClass), "",
                "Three classes (with the neutral texts: Olist score 3, Souq polarity 0):", "",
                "| data set | approach | texts | accuracy | macro-F1 |", "|---|---|---:|---:|---:|",
                String.join("\n", threeClass), "",
                "Language detection (`TextAnalyzer.analyze` without a hint) on the same held-out texts:", "",
                "| data set | texts | detected as the set's language |", "|---|---:|---:|",
                String.join("\n", languages)));
    }

    /** The benchmark's score with its 99.9 % confidence interval, and what it ran on. */
    private static String throughput(Path jmhResult) throws IOException {
        JsonNode run = JsonMapper.shared().readTree(jmhResult.toFile()).get(0);
        JsonNode metric = run.get("primaryMetric");
        String[] texts = new TextAnalyticsBenchmark.Texts().loaded();
        double meanLength = Arrays.stream(texts).mapToInt(String::length).average().orElse(0);
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("?");
        return String.join("\n", List.of(
                "Run of %s with `bench/text-analytics.sh throughput`.".formatted(LocalDate.now()), "",
                "| | |", "|---|---|",
                "| CPU | %s, %d logical CPUs |".formatted(cpu, Runtime.getRuntime().availableProcessors()),
                "| JDK | %s |".formatted(run.get("vmName").asString() + " " + run.get("jdkVersion").asString()),
                "| JMH | %s threads, %s warm-up × %s, %s measured × %s, JVM %s |".formatted(
                        run.get("threads").asString(), run.get("warmupIterations").asString(),
                        run.get("warmupTime").asString(), run.get("measurementIterations").asString(),
                        run.get("measurementTime").asString(), run.get("jvmArgs").toString()),
                "| texts | %,d reviews (en, id%s), mean %.0f characters, cycled in a fixed shuffled order |"
                        .formatted(texts.length, LabelledTexts.load(DataSet.OLIST).isPresent() ? ", pt, ar" : "",
                                meanLength), "",
                "| operation | texts per second (2 threads) | 99.9 % interval |", "|---|---:|---:|",
                "| `TextAnalyzer.analyze(text)`: language, sentiment, topics | **%,.0f** | ± %,.0f |".formatted(
                        metric.get("score").asDouble(), metric.get("scoreError").asDouble())));
    }

    private static void replace(Path doc, String marker, String text) throws IOException {
        String begin = "<!-- " + marker + ":begin (generated by bench/text-analytics.sh " + marker.replace(
                "evaluation", "evaluate") + ") -->";
        String end = "<!-- " + marker + ":end -->";
        String content = Files.readString(doc);
        int from = content.indexOf(begin);
        int to = content.indexOf(end);
        if (from < 0 || to < 0) {
            throw new IllegalStateException(doc + " has no " + begin + " … " + end + " markers");
        }
        Files.writeString(doc, content.substring(0, from + begin.length()) + "\n" + text + "\n" + content.substring(to));
    }

    private record Approach(String name, ToDoubleFunction<String> scorer) {
    }

    private static String row(String set, String approach, Result result) {
        return "| %s | %s | %,d | %.3f | %.3f |".formatted(set, approach, result.texts(), result.accuracy(),
                result.macroF1());
    }
}
