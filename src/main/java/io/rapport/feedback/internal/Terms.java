package io.rapport.feedback.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/** The terms of a text as a Lucene analyzer makes them, each with what separates it from the term before. */
final class Terms {

    /** What lies between a term and the one before it; stronger boundaries compare greater. */
    enum Boundary {
        /** Only white space. */
        NONE,
        /** A comma, semicolon, colon, bracket or dash. */
        CLAUSE,
        /** A full stop, question or exclamation mark, or a line break; also before the first term. */
        SENTENCE
    }

    /**
     * One term.
     *
     * @param text the analysed form ("entreg" for "Entregas")
     * @param start offset of the word in the text
     * @param end offset after the word
     * @param before the boundary between this term and the previous one
     */
    record Term(String text, int start, int end, Boundary before) {

        boolean startsClause() {
            return before.compareTo(Boundary.CLAUSE) >= 0;
        }
    }

    private Terms() {
    }

    static List<Term> of(Analyzer analyzer, String text) {
        List<Term> terms = new ArrayList<>();
        // The typographic apostrophe as the plain one, so that "don’t" is "don't" (same length: offsets hold).
        try (TokenStream stream = analyzer.tokenStream("text", text.replace('’', '\''))) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
            stream.reset();
            int previousEnd = -1;
            while (stream.incrementToken()) {
                Boundary before = previousEnd < 0 ? Boundary.SENTENCE
                        : boundary(text, previousEnd, offset.startOffset());
                terms.add(new Term(term.toString(), offset.startOffset(), offset.endOffset(), before));
                previousEnd = offset.endOffset();
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // analysing a String does no I/O
        }
        return terms;
    }

    private static Boundary boundary(String text, int from, int to) {
        Boundary boundary = Boundary.NONE;
        boolean space = false;
        boolean dash = false;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '.', '!', '?', '\n', '\r', '؟', '。', '！', '？' -> {
                    return Boundary.SENTENCE;
                }
                case ',', ';', ':', '(', ')', '[', ']', '،', '؛' -> boundary = Boundary.CLAUSE;
                case '-', '–', '—' -> dash = true;
                default -> space |= Character.isWhitespace(c);
            }
        }
        // "wi-fi" is one word, "good - but" two clauses
        return dash && space ? Boundary.CLAUSE : boundary;
    }
}
