package io.rapport.console;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.rapport.feedback.SuggestedTopic;
import io.rapport.feedback.TextAnalyzer;
import io.rapport.feedback.TopicRule;
import io.rapport.feedback.TopicRules;
import io.rapport.platform.ApiProblem;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The topic-rules editor: one language at a time, its topics and keywords, topics suggested from the stored texts
 * with one-click "add as topic", and the progress of re-reading the stored texts after a change.
 */
@Controller
@RequestMapping("/console/feedback/topics")
@PreAuthorize("hasRole('ANALYST')")
class FeedbackTopicsPage {

    private final TopicRules topics;

    FeedbackTopicsPage(TopicRules topics) {
        this.topics = topics;
    }

    /** A topic of the language being edited, as its row of the form shows it. */
    record Row(String topic, String keywords) {
    }

    @GetMapping
    String edit(@RequestParam(required = false) @Nullable String language, Model model) {
        String lang = language(language);
        TopicRules.Current current = topics.current();
        List<Row> rows = current.rules().stream().filter(r -> r.language().equals(lang))
                .map(r -> new Row(r.topic(), String.join(", ", r.keywords()))).toList();
        return page(lang, rows, List.of(), model);
    }

    @PostMapping
    String save(@RequestParam String language, @RequestParam(name = "topic", required = false) @Nullable List<String> names,
            @RequestParam(name = "keywords", required = false) @Nullable List<String> keywords,
            @RequestParam(name = "remove", required = false) @Nullable List<Integer> remove, Model model,
            RedirectAttributes redirect) {
        String lang = language(language);
        List<String> topicNames = names == null ? List.of() : names;
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < topicNames.size(); i++) {
            String words = keywords != null && i < keywords.size() ? keywords.get(i) : "";
            boolean blank = topicNames.get(i).isBlank() && words.isBlank();
            if (!blank && (remove == null || !remove.contains(i))) {
                rows.add(new Row(topicNames.get(i).strip(), words));
            }
        }
        return replace(lang, rows, model, redirect, "Saved the topics of " + Labels.language(lang) + ".");
    }

    @PostMapping("/add")
    String add(@RequestParam String language, @RequestParam String phrase, Model model, RedirectAttributes redirect) {
        String lang = language(language);
        List<Row> rows = new ArrayList<>(topics.current().rules().stream().filter(r -> r.language().equals(lang))
                .map(r -> new Row(r.topic(), String.join(", ", r.keywords()))).toList());
        rows.add(new Row(phrase.strip(), phrase.strip()));
        return replace(lang, rows, model, redirect, "Added the topic '" + phrase.strip() + "'.");
    }

    @GetMapping("/reread")
    String reread(Model model) {
        model.addAttribute("reread", topics.reread());
        return "console/feedback-topics :: reread";
    }

    /** This language's rules replaced by the rows, the other languages' kept, in the order of the languages. */
    private String replace(String language, List<Row> rows, Model model, RedirectAttributes redirect, String notice) {
        List<TopicRules.Draft> drafts = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<TopicRule> current = topics.current().rules();
        for (String lang : TextAnalyzer.LANGUAGES) {
            if (lang.equals(language)) {
                for (Row row : rows) {
                    drafts.add(new TopicRules.Draft(lang, row.topic(), keywords(row.keywords())));
                    labels.add(row.topic().isBlank() ? "A new topic" : "Topic '" + row.topic() + "'");
                }
            } else {
                current.stream().filter(r -> r.language().equals(lang)).forEach(r -> {
                    drafts.add(new TopicRules.Draft(r.language(), r.topic(), r.keywords()));
                    labels.add(Labels.language(lang) + " topic '" + r.topic() + "'");
                });
            }
        }
        try {
            topics.replace(drafts);
        } catch (ApiProblem problem) {
            List<String> errors = problem.errors().isEmpty() ? List.of(problem.getMessage())
                    : problem.errors().stream().map(e -> describe(e, labels)).toList();
            return page(language, rows, errors, model);
        }
        redirect.addFlashAttribute("notice", notice + " Stored texts are being read again with the new rules.");
        return "redirect:/console/feedback/topics?language=" + language;
    }

    private String page(String language, List<Row> rows, List<String> errors, Model model) {
        TopicRules.Current current = topics.current();
        model.addAttribute("language", language);
        model.addAttribute("languageName", Labels.language(language));
        model.addAttribute("languages", TextAnalyzer.LANGUAGES.stream().map(l -> new Labels.Option(l, Labels.language(l)))
                .toList());
        model.addAttribute("rows", rows);
        model.addAttribute("errors", errors);
        model.addAttribute("edited", current.edited());
        model.addAttribute("updatedAt", Times.full(current.updatedAt()));
        List<SuggestedTopic> suggestions = topics.suggestions(language, null, null);
        model.addAttribute("suggestions", suggestions);
        model.addAttribute("maxTexts", TopicRules.MAX_SUGGESTION_TEXTS);
        model.addAttribute("reread", topics.reread());
        return "console/feedback-topics";
    }

    /** "rules[3].keywords[0]: …" as "Topic 'delivery': …" */
    private static String describe(ApiProblem.FieldError error, List<String> labels) {
        String field = error.field();
        if (field.startsWith("rules[")) {
            int index = Integer.parseInt(field.substring(6, field.indexOf(']')));
            if (index < labels.size()) {
                return labels.get(index) + ": " + error.detail();
            }
        }
        return error.detail();
    }

    private static List<String> keywords(String text) {
        return Arrays.stream(text.split("[,\\n]")).map(String::strip).filter(k -> !k.isEmpty()).toList();
    }

    private static String language(@Nullable String language) {
        if (language == null || language.isBlank()) {
            return TextAnalyzer.LANGUAGES.getFirst();
        }
        if (!TextAnalyzer.LANGUAGES.contains(language)) {
            throw ApiProblem.invalidField("language", "Rapport reads topics in " + TextAnalyzer.LANGUAGES + ".");
        }
        return language;
    }
}
