package io.rapport.feedback;

import java.time.Instant;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;
import org.jspecify.annotations.Nullable;

/**
 * One entry of a case's notes, oldest first: a note someone wrote, an email sent from the case, or what happened to
 * the case (status, owner, due time, a changed score).
 *
 * @param author the console user's email or the API key ({@code api-key:rk_live_ab12}); {@code null} for Rapport
 * @param emailTo for an email: the address it went to
 * @param emailSubject for an email: its subject ({@code text} is its body)
 */
public record CaseNote(long seq, Kind kind, @Nullable String author, Instant at, String text,
        @Nullable String emailTo, @Nullable String emailSubject) {

    public enum Kind {
        NOTE, EMAIL, EVENT;

        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
