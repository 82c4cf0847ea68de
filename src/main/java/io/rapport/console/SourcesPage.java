package io.rapport.console;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import io.rapport.collect.Source;
import io.rapport.collect.SourceType;
import io.rapport.collect.Sources;
import io.rapport.platform.ApiProblem;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Sources: the list, the form that creates one, and one source's write key with the code to send events. */
@Controller
@RequestMapping("/console/sources")
@PreAuthorize("hasAnyRole('ANALYST', 'MARKETER')")
class SourcesPage {

    private final Sources sources;
    private final Clock clock;

    SourcesPage(Sources sources, Clock clock) {
        this.sources = sources;
        this.clock = clock;
    }

    record SourceRow(String id, String name, String type, String created, String createdAgo) {
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("name", "");
        model.addAttribute("type", "");
        return listPage(model);
    }

    @PostMapping
    @PreAuthorize("hasRole('ADMIN')")
    String create(@RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String type,
            Model model, RedirectAttributes redirect) {
        model.addAttribute("name", name);
        model.addAttribute("type", type);
        SourceType sourceType = Arrays.stream(SourceType.values()).filter(t -> t.name().equals(type)).findFirst()
                .orElse(null);
        if (sourceType == null) {
            model.addAttribute("errorField", "type");
            model.addAttribute("error", "Choose where the events of this source come from.");
            return listPage(model);
        }
        try {
            Source source = sources.create(name, sourceType);
            redirect.addFlashAttribute("notice", "Source “" + source.name() + "” created. Send events with the "
                    + "write key below.");
            return "redirect:/console/sources/" + source.id();
        } catch (ApiProblem problem) {
            model.addAttribute("errorField", problem.field());
            model.addAttribute("error", problem.getMessage());
            return listPage(model);
        }
    }

    @GetMapping("/{id}")
    String show(@PathVariable UUID id, Model model) {
        Source source = sources.get(new Source.Id(id));
        model.addAttribute("source", row(source));
        model.addAttribute("writeKey", source.writeKey());
        if (source.previousKeyValidUntil() != null && source.previousKeyValidUntil().isAfter(clock.instant())) {
            model.addAttribute("previousKeyValidUntil", Times.full(source.previousKeyValidUntil()));
        }
        model.addAttribute("graceHours", sources.rotationGrace().toHours());
        model.addAttribute("baseUrl", ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString());
        return "console/source";
    }

    @PostMapping("/{id}/rotate-write-key")
    @PreAuthorize("hasRole('ADMIN')")
    String rotate(@PathVariable UUID id, RedirectAttributes redirect) {
        Source source = sources.rotateWriteKey(new Source.Id(id));
        redirect.addFlashAttribute("notice", "New write key issued. The previous key keeps working until "
                + Times.full(source.previousKeyValidUntil()) + "; update your apps before then.");
        return "redirect:/console/sources/" + source.id();
    }

    private String listPage(Model model) {
        List<SourceRow> rows = sources.list().stream().map(this::row).toList();
        model.addAttribute("sources", rows);
        model.addAttribute("types", Arrays.stream(SourceType.values())
                .map(t -> new Labels.Option(t.name(), Labels.of(t))).toList());
        return "console/sources";
    }

    private SourceRow row(Source source) {
        return new SourceRow(source.id().toString(), source.name(), Labels.of(source.type()),
                Times.full(source.createdAt()), Times.relative(source.createdAt(), clock.instant()));
    }
}
