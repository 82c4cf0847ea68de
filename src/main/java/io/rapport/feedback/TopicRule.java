package io.rapport.feedback;

import java.util.List;

/**
 * A topic and the keywords that mark a text of one language as being about it. A keyword matches the same words
 * in a text after both are normalised the same way (lower case, accents, light stemming), so {@code "entrega"}
 * also matches "Entregas"; a keyword of several words matches them next to each other.
 *
 * @param language the language of the keywords (BCP 47 primary subtag, e.g. {@code pt})
 * @param topic the topic's name, shared by the rules of every language (e.g. {@code delivery})
 * @param keywords at most {@link #MAX_KEYWORDS}, each at most {@link #MAX_LENGTH} characters
 */
public record TopicRule(String language, String topic, List<String> keywords) {

    public static final int MAX_KEYWORDS = 200;
    public static final int MAX_LENGTH = 100;

    public TopicRule {
        if (!language.matches("[a-z]{2,3}")) {
            throw new IllegalArgumentException("language must be a BCP 47 primary subtag such as en or pt: " + language);
        }
        if (topic.isBlank() || topic.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("topic must have 1 to " + MAX_LENGTH + " characters");
        }
        if (keywords.isEmpty() || keywords.size() > MAX_KEYWORDS) {
            throw new IllegalArgumentException("topic " + topic + " needs 1 to " + MAX_KEYWORDS + " keywords");
        }
        for (String keyword : keywords) {
            if (keyword.isBlank() || keyword.length() > MAX_LENGTH) {
                throw new IllegalArgumentException("keywords of topic " + topic + " must have 1 to " + MAX_LENGTH
                        + " characters");
            }
        }
        topic = topic.strip();
        keywords = keywords.stream().map(String::strip).toList();
    }
}
