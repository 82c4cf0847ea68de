package io.rapport.feedback;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.jspecify.annotations.Nullable;

/**
 * One piece of survey text in each of the survey's languages, keyed by BCP 47 language tag: in JSON a plain
 * object such as {@code {"en": "Why?", "pt-BR": "Por quê?"}}.
 */
public record Texts(@JsonValue Map<String, String> byLanguage) {

    public Texts {
        byLanguage = Collections.unmodifiableMap(new LinkedHashMap<>(byLanguage));
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Texts of(Map<String, String> byLanguage) {
        return new Texts(byLanguage);
    }

    public @Nullable String in(String language) {
        return byLanguage.get(language);
    }
}
