package io.rapport.feedback;

/** Scores from {@code min} to {@code max}, both included: a scale, or the scores a question is shown for. */
public record ScoreRange(int min, int max) {

    public boolean contains(int score) {
        return score >= min && score <= max;
    }

    public boolean within(ScoreRange scale) {
        return min >= scale.min() && max <= scale.max() && min <= max;
    }

    @Override
    public String toString() {
        return min + "–" + max;
    }
}
