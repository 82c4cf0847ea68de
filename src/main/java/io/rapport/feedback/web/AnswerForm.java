package io.rapport.feedback.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.rapport.feedback.Question;
import io.rapport.feedback.ScoreRange;
import io.rapport.feedback.SurveyForm;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.IntNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.StringNode;

/**
 * The answer page's form without JavaScript: the score question, then the questions shown for the score given (all
 * without a score condition before one is given), each with the answer already stored. Fields are named {@code q.}
 * and the question id; the form says which score it was drawn for, so that a changed score that shows other questions
 * draws the form again rather than ending the survey.
 */
record AnswerForm(@Nullable Integer shownFor, List<Field> fields) {

    static final String PREFIX = "q.";

    /** One question on the page: its kind, its wording for the score, its choices and what was answered. */
    record Field(String name, String kind, String text, List<Choice> choices, @Nullable String lowLabel,
            @Nullable String highLabel, String value) {
    }

    /** A radio button or check box. */
    record Choice(String value, String label, boolean checked) {
    }

    static AnswerForm of(SurveyForm form, Map<String, JsonNode> answers, @Nullable Integer score) {
        List<Field> fields = new ArrayList<>();
        for (SurveyForm.Item item : shown(form, score)) {
            JsonNode answer = answers.get(item.id());
            List<Choice> choices = new ArrayList<>();
            if (item.scale() != null) {
                for (int point = item.scale().min(); point <= item.scale().max(); point++) {
                    choices.add(new Choice(Integer.toString(point), Integer.toString(point),
                            answer != null && answer.isNumber() && answer.asInt() == point));
                }
            }
            for (SurveyForm.Choice option : item.options()) {
                boolean checked = answer != null && (answer.isArray()
                        ? answer.valueStream().anyMatch(v -> option.id().equals(v.asString(null)))
                        : option.id().equals(answer.asString(null)));
                choices.add(new Choice(option.id(), option.label(), checked));
            }
            String value = answer != null && answer.isString() && item.options().isEmpty() ? answer.asString() : "";
            fields.add(new Field(PREFIX + item.id(), item.kind().wireName(), item.textFor(score), choices,
                    item.lowLabel(), item.highLabel(), value));
        }
        return new AnswerForm(score, fields);
    }

    /** The questions shown for the score (or before one). */
    static List<SurveyForm.Item> shown(SurveyForm form, @Nullable Integer score) {
        return form.questions().stream()
                .filter(item -> item.showWhen() == null || score != null && item.showWhen().contains(score))
                .toList();
    }

    /** The ids of the questions shown for the score (or before one). */
    static Set<String> shownIds(SurveyForm form, @Nullable Integer score) {
        Set<String> ids = new LinkedHashSet<>();
        shown(form, score).forEach(item -> ids.add(item.id()));
        return ids;
    }

    /**
     * The answers the posted form holds for the questions it showed (those of {@code shownFor}); a value that is not
     * a whole number where one is asked for goes on as text, for the answer rules to refuse with their message.
     */
    static Map<String, JsonNode> answers(SurveyForm form, @Nullable Integer shownFor, HttpServletRequest request) {
        Map<String, JsonNode> answers = new LinkedHashMap<>();
        for (SurveyForm.Item item : shown(form, shownFor)) {
            String[] values = request.getParameterValues(PREFIX + item.id());
            if (values == null || values.length == 0) {
                continue;
            }
            if (item.kind() == Question.Kind.MULTIPLE_CHOICE) {
                ArrayNode ids = JsonNodeFactory.instance.arrayNode();
                for (String value : values) {
                    ids.add(value);
                }
                answers.put(item.id(), ids);
            } else if (item.scale() != null) {
                answers.put(item.id(), number(values[0]));
            } else if (!values[0].isBlank()) {
                answers.put(item.id(), StringNode.valueOf(values[0]));
            }
        }
        return answers;
    }

    private static JsonNode number(String value) {
        try {
            return IntNode.valueOf(Integer.parseInt(value.strip()));
        } catch (NumberFormatException e) {
            return StringNode.valueOf(value);
        }
    }

    /** The score among the posted answers, if the score question was answered with a whole number in its scale. */
    static @Nullable Integer score(SurveyForm form, Map<String, JsonNode> answers) {
        for (SurveyForm.Item item : form.questions()) {
            if (item.kind() == Question.Kind.SCORE) {
                JsonNode score = answers.get(item.id());
                ScoreRange scale = item.scale();
                if (score != null && score.isInt() && scale != null && scale.contains(score.asInt())) {
                    return score.asInt();
                }
            }
        }
        return null;
    }
}
