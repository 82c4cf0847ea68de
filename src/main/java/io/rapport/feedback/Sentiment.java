package io.rapport.feedback;

/** The polarity of a text, read from its {@link TextAnalysis#score() score}. */
public enum Sentiment {
    NEGATIVE, NEUTRAL, POSITIVE
}
