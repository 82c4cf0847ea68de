package io.rapport.feedback.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

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
}
