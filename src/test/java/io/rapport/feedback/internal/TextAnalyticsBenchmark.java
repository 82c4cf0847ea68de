package io.rapport.feedback.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import io.rapport.feedback.TextAnalysis;
import io.rapport.feedback.internal.LabelledTexts.DataSet;
import io.rapport.feedback.internal.LabelledTexts.Labelled;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Texts analysed per second by two threads (the machine's two cores), each text a real review from the labelled
 * data sets at hand (English and Indonesian always; Portuguese and Arabic where the shared data sets are), in a
 * fixed shuffled order. Run by {@code bench/text-analytics.sh throughput}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
@Threads(2)
public class TextAnalyticsBenchmark {

    @State(Scope.Benchmark)
    public static class Texts {

        final TextAnalytics analytics = new TextAnalytics();
        String[] texts;

        @Setup
        public void load() {
            texts = loaded();
            analytics.analyze(texts[0]); // loads the detector, lexicons and models
        }

        String[] loaded() {
            List<String> all = new ArrayList<>();
            for (DataSet set : DataSet.values()) {
                List<Labelled> texts = set == DataSet.PRDECT_ID ? LabelledTexts.prdectIdTest()
                        : LabelledTexts.load(set).orElse(List.of());
                texts.forEach(t -> all.add(t.text()));
            }
            Collections.shuffle(all, new Random(42));
            return all.toArray(String[]::new);
        }
    }

    @State(Scope.Thread)
    public static class Cursor {
        int next;
    }

    @Benchmark
    public TextAnalysis analyze(Texts texts, Cursor cursor) {
        String text = texts.texts[cursor.next++ % texts.texts.length];
        return texts.analytics.analyze(text);
    }
}
