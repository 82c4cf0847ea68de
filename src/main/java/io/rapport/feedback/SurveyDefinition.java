package io.rapport.feedback;

import java.util.List;

/**
 * What a survey asks, in which languages, what brings it to people, how often, and how the widget shows it: the
 * part of a survey that is written and edited. Parts left out of the JSON take their defaults.
 *
 * @param languages BCP 47 tags of every language the texts are given in; the default language is always one
 */
public record SurveyDefinition(String name, SurveyType type, String defaultLanguage, List<String> languages,
        List<Question> questions, List<Trigger> triggers, Throttling throttling, Appearance appearance) {

    public SurveyDefinition {
        languages = languages == null ? List.of() : List.copyOf(languages);
        questions = questions == null ? List.of() : List.copyOf(questions);
        triggers = triggers == null ? List.of() : List.copyOf(triggers);
        throttling = throttling == null ? Throttling.NONE : throttling;
        appearance = appearance == null ? Appearance.DEFAULT : appearance;
    }
}
