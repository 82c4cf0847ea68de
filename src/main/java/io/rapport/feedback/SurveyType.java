package io.rapport.feedback;

/** What a survey measures, and the scale of its score question. */
public enum SurveyType {
    /** Net Promoter Score: "How likely are you to recommend …", 0–10. */
    NPS(0, 10),
    /** Customer satisfaction, 1–5. */
    CSAT(1, 5),
    /** Customer effort (Gartner CES 2.0): "… made it easy for me to handle my …", 1–7. */
    CES(1, 7),
    /** Questions of the shop's own; a rating question, if any, on 1–5. */
    CUSTOM(1, 5);

    private final int minScore;
    private final int maxScore;

    SurveyType(int minScore, int maxScore) {
        this.minScore = minScore;
        this.maxScore = maxScore;
    }

    public int minScore() {
        return minScore;
    }

    public int maxScore() {
        return maxScore;
    }
}
