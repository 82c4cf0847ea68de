package io.rapport.console;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.rapport.feedback.FollowUpCases;
import io.rapport.feedback.FollowUpRule;
import io.rapport.feedback.SurveyType;
import io.rapport.platform.ApiProblem;
import io.rapport.platform.Role;
import io.rapport.platform.Users;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Admins edit the four rules that open follow-up cases; a refused form comes back with each field's reason. */
@Controller
@RequestMapping("/console/cases/rules")
@PreAuthorize("hasRole('ADMIN')")
class CaseRulesPage {

    private final FollowUpCases cases;
    private final Users users;

    CaseRulesPage(FollowUpCases cases, Users users) {
        this.cases = cases;
        this.users = users;
    }

    /** One rule as the form shows it; {@code dueHours} is the due time in hours. */
    record RuleForm(int index, String kind, String label, boolean enabled, String maxScore, String maxSentimentScore,
            String owner, String ownerRole, String dueHours, @Nullable String scale) {
    }

    record Option(String value, String label) {
    }

    @GetMapping
    String show(Model model) {
        List<FollowUpRule> rules = cases.rules();
        List<RuleForm> forms = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            FollowUpRule rule = rules.get(i);
            forms.add(new RuleForm(i, rule.kind().name(), label(rule.kind()), rule.enabled(), text(rule.maxScore()),
                    text(rule.maxSentimentScore()), rule.ownerUserId() == null ? "" : rule.ownerUserId().toString(),
                    rule.ownerRole() == null ? "" : rule.ownerRole().name(), Long.toString(rule.due().toHours()),
                    scale(rule.kind())));
        }
        return page(model, forms, List.of());
    }

    @PostMapping
    String save(@RequestParam MultiValueMap<String, String> form, Model model, RedirectAttributes redirect) {
        List<RuleForm> forms = new ArrayList<>();
        List<FollowUpCases.RuleSettings> settings = new ArrayList<>();
        for (int i = 0; i < FollowUpRule.Kind.values().length; i++) {
            String at = "rules[" + i + "].";
            String kind = value(form, at + "kind");
            FollowUpRule.Kind known = Arrays.stream(FollowUpRule.Kind.values()).filter(k -> k.name().equals(kind))
                    .findFirst().orElse(null);
            RuleForm rule = new RuleForm(i, kind, known == null ? kind : label(known), form.containsKey(at + "enabled"),
                    value(form, at + "maxScore"), value(form, at + "maxSentimentScore"), value(form, at + "owner"),
                    value(form, at + "ownerRole"), value(form, at + "dueHours"), known == null ? null : scale(known));
            forms.add(rule);
            settings.add(new FollowUpCases.RuleSettings(kind, rule.enabled(), integer(rule.maxScore()),
                    decimal(rule.maxSentimentScore()), rule.owner(), rule.ownerRole(),
                    rule.dueHours().isBlank() ? null : "PT" + rule.dueHours().strip() + "H"));
        }
        try {
            cases.saveRules(settings);
        } catch (ApiProblem problem) {
            List<ApiProblem.FieldError> errors = problem.errors().isEmpty()
                    ? List.of(new ApiProblem.FieldError(String.valueOf(problem.field()), problem.getMessage()))
                    : problem.errors();
            return page(model, forms, errors);
        }
        redirect.addFlashAttribute("notice", "The follow-up rules are saved; they apply to feedback from now on.");
        return "redirect:/console/cases/rules";
    }

    private String page(Model model, List<RuleForm> forms, List<ApiProblem.FieldError> errors) {
        model.addAttribute("rules", forms);
        model.addAttribute("errors", errors.stream().map(e -> e.detail()).toList());
        model.addAttribute("users", users.list().stream().map(u -> new Option(u.id().value().toString(), u.email()))
                .toList());
        model.addAttribute("roles", List.of(Role.values()).stream()
                .map(r -> new Option(r.name(), r.name().toLowerCase(Locale.ROOT))).toList());
        return "console/case-rules";
    }

    private static String label(FollowUpRule.Kind kind) {
        return switch (kind) {
            case NPS -> "NPS detractors";
            case CSAT -> "Dissatisfied (CSAT)";
            case CES -> "High effort (CES)";
            case SENTIMENT -> "Negative comments and reviews";
        };
    }

    /** The scores a survey rule reads, e.g. "0–10"; none for the sentiment rule. */
    private static @Nullable String scale(FollowUpRule.Kind kind) {
        if (kind == FollowUpRule.Kind.SENTIMENT) {
            return null;
        }
        SurveyType type = SurveyType.valueOf(kind.name());
        return type.minScore() + "–" + type.maxScore();
    }

    private static String value(MultiValueMap<String, String> form, String name) {
        String value = form.getFirst(name);
        return value == null ? "" : value.strip();
    }

    private static String text(@Nullable Number number) {
        return number == null ? "" : number.toString();
    }

    private static @Nullable Integer integer(String text) {
        if (text.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            return Integer.MIN_VALUE;
        }
    }

    private static @Nullable Double decimal(String text) {
        if (text.isBlank()) {
            return null;
        }
        try {
            return Double.valueOf(text);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
