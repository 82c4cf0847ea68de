package io.rapport.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import io.rapport.platform.ApiProblem;
import io.rapport.testing.RapportTest;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.json.JsonMapper;

/** A definition is checked and previewed without being stored, with the problems create would answer. */
@RapportTest
@Import(SurveyTestConfiguration.class)
class SurveyPreviewTest extends SurveyTestSupport {

    private static final JsonMapper JSON = JsonMapper.shared();

    @Test
    void an_unsaved_definition_is_previewed_in_the_chosen_language_and_nothing_is_stored() {
        SurveyDefinition definition = JSON.readValue(SurveyApi.nps(""), SurveyDefinition.class);
        int before = surveys.list(null).size();

        SurveyForm form = surveys.preview(definition, "pt-BR");

        assertThat(surveys.list(null)).hasSize(before);
        assertThat(form.surveyId()).isEqualTo(Surveys.UNSAVED);
        assertThat(form.language()).isEqualTo("pt-BR");
        assertThat(form.questions()).extracting(SurveyForm.Item::id).containsExactly("score", "reason", "improve");
        assertThat(form.questions().get(2).text()).isEqualTo("O que devemos melhorar?");
        assertThat(form.questions().get(1).textFor(3)).as("the detractors' standard wording").isNotBlank()
                .isNotEqualTo(form.questions().get(1).textFor(10));
        assertThat(surveys.check(definition).questions().getFirst().text().in("en"))
                .isEqualTo("How likely are you to recommend us to a friend or colleague?");
    }

    @Test
    void an_invalid_definition_is_refused_with_every_field_named() {
        SurveyDefinition definition = JSON.readValue(SurveyApi.nps(""), SurveyDefinition.class);
        Question improve = definition.questions().get(2);
        SurveyDefinition broken = new SurveyDefinition(definition.name(), definition.type(), "en",
                definition.languages(), List.of(definition.questions().get(0), definition.questions().get(1),
                        new Question(improve.id(), improve.kind(), Texts.of(Map.of("en", "Improve?")),
                                List.of(), new ScoreRange(0, 11), null, null, null, improve.options())),
                List.of(), null, null);

        assertThatThrownBy(() -> surveys.preview(broken, "en")).isInstanceOfSatisfying(ApiProblem.class, p ->
                assertThat(p.errors()).extracting(ApiProblem.FieldError::field)
                        .contains("questions[2].text.pt-BR", "questions[2].showWhen"));
    }
}
