package io.rapport.feedback.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.rapport.feedback.Question;
import io.rapport.feedback.ScoreRange;
import io.rapport.feedback.SurveyType;
import io.rapport.feedback.Texts;
import org.jspecify.annotations.Nullable;

/**
 * The standard wording of score questions (with the meaning of their lowest and highest score) and of the
 * follow-up "main reason for your score" question, in the seven languages whose answers Rapport analyses
 * ({@code surveys/standard-wordings.tsv}).
 */
final class StandardWordings {

    /** Key, then language (primary subtag), then text. */
    private static final Map<String, Map<String, String>> TEXTS = Resources.textsByLanguage("surveys/standard-wordings.tsv");

    private StandardWordings() {
    }

    /**
     * {@code given} with the standard text of {@code key} added for each of {@code languages} it lacks, where Rapport
     * has that text. Keys: {@code nps.score}, {@code nps.low}, {@code nps.high} (and so for csat and ces),
     * {@code reason}.
     */
    static Texts filled(@Nullable Texts given, String key, List<String> languages) {
        Map<String, String> texts = new LinkedHashMap<>(given == null ? Map.of() : given.byLanguage());
        Map<String, String> standard = TEXTS.getOrDefault(key, Map.of());
        for (String tag : languages) {
            String text = standard.get(Languages.language(tag));
            if (text != null) {
                texts.putIfAbsent(tag, text);
            }
        }
        return new Texts(texts);
    }

    /** The key of a score question's text ({@code part} "score"), or of what its lowest or highest score means. */
    static String scoreKey(SurveyType type, String part) {
        return type.name().toLowerCase(Locale.ROOT) + "." + part;
    }

    /**
     * The reason question's wording per band of scores: for NPS detractors (0–6), passives (7–8) and promoters
     * (9–10); for CSAT and custom ratings 1–3 and 4–5; for CES 1–4 and 5–7 (below and from "somewhat agree"). Nothing
     * unless Rapport has them in every one of {@code languages}.
     */
    static List<Question.Variant> reasonVariants(SurveyType type, List<String> languages) {
        Map<ScoreRange, String> bands = new LinkedHashMap<>();
        switch (type) {
            case NPS -> {
                bands.put(new ScoreRange(0, 6), "reason.sorry");
                bands.put(new ScoreRange(7, 8), "reason.improve");
                bands.put(new ScoreRange(9, 10), "reason.great");
            }
            case CSAT, CUSTOM -> {
                bands.put(new ScoreRange(1, 3), "reason.sorry");
                bands.put(new ScoreRange(4, 5), "reason.great");
            }
            case CES -> {
                bands.put(new ScoreRange(1, 4), "reason.sorry");
                bands.put(new ScoreRange(5, 7), "reason.great");
            }
        }
        List<Question.Variant> variants = new ArrayList<>();
        for (Map.Entry<ScoreRange, String> band : bands.entrySet()) {
            Texts text = filled(null, band.getValue(), languages);
            if (text.byLanguage().size() < languages.size()) {
                return List.of();
            }
            variants.add(new Question.Variant(band.getKey(), text));
        }
        return variants;
    }
}
