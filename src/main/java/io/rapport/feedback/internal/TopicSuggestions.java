package io.rapport.feedback.internal;

import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.rapport.feedback.SuggestedTopic;
import io.rapport.feedback.internal.Terms.Term;

/**
 * Key phrases that many texts share: one to three words within a clause that begin and end with a content word
 * (not a stop word, number or sentiment word) and hold no sentiment word — "zipper", "prazo de entrega" — counted
 * once per text and compared after the language's analysis, so that "Prazos de entrega" and "prazo de entrega"
 * count together. Phrases that a topic keyword already covers are left out; a phrase is also left out when a
 * longer phrase containing it occurs in nearly as many texts ({@link #SUBSUMED}), so "prazo de entrega" is
 * proposed rather than "prazo" alone.
 */
final class TopicSuggestions {

    static final int MAX_WORDS = 3;
    /** A phrase is subsumed by a longer one found in at least this share of its texts. */
    static final double SUBSUMED = 0.75;

    private record Candidate(List<String> terms, Set<Integer> documents, Map<String, Integer> surfaces) {
    }

    private TopicSuggestions() {
    }

    static List<SuggestedTopic> suggest(List<String> texts, TextLanguage language, TopicMatcher rules,
            SentimentLexicon lexicon, int minDocuments, int limit) {
        Map<List<String>, Candidate> candidates = new HashMap<>();
        for (int document = 0; document < texts.size(); document++) {
            String text = texts.get(document);
            List<Term> terms = Terms.of(language.terms, text);
            for (int from = 0; from < terms.size(); from++) {
                if (!isContent(terms.get(from), text, language, lexicon)) {
                    continue;
                }
                for (int to = from; to < Math.min(terms.size(), from + MAX_WORDS); to++) {
                    Term last = terms.get(to);
                    if (to > from && last.startsClause() || lexicon.isSentiment(last.text())) {
                        break;
                    }
                    if (isContent(last, text, language, lexicon)) {
                        add(terms.subList(from, to + 1), text, document, candidates);
                    }
                }
            }
        }
        List<Candidate> frequent = candidates.values().stream()
                .filter(c -> c.documents().size() >= minDocuments && !rules.covers(language, c.terms()))
                .toList();
        Set<List<String>> subsumed = new HashSet<>();
        for (Candidate longer : frequent) {
            for (int length = 1; length < longer.terms().size(); length++) {
                for (int from = 0; from + length <= longer.terms().size(); from++) {
                    Candidate shorter = candidates.get(longer.terms().subList(from, from + length));
                    if (shorter != null && longer.documents().size() >= SUBSUMED * shorter.documents().size()) {
                        subsumed.add(shorter.terms());
                    }
                }
            }
        }
        return frequent.stream()
                .filter(c -> !subsumed.contains(c.terms()))
                .sorted(Comparator.comparingInt((Candidate c) -> c.documents().size()).reversed()
                        .thenComparing(c -> -c.terms().size())
                        .thenComparing(TopicSuggestions::surface))
                .limit(limit)
                .map(c -> new SuggestedTopic(surface(c), c.documents().size(),
                        (double) c.documents().size() / texts.size()))
                .toList();
    }

    /** A word that can begin or end a topic: not a stop word, sentiment word or number; more than one letter. */
    private static boolean isContent(Term term, String text, TextLanguage language, SentimentLexicon lexicon) {
        String word = text.substring(term.start(), term.end()).toLowerCase(Locale.ROOT);
        return term.text().length() > 1 && word.codePoints().anyMatch(Character::isLetter)
                && !language.stopWords.contains(word) && !lexicon.isSentiment(term.text());
    }

    private static void add(List<Term> phrase, String text, int document, Map<List<String>, Candidate> candidates) {
        List<String> terms = phrase.stream().map(Term::text).toList();
        Candidate candidate = candidates.computeIfAbsent(terms,
                key -> new Candidate(key, new HashSet<>(), new HashMap<>()));
        if (candidate.documents().add(document)) {
            String surface = text.substring(phrase.getFirst().start(), phrase.getLast().end()).toLowerCase(Locale.ROOT);
            candidate.surfaces().merge(surface, 1, Integer::sum);
        }
    }

    /** How the phrase was written most often. */
    private static String surface(Candidate candidate) {
        return candidate.surfaces().entrySet().stream()
                .max(Map.Entry.<String, Integer>comparingByValue()
                        .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                .orElseThrow().getKey();
    }
}
