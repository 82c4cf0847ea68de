package io.rapport.feedback.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.rapport.feedback.internal.Terms.Term;

/**
 * Words and phrases of one language with their valence (−4 … +4, the scale of VADER), and the words that turn,
 * strengthen or outweigh them. Reads a text the way VADER does (Hutto &amp; Gilbert, ICWSM 2014), simplified:
 * a negator ("not", "não", "tidak") within the three words before a term turns it (× −0.74); a booster ("very")
 * just before strengthens it (× 1.3); in a sentence with "but", what comes before counts half and what comes
 * after one and a half; a phrase ("waste of money", "não recebi") wins over its words.
 *
 * <p>A lexicon file has sections {@code [negators]}, {@code [postnegators]} (negators that follow what they turn,
 * as German "funktioniert nicht"), {@code [boosters]}, {@code [contrast]} with one word per line, and
 * {@code [terms]} with a word or phrase, a tab and its valence. Every entry goes through the language's analysis,
 * so "Ótimos" in a text meets "ótimo" in the file.
 */
final class SentimentLexicon {

    static final double NEGATION = -0.74;
    static final double BOOST = 1.3;
    private static final int NEGATION_SCOPE = 3;
    private static final int POST_NEGATION_SCOPE = 2;
    private static final int BOOST_SCOPE = 2;
    /** VADER's normalisation constant: a sum s becomes s / sqrt(s² + 15). */
    private static final double ALPHA = 15;

    /** What a lexicon finds in a text. */
    record Reading(double sum, int positive, int negative, boolean[] negated) {

        /** The sum mapped into (−1, 1). */
        double score() {
            return normalize(sum);
        }
    }

    /** A phrase with a negator in it ("não recebi", "no problem") already has its final polarity. */
    private record Phrase(List<String> terms, double valence, boolean negated) {
    }

    private final Map<String, Double> words;
    private final Map<String, List<Phrase>> phrasesByFirstTerm;
    private final Set<String> negators;
    private final Set<String> postNegators;
    private final Set<String> boosters;
    private final Set<String> contrast;

    private SentimentLexicon(Map<String, Double> words, Map<String, List<Phrase>> phrasesByFirstTerm,
            Set<String> negators, Set<String> postNegators, Set<String> boosters, Set<String> contrast) {
        this.words = words;
        this.phrasesByFirstTerm = phrasesByFirstTerm;
        this.negators = negators;
        this.postNegators = postNegators;
        this.boosters = boosters;
        this.contrast = contrast;
    }

    static double normalize(double sum) {
        return sum / Math.sqrt(sum * sum + ALPHA);
    }

    /** The lexicon of a language: its own file, the emoji shared by all, and for English VADER's lexicon. */
    static SentimentLexicon of(TextLanguage language) {
        Builder builder = new Builder(language);
        builder.read(language.code + ".lexicon");
        builder.read("emoji.lexicon");
        if (language == TextLanguage.ENGLISH) {
            builder.readVader("vader_lexicon.txt");
        }
        return builder.build();
    }

    /** Reads a text's terms with the rules. */
    Reading read(List<Term> terms) {
        int n = terms.size();
        double[] valences = new double[n];
        boolean[] negated = new boolean[n];
        boolean[] contrastAt = new boolean[n];
        int negation = 0;
        int boost = 0;
        int i = 0;
        while (i < n) {
            Term term = terms.get(i);
            if (term.startsClause()) {
                negation = 0;
                boost = 0;
            }
            Phrase phrase = phraseAt(terms, i);
            int length = phrase == null ? 1 : phrase.terms().size();
            double valence = phrase != null ? phrase.valence() : words.getOrDefault(term.text(), 0.0);
            if (phrase == null && negators.contains(term.text())) {
                negation = NEGATION_SCOPE;
                i++;
                continue;
            }
            if (phrase == null && boosters.contains(term.text())) {
                boost = BOOST_SCOPE;
                i++;
                continue;
            }
            if (phrase == null && contrast.contains(term.text())) {
                contrastAt[i] = true;
                negation = 0; // "not cheap but excellent"
                boost = 0;
            }
            if (valence != 0) {
                boolean settled = phrase != null && phrase.negated();
                if (!settled && (negation > 0 || negatedAfter(terms, i + length))) {
                    valence *= NEGATION;
                    negated[i] = true;
                }
                if (boost > 0) {
                    valence *= BOOST;
                }
                valences[i] = valence;
            }
            negation = Math.max(0, negation - length);
            boost = Math.max(0, boost - length);
            for (int j = 1; j < length; j++) {
                negated[i + j] = negated[i];
            }
            i += length;
        }
        return weighByContrast(terms, valences, contrastAt, negated);
    }

    /** The plain sum of the valences of the words, without phrases or rules: the baseline a lexicon is judged by. */
    double plainScore(List<Term> terms) {
        double sum = 0;
        for (Term term : terms) {
            sum += words.getOrDefault(term.text(), 0.0);
        }
        return normalize(sum);
    }

    /** Whether a term has a part in sentiment: a word or the start of a phrase of the lexicon, a negator, a booster. */
    boolean isSentiment(String term) {
        return words.containsKey(term) || phrasesByFirstTerm.containsKey(term) || boosters.contains(term)
                || negators.contains(term);
    }

