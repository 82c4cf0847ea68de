package io.rapport.console;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.rapport.feedback.Appearance;
import io.rapport.feedback.Question;
import io.rapport.feedback.Survey;
import io.rapport.feedback.SurveyDefinition;
import io.rapport.feedback.SurveyInvitations;
import io.rapport.feedback.SurveyStatus;
import io.rapport.feedback.SurveyType;
import io.rapport.feedback.Surveys;
import io.rapport.platform.ApiProblem;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The survey builder: a new survey from a type's template, or an edit of a saved one, as a structured form whose
 * buttons add, remove and move its parts; a live preview drawn by the widget's own script from the unsaved form;
 * and the survey service's problems shown on the fields they name. Saving sends the version the form was loaded
 * at, so an edit made meanwhile by someone else is not overwritten.
 */
@Controller
@RequestMapping("/console/surveys")
@PreAuthorize(SurveysPage.MANAGE)
class SurveyBuilderPage {

    /** The field of the pasted JSON definition, where its problems are shown. */
    private static final String JSON_FIELD = "json";

    private final Surveys surveys;
    private final SurveyInvitations invitations;
    private final JsonMapper json;

    SurveyBuilderPage(Surveys surveys, SurveyInvitations invitations, JsonMapper json) {
        this.surveys = surveys;
        this.invitations = invitations;
        this.json = json;
    }

    @GetMapping("/new")
    String create(@RequestParam(defaultValue = "NPS") String type, Model model) {
        SurveyType chosen = Arrays.stream(SurveyType.values()).filter(t -> t.name().equalsIgnoreCase(type.strip()))
                .findFirst().orElseThrow(() -> ApiProblem.invalidField("type", "Choose NPS, CSAT, CES or custom."));
        SurveyBuilderForm form = SurveyBuilderForm.of(surveys.check(SurveyBuilderForm.template(chosen)), null);
        return page(model, form, null, Map.of(), null);
    }

    @PostMapping("/new")
    String saveNew(@ModelAttribute("form") SurveyBuilderForm form, @RequestParam(required = false) @Nullable String op,
            @RequestParam(required = false) @Nullable String json, Model model, HttpServletResponse response,
            RedirectAttributes redirect) {
        if (op != null) {
            return restructure(form, op, json, null, model);
        }
        try {
            Survey survey = surveys.create(form.definition());
            redirect.addFlashAttribute("notice", "“" + survey.definition().name() + "” was saved as a draft. "
                    + "Activate it from the survey list when it is ready.");
            return "redirect:/console/surveys/" + survey.id() + "/edit";
        } catch (ApiProblem problem) {
            return refused(model, form, null, problem, response);
        }
    }

    @GetMapping("/{id}/edit")
    String edit(@PathVariable UUID id, Model model) {
        Survey survey = survey(id);
        return page(model, SurveyBuilderForm.of(survey.definition(), survey.version()), survey, Map.of(), null);
    }

    @PostMapping("/{id}/edit")
    String save(@PathVariable UUID id, @ModelAttribute("form") SurveyBuilderForm form,
            @RequestParam(required = false) @Nullable String op, @RequestParam(required = false) @Nullable String json,
            Model model, HttpServletResponse response, RedirectAttributes redirect) {
        Survey survey = survey(id);
        if (op != null) {
            return restructure(form, op, json, survey, model);
        }
        try {
            Survey saved = surveys.update(survey.id(), form.definition(), form.getVersion());
            redirect.addFlashAttribute("notice", "“" + saved.definition().name() + "” was saved (version "
                    + saved.version() + ")." + (saved.status() == SurveyStatus.ACTIVE
                    ? " It is active: the change reaches people from now on." : ""));
            return "redirect:/console/surveys/" + id + "/edit";
        } catch (ApiProblem problem) {
            return refused(model, form, survey, problem, response);
        }
    }

