package io.rapport.feedback.internal;

import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/** BCP 47 language tags of survey texts, and the choice of one of a survey's languages for a shopper's locale. */
final class Languages {

    private Languages() {
    }

    /** The tag in its canonical spelling ({@code pt-br} → {@code pt-BR}); nothing if it is not a well-formed tag. */
    static Optional<String> normalize(@Nullable String tag) {
        if (tag == null || tag.isBlank() || tag.length() > 35) {
            return Optional.empty();
        }
        try {
            Locale locale = new Locale.Builder().setLanguageTag(tag.strip().replace('_', '-')).build();
            return locale.getLanguage().isEmpty() ? Optional.empty() : Optional.of(locale.toLanguageTag());
        } catch (IllformedLocaleException e) {
            return Optional.empty();
        }
    }

    /** The primary language subtag: {@code pt} of {@code pt-BR}. */
    static String language(String tag) {
        int dash = tag.indexOf('-');
        return dash < 0 ? tag : tag.substring(0, dash);
    }

    /**
     * One of {@code available} for {@code locale}: its own tag ({@code en-US}), else its language ({@code en}),
     * else another tag of that language ({@code en-GB}), else {@code fallback}.
     */
    static String pick(@Nullable String locale, List<String> available, String fallback) {
        Optional<String> wanted = normalize(locale);
        if (wanted.isEmpty()) {
            return fallback;
        }
        String tag = wanted.get();
        String language = language(tag);
        for (String candidate : List.of(tag, language)) {
            if (available.contains(candidate)) {
                return candidate;
            }
        }
        return available.stream().filter(a -> language(a).equals(language)).findFirst().orElse(fallback);
    }
}