    private Reading weighByContrast(List<Term> terms, double[] valences, boolean[] contrastAt, boolean[] negated) {
        double sum = 0;
        int positive = 0;
        int negative = 0;
        int sentenceStart = 0;
        for (int i = 0; i <= terms.size(); i++) {
            if (i == terms.size() || (i > 0 && terms.get(i).before() == Terms.Boundary.SENTENCE)) {
                int lastContrast = -1;
                for (int j = sentenceStart; j < i; j++) {
                    if (contrastAt[j]) {
                        lastContrast = j;
                    }
                }
                for (int j = sentenceStart; j < i; j++) {
                    double weight = lastContrast < 0 ? 1 : j < lastContrast ? 0.5 : 1.5;
                    sum += valences[j] * weight;
                    positive += valences[j] > 0 ? 1 : 0;
                    negative += valences[j] < 0 ? 1 : 0;
                }
                sentenceStart = i;
            }
        }
        return new Reading(sum, positive, negative, negated);
    }

    private Phrase phraseAt(List<Term> terms, int i) {
        List<Phrase> candidates = phrasesByFirstTerm.get(terms.get(i).text());
        if (candidates == null) {
            return null;
        }
        for (Phrase phrase : candidates) { // longest first
            List<String> words = phrase.terms();
            if (i + words.size() > terms.size()) {
                continue;
            }
            boolean matches = true;
            for (int j = 1; j < words.size() && matches; j++) {
                Term term = terms.get(i + j);
                matches = term.before().compareTo(Terms.Boundary.CLAUSE) < 0 && term.text().equals(words.get(j));
            }
            if (matches) {
                return phrase;
            }
        }
        return null;
    }

    private boolean negatedAfter(List<Term> terms, int from) {
        for (int j = from; j < Math.min(terms.size(), from + POST_NEGATION_SCOPE); j++) {
            Term term = terms.get(j);
            if (term.startsClause()) {
                return false;
            }
            if (postNegators.contains(term.text())) {
                return true;
            }
        }
        return false;
    }

    private static final class Builder {

        private final TextLanguage language;
        private final Map<List<String>, List<Double>> valences = new HashMap<>();
        private final Set<String> negators = new HashSet<>();
        private final Set<String> postNegators = new HashSet<>();
        private final Set<String> boosters = new HashSet<>();
        private final Set<String> contrast = new HashSet<>();

        Builder(TextLanguage language) {
            this.language = language;
        }

        void read(String resource) {
            Set<String> words = null;
            boolean terms = false;
            for (String line : Resources.lines("sentiment/" + resource)) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                switch (line.strip()) {
                    case "[negators]" -> { words = negators; terms = false; }
                    case "[postnegators]" -> { words = postNegators; terms = false; }
                    case "[boosters]" -> { words = boosters; terms = false; }
                    case "[contrast]" -> { words = contrast; terms = false; }
                    case "[terms]" -> { words = null; terms = true; }
                    default -> {
                        if (terms) {
                            String[] fields = line.split("\t");
                            if (fields.length != 2) {
                                throw new IllegalStateException(resource + ": not 'term<TAB>valence': " + line);
                            }
                            add(fields[0], Double.parseDouble(fields[1].strip()));
                        } else if (words != null) {
                            List<String> word = analysed(line);
                            if (word.size() != 1) {
                                throw new IllegalStateException(resource + ": not one word: " + line);
                            }
                            words.add(word.getFirst());
                        } else {
                            throw new IllegalStateException(resource + ": line outside a section: " + line);
                        }
                    }
                }
            }
        }

        /** VADER's lexicon: token, mean valence, standard deviation, the ten ratings. */
        void readVader(String resource) {
            for (String line : Resources.lines("sentiment/" + resource)) {
                String[] fields = line.split("\t");
                add(fields[0], Double.parseDouble(fields[1]));
            }
        }

        private void add(String entry, double valence) {
            List<String> terms = analysed(entry);
            if (!terms.isEmpty()) { // emoticons such as ":)" have no letters for the tokenizer
                valences.computeIfAbsent(terms, key -> new ArrayList<>()).add(valence);
            }
        }

        private List<String> analysed(String text) {
            return Terms.of(language.terms, text.strip()).stream().map(Term::text).toList();
        }

        SentimentLexicon build() {
            Map<String, Double> words = new HashMap<>();
            Map<String, List<Phrase>> phrases = new HashMap<>();
            // Entries that the analysis makes one term ("loved", "loves") share their mean valence.
            valences.forEach((terms, values) -> {
                double valence = values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
                if (terms.size() == 1) {
                    words.put(terms.getFirst(), valence);
                } else {
                    phrases.computeIfAbsent(terms.getFirst(), key -> new ArrayList<>())
                            .add(new Phrase(terms, valence, terms.stream().anyMatch(negators::contains)));
                }
            });
            phrases.values().forEach(list -> list.sort(
                    Comparator.comparingInt((Phrase phrase) -> phrase.terms().size()).reversed()));
            return new SentimentLexicon(Map.copyOf(words), Map.copyOf(phrases), Set.copyOf(negators),
                    Set.copyOf(postNegators), Set.copyOf(boosters), Set.copyOf(contrast));
        }
    }
}
