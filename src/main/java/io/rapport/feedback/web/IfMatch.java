package io.rapport.feedback.web;

import io.rapport.platform.ApiProblem;
import org.jspecify.annotations.Nullable;

/** The version an {@code If-Match} header asks for: the ETag ({@code "3"}) of what the caller read. */
final class IfMatch {

    private IfMatch() {
    }

    /** The version, or {@code null} for no header or {@code *} (any version); {@code what} names the resource. */
    static @Nullable Integer version(@Nullable String ifMatch, String what) {
        if (ifMatch == null || ifMatch.equals("*")) {
            return null;
        }
        try {
            return Integer.parseInt(ifMatch.strip().replaceFirst("^W/", "").replace("\"", ""));
        } catch (NumberFormatException e) {
            throw ApiProblem.invalidField("If-Match", "If-Match is the ETag of the " + what + " as read, e.g. \"3\".");
        }
    }
}
