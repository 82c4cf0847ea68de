package io.rapport.feedback.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The text files that ship beside these classes (lexicons, topic rules). */
final class Resources {

    private Resources() {
    }

    /** The lines of a UTF-8 resource next to this package's classes. */
    static List<String> lines(String name) {
        InputStream in = Resources.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("No resource " + name + " beside " + Resources.class.getName());
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A table of texts per language: lines of key, then one text per language, tab-separated, after a header line
     * naming the languages; {@code #} lines are comments. Answers key, then language, then text.
     */
    static Map<String, Map<String, String>> textsByLanguage(String name) {
        Map<String, Map<String, String>> texts = new HashMap<>();
        String[] languages = null;
        for (String line : lines(name)) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] cells = line.split("\t");
            if (languages == null) {
                languages = cells;
                continue;
            }
            Map<String, String> byLanguage = new HashMap<>();
            for (int i = 1; i < cells.length; i++) {
                byLanguage.put(languages[i], cells[i]);
            }
            texts.put(cells[0], byLanguage);
        }
        return texts;
    }
}
