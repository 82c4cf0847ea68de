package io.rapport.feedback;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.annotation.JsonValue;
import org.jspecify.annotations.Nullable;

/**
 * A stored survey: its definition, its status, and a version that grows with every change (send it back with an
 * edit to refuse overwriting someone else's).
 */
public record Survey(Id id, SurveyStatus status, int version, Instant createdAt, Instant updatedAt,
        @Nullable Instant activatedAt, @JsonUnwrapped SurveyDefinition definition) {

    public record Id(@JsonValue UUID value) {

        @Override
        public String toString() {
            return value.toString();
        }
    }

    public SurveyType type() {
        return definition.type();
    }

    /** The score question, which NPS, CSAT and CES surveys always have and custom ones may have. */
    public Optional<Question> scoreQuestion() {
        return definition.questions().stream().filter(q -> q.kind() == Question.Kind.SCORE).findFirst();
    }
}
