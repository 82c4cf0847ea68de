package io.rapport.feedback.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.rapport.feedback.Question;
import io.rapport.feedback.ScoreRange;
import io.rapport.feedback.Survey;
import io.rapport.feedback.SurveyResponses;
import io.rapport.platform.ApiProblem;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * What an answer to each kind of question may be, which questions a score shows, and what a response's score,
 * comment and completeness are.
 */
final class AnswerRules {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AnswerRules() {
    }

    /**
     * The given answers in their stored form (texts stripped; nulls and blank texts left out), or an
     * {@link ApiProblem} naming every invalid one ({@code answers.<question id>}).
     */
    static Map<String, JsonNode> check(Survey survey, Map<String, JsonNode> given) {
        Map<String, Question> questions = new LinkedHashMap<>();
        survey.definition().questions().forEach(q -> questions.put(q.id(), q));
        List<ApiProblem.FieldError> errors = new ArrayList<>();
        Map<String, JsonNode> answers = new LinkedHashMap<>();
        given.forEach((id, value) -> {
            Question question = questions.get(id);
            String field = "answers." + id;
            if (question == null) {
                errors.add(new ApiProblem.FieldError(field, "The survey has no question '" + id + "'; its questions "
                        + "are " + questions.keySet() + "."));
                return;
            }
            if (value == null || value.isNull()) {
                return;
            }
            value(question, value).ifPresentOrElse(v -> {
                if (!v.isMissingNode()) {
                    answers.put(id, v);
                }
            }, () -> errors.add(new ApiProblem.FieldError(field, expected(question))));
        });
        if (!errors.isEmpty()) {
            throw ApiProblem.invalidFields(errors);
        }
        return answers;
    }

    /** The stored form of a valid answer (a missing node for a blank text), or nothing if it is not valid. */
    private static Optional<JsonNode> value(Question q, JsonNode value) {
        return switch (q.kind()) {
            case SCORE, RATING -> value.isIntegralNumber() && value.canConvertToInt() && q.scale().contains(value.intValue())
                    ? Optional.of(NODES.numberNode(value.intValue())) : Optional.empty();
            case REASON, TEXT -> {
                if (!value.isString() || value.stringValue().length() > SurveyResponses.MAX_TEXT_LENGTH) {
                    yield Optional.empty();
                }
                String text = value.stringValue().strip();
                yield Optional.of(text.isEmpty() ? NODES.missingNode() : NODES.stringNode(text));
            }
            case SINGLE_CHOICE -> value.isString() && optionIds(q).contains(value.stringValue())
                    ? Optional.of(value) : Optional.empty();
            case MULTIPLE_CHOICE -> {
                Set<String> chosen = new HashSet<>();
                if (!value.isArray() || value.isEmpty()) {
                    yield Optional.empty();
                }
                for (JsonNode option : value) {
                    if (!option.isString() || !optionIds(q).contains(option.stringValue())
                            || !chosen.add(option.stringValue())) {
                        yield Optional.empty();
                    }
                }
                yield Optional.of(value);
            }
        };
    }

    private static Set<String> optionIds(Question q) {
        Set<String> ids = new HashSet<>();
        q.options().forEach(o -> ids.add(o.id()));
        return ids;
    }

    private static String expected(Question q) {
        ScoreRange scale = q.scale();
        return switch (q.kind()) {
            case SCORE, RATING -> "Answer with a whole number from " + scale.min() + " to " + scale.max() + ".";
            case REASON, TEXT -> "Answer with a text of at most " + SurveyResponses.MAX_TEXT_LENGTH + " characters.";
            case SINGLE_CHOICE -> "Answer with one of the option ids " + optionIds(q) + ".";
            case MULTIPLE_CHOICE -> "Answer with an array of distinct option ids from " + optionIds(q) + ".";
        };
    }

    /** The answer to the score question, if there is one and it is answered. */
    static @Nullable Integer score(Survey survey, Map<String, JsonNode> answers) {
        return survey.scoreQuestion().map(q -> answers.get(q.id())).map(JsonNode::intValue).orElse(null);
    }

    /** The answer to the reason question, else to the first answered text question. */
    static @Nullable String comment(Survey survey, Map<String, JsonNode> answers) {
        List<Question> texts = survey.definition().questions().stream()
                .filter(q -> q.kind() == Question.Kind.REASON || q.kind() == Question.Kind.TEXT)
                .sorted((a, b) -> Boolean.compare(b.kind() == Question.Kind.REASON, a.kind() == Question.Kind.REASON))
                .toList();
        for (Question q : texts) {
            JsonNode answer = answers.get(q.id());
            if (answer != null) {
                return answer.stringValue();
            }
        }
        return null;
    }

    /** Whether every question shown for the score has an answer. */
    static boolean complete(Survey survey, Map<String, JsonNode> answers) {
        Integer score = score(survey, answers);
        return survey.definition().questions().stream()
                .filter(q -> q.shownFor(score)).allMatch(q -> answers.containsKey(q.id()));
    }
}