    /** The preview beside the builder: the unsaved form as the widget shows it, or the problems keeping it from it. */
    @PostMapping("/preview")
    String preview(@ModelAttribute("form") SurveyBuilderForm form, Model model) {
        try {
            SurveyDefinition definition = form.definition();
            model.addAttribute("previewForm", json.writeValueAsString(surveys.preview(definition,
                    form.getPreviewLanguage().isEmpty() ? null : form.getPreviewLanguage())));
            model.addAttribute("definitionJson", json.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(surveys.check(definition)));
            model.addAttribute("previewErrors", "[]");
        } catch (ApiProblem problem) {
            model.addAttribute("previewForm", null);
            model.addAttribute("definitionJson", null);
            model.addAttribute("previewErrors", json.writeValueAsString(errors(problem).entrySet().stream()
                    .map(e -> Map.of("field", e.getKey(), "detail", e.getValue())).toList()));
        }
        model.addAttribute("form", form);
        return "console/survey-builder :: preview";
    }

    /**
     * The form after a structure button ({@link SurveyBuilderForm#apply}), or replaced by a pasted JSON definition
     * ({@code apply-json}) once the survey service finds it valid; nothing is saved.
     */
    private String restructure(SurveyBuilderForm form, String op, @Nullable String pasted, @Nullable Survey survey,
            Model model) {
        if (!op.equals("apply-json")) {
            form.apply(op);
            return page(model, form, survey, Map.of(), null);
        }
        try {
            SurveyDefinition definition = surveys.check(json.readValue(pasted == null ? "" : pasted,
                    SurveyDefinition.class));
            return page(model, SurveyBuilderForm.of(definition, form.getVersion()), survey, Map.of(), null);
        } catch (JacksonException e) {
            return page(model, form, survey, Map.of(JSON_FIELD, "This is not a survey definition in JSON: "
                    + e.getOriginalMessage()), null);
        } catch (ApiProblem problem) {
            return page(model, form, survey, Map.of(JSON_FIELD, "The JSON was not applied: " + String.join(" ",
                    errors(problem).entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList())), null);
        }
    }

    private String refused(Model model, SurveyBuilderForm form, @Nullable Survey survey, ApiProblem problem,
            HttpServletResponse response) {
        response.setStatus(problem.status().value());
        Map<String, String> errors = errors(problem);
        String conflict = problem.status() == HttpStatus.CONFLICT ? problem.getMessage() : null;
        return page(model, form, survey, errors, conflict);
    }

    /** Every problem by the path of its field ({@code questions[1].text.de}); one without a field under "". */
    private static Map<String, String> errors(ApiProblem problem) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (problem.errors().isEmpty()) {
            errors.put(problem.field() == null ? "" : problem.field(), problem.getMessage());
        }
        problem.errors().forEach(e -> errors.putIfAbsent(e.field(), e.detail()));
        return errors;
    }

    record Choice(String value, String label) {
    }

    private String page(Model model, SurveyBuilderForm form, @Nullable Survey survey, Map<String, String> errors,
            @Nullable String conflict) {
        model.addAttribute("form", form);
        model.addAttribute("survey", survey);
        model.addAttribute("action", survey == null ? "/console/surveys/new"
                : "/console/surveys/" + survey.id() + "/edit");
        model.addAttribute("statusLabel", survey == null ? "New" : SurveyLabels.status(survey.status()));
        model.addAttribute("archived", survey != null && survey.status() == SurveyStatus.ARCHIVED);
        model.addAttribute("errors", errors);
        model.addAttribute("conflict", conflict);
        model.addAttribute("types", Arrays.stream(SurveyType.values())
                .map(t -> new Choice(t.name(), SurveyLabels.type(t))).toList());
        model.addAttribute("kinds", Arrays.stream(Question.Kind.values())
                .map(k -> new Choice(k.wireName(), SurveyLabels.kind(k))).toList());
        model.addAttribute("positions", List.of(new Choice(Appearance.Position.BOTTOM_RIGHT.wireName(), "Bottom right"),
                new Choice(Appearance.Position.BOTTOM_LEFT.wireName(), "Bottom left"),
                new Choice(Appearance.Position.CENTER.wireName(), "Centre")));
        model.addAttribute("channels", invitations.channels().stream().sorted().toList());
        return "console/survey-builder";
    }

    private Survey survey(UUID id) {
        return surveys.find(new Survey.Id(id)).orElseThrow(() -> ApiProblem.notFound("There is no survey with the id "
                + id + ". It may have been deleted: see the survey list."));
    }
}
