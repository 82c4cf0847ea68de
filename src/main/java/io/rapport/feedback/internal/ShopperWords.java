package io.rapport.feedback.internal;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What Rapport itself says to shoppers around a survey — the subject and footer of its mails, the buttons and
 * messages of its answer page — in English, German, Spanish, French, Portuguese, Indonesian and Arabic
 * ({@code surveys/shopper-words.tsv}); other languages get English.
 */
public final class ShopperWords {

    private static final Map<String, Map<String, String>> TEXTS =
            Resources.textsByLanguage("surveys/shopper-words.tsv");
    private static final String FALLBACK = "en";
    private static final Set<String> RIGHT_TO_LEFT = Set.of("ar", "fa", "he", "ur");

    private final String language;

    private ShopperWords(String language) {
        this.language = language;
    }

    /** The words for a language tag or locale ({@code pt-BR} takes {@code pt}). */
    public static ShopperWords in(String tag) {
        String language = Languages.normalize(tag).map(Languages::language).orElse(FALLBACK);
        return new ShopperWords(TEXTS.get("page.title").containsKey(language) ? language : FALLBACK);
    }

    /** The words for the first language of an {@code Accept-Language} header Rapport has words in. */
    public static ShopperWords accepting(String acceptLanguage) {
        try {
            for (Locale.LanguageRange range : Locale.LanguageRange.parse(acceptLanguage)) {
                String language = Languages.language(range.getRange());
                if (TEXTS.get("page.title").containsKey(language)) {
                    return new ShopperWords(language);
                }
            }
        } catch (IllegalArgumentException e) {
            // A malformed header: English.
        }
        return new ShopperWords(FALLBACK);
    }

    public String language() {
        return language;
    }

    /** {@code rtl} for languages written right to left, else {@code ltr}. */
    public String direction() {
        return RIGHT_TO_LEFT.contains(language) ? "rtl" : "ltr";
    }

    /** The text of {@code key}, with {@code {order}} replaced by {@code order} where given. */
    public String get(String key) {
        Map<String, String> byLanguage = TEXTS.get(key);
        if (byLanguage == null) {
            throw new IllegalArgumentException("No shopper words for " + key);
        }
        return byLanguage.getOrDefault(language, byLanguage.get(FALLBACK));
    }

    public String order(String key, String order) {
        return get(key).replace("{order}", order);
    }
}
