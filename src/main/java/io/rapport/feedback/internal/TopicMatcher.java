package io.rapport.feedback.internal;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.rapport.feedback.TopicRule;
import io.rapport.feedback.internal.Terms.Term;

/**
 * Topic rules made ready to match: each keyword analysed like the texts of its language, indexed by its first
 * term. A keyword matches where its terms follow each other in a text within one clause.
 */
final class TopicMatcher {

    private record Keyword(List<String> terms, String topic, int rule) {
    }

    private final List<TopicRule> rules;
    private final Map<TextLanguage, Map<String, List<Keyword>>> keywords = new EnumMap<>(TextLanguage.class);

    /** @throws IllegalArgumentException for a rule of a language that Rapport does not read */
    TopicMatcher(List<TopicRule> rules) {
        this.rules = List.copyOf(rules);
        for (int i = 0; i < this.rules.size(); i++) {
            TopicRule rule = this.rules.get(i);
            TextLanguage language = TextLanguage.of(rule.language()).orElseThrow(() -> new IllegalArgumentException(
                    "Topic " + rule.topic() + ": Rapport reads no topics in language " + rule.language()));
            for (String keyword : rule.keywords()) {
                List<String> terms = Terms.of(language.terms, keyword).stream().map(Term::text).toList();
                if (terms.isEmpty()) {
                    throw new IllegalArgumentException("Topic " + rule.topic() + ": keyword '" + keyword
                            + "' has no words");
                }
                keywords.computeIfAbsent(language, l -> new HashMap<>())
                        .computeIfAbsent(terms.getFirst(), t -> new ArrayList<>())
                        .add(new Keyword(terms, rule.topic(), i));
            }
        }
    }

    List<TopicRule> rules() {
        return rules;
    }

    /** The topics whose keywords occur in the terms, in the order of their first rule. */
    List<String> topics(TextLanguage language, List<Term> terms) {
        Map<String, List<Keyword>> index = keywords.getOrDefault(language, Map.of());
        Map<Integer, String> found = new TreeMap<>();
        for (int i = 0; i < terms.size(); i++) {
            for (Keyword keyword : index.getOrDefault(terms.get(i).text(), List.of())) {
                if (!found.containsKey(keyword.rule()) && occursAt(keyword.terms(), terms, i)) {
                    found.put(keyword.rule(), keyword.topic());
                }
            }
        }
        return found.isEmpty() ? List.of() : List.copyOf(new LinkedHashSet<>(found.values()));
    }

    /** Whether a keyword of the language occurs within these terms (of a phrase). */
    boolean covers(TextLanguage language, List<String> phrase) {
        Map<String, List<Keyword>> index = keywords.getOrDefault(language, Map.of());
        for (int i = 0; i < phrase.size(); i++) {
            for (Keyword keyword : index.getOrDefault(phrase.get(i), List.of())) {
                List<String> terms = keyword.terms();
                if (i + terms.size() <= phrase.size() && phrase.subList(i, i + terms.size()).equals(terms)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean occursAt(List<String> keyword, List<Term> terms, int start) {
        if (start + keyword.size() > terms.size()) {
            return false;
        }
        for (int j = 1; j < keyword.size(); j++) {
            Term term = terms.get(start + j);
            if (term.startsClause() || !term.text().equals(keyword.get(j))) {
                return false;
            }
        }
        return true;
    }
}
