package io.rapport.feedback.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import io.rapport.feedback.TextAnalyzer;
import io.rapport.feedback.TopicRule;
import io.rapport.feedback.TopicRules;
import io.rapport.platform.ApiProblem;

/** Checks a set of drafted topic rules in full and answers them as rules, or one problem listing every fault. */
final class TopicRuleChecks {

    /** Letters, digits, spaces, {@code - _ &}: a topic name is shown in lists and kept comma-separated. */
    private static final Pattern TOPIC = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} _&-]*");

    private TopicRuleChecks() {
    }

    static List<TopicRule> check(List<TopicRules.Draft> drafts) {
        List<ApiProblem.FieldError> errors = new ArrayList<>();
        if (drafts.size() > TopicRules.MAX_RULES) {
            throw ApiProblem.invalidField("rules", "At most " + TopicRules.MAX_RULES + " rules, not " + drafts.size()
                    + ".");
        }
        List<TopicRule> rules = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < drafts.size(); i++) {
            String at = "rules[" + i + "]";
            TopicRules.Draft draft = drafts.get(i);
            if (draft == null) {
                errors.add(new ApiProblem.FieldError(at, "A rule is an object with language, topic and keywords."));
                continue;
            }
            int before = errors.size();
            String language = draft.language() == null ? "" : draft.language().strip();
            if (!TextAnalyzer.LANGUAGES.contains(language)) {
                errors.add(new ApiProblem.FieldError(at + ".language", "Rapport reads topics in "
                        + TextAnalyzer.LANGUAGES + "; '" + language + "' is not one of them."));
            }
            String topic = draft.topic() == null ? "" : draft.topic().strip();
            if (topic.isEmpty() || topic.length() > TopicRule.MAX_LENGTH || !TOPIC.matcher(topic).matches()) {
                errors.add(new ApiProblem.FieldError(at + ".topic", "A topic has 1 to " + TopicRule.MAX_LENGTH
                        + " characters: letters, digits, spaces, - _ &, starting with a letter or digit."));
            } else if (!seen.add(language + "|" + topic)) {
                errors.add(new ApiProblem.FieldError(at + ".topic", "Topic '" + topic + "' has a rule in " + language
                        + " already: put all its keywords in one rule."));
            }
            List<String> keywords = draft.keywords() == null ? List.of() : draft.keywords();
            if (keywords.isEmpty() || keywords.size() > TopicRule.MAX_KEYWORDS) {
                errors.add(new ApiProblem.FieldError(at + ".keywords", "A rule has 1 to " + TopicRule.MAX_KEYWORDS
                        + " keywords."));
            }
            for (int k = 0; k < keywords.size() && k < TopicRule.MAX_KEYWORDS; k++) {
                String keyword = keywords.get(k);
                if (keyword == null || keyword.isBlank() || keyword.length() > TopicRule.MAX_LENGTH) {
                    errors.add(new ApiProblem.FieldError(at + ".keywords[" + k + "]", "A keyword has 1 to "
                            + TopicRule.MAX_LENGTH + " characters."));
                } else if (TextAnalyzer.LANGUAGES.contains(language) && !hasWords(language, keyword)) {
                    errors.add(new ApiProblem.FieldError(at + ".keywords[" + k + "]", "'" + keyword
                            + "' has no word to match (punctuation alone matches nothing)."));
                }
            }
            if (errors.size() == before) {
                rules.add(new TopicRule(language, topic, keywords));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalidFields(errors);
        }
        return rules;
    }

    private static boolean hasWords(String language, String keyword) {
        try {
            new TopicMatcher(List.of(new TopicRule(language, "check", List.of(keyword))));
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
