package io.rapport.feedback;

/**
 * A key phrase that recurs in texts and that no topic rule covers yet: a candidate for a new topic or keyword.
 *
 * @param phrase the phrase as people wrote it most often (lower case)
 * @param documents how many of the texts contain it
 * @param share {@code documents} divided by the number of texts
 */
public record SuggestedTopic(String phrase, int documents, double share) {
}
