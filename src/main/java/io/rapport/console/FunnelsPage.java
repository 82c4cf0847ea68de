package io.rapport.console;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.rapport.customer.Identifier;
import io.rapport.insight.ConversionFunnels;
import io.rapport.insight.FunnelBreakdown;
import io.rapport.insight.FunnelDefinition;
import io.rapport.insight.FunnelDropOff;
import io.rapport.insight.FunnelQuery;
import io.rapport.insight.FunnelResult;
import io.rapport.insight.FunnelStep;
import io.rapport.insight.MetricDays;
import io.rapport.insight.SavedFunnel;
import io.rapport.insight.SavedFunnels;
import io.rapport.platform.ApiProblem;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jspecify.annotations.Nullable;
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
import tools.jackson.databind.json.JsonMapper;

/**
 * Funnels: the saved ones, the builder (steps chosen from the event names seen, the window, a preview of the
 * unsaved funnel) and a funnel's page with its chart, conversion, time to convert, breakdown, CSV export and the
 * persons who dropped off after a step.
 */
@Controller
@RequestMapping("/console/insight/funnels")
@PreAuthorize("hasAnyRole('ANALYST', 'MARKETER')")
class FunnelsPage {

    private static final int DROP_OFF = 100;

    private final SavedFunnels saved;
    private final ConversionFunnels funnels;
    private final Clock clock;
    private final JsonMapper json;

    FunnelsPage(SavedFunnels saved, ConversionFunnels funnels, Clock clock, JsonMapper json) {
        this.saved = saved;
        this.funnels = funnels;
        this.clock = clock;
        this.json = json;
    }

    /** What the chart draws: per step its label, persons and conversion from the first step. */
    record Chart(List<String> labels, List<Long> persons, List<@Nullable Double> fromFirst,
            List<@Nullable Double> fromPrevious) {

        static Chart of(FunnelResult result) {
            return new Chart(result.steps().stream().map(FunnelResult.Step::label).toList(),
                    result.steps().stream().map(FunnelResult.Step::persons).toList(),
                    result.steps().stream().map(FunnelResult.Step::fromFirst).toList(),
                    result.steps().stream().map(FunnelResult.Step::fromPrevious).toList());
        }
    }

    record Dropped(String person, String reachedAt, @Nullable String customerId) {
    }

    /** A step as the tables show it: percentages and times as text, blank where there is none. */
    record StepRow(int step, String label, long persons, String fromPrevious, String fromFirst, String median,
            String p90) {

        static List<StepRow> of(List<FunnelResult.Step> steps) {
            return steps.stream().map(s -> new StepRow(s.step(), s.label(), s.persons(), percent(s.fromPrevious()),
                    percent(s.fromFirst()), duration(s.time().medianSeconds()), duration(s.time().p90Seconds())))
                    .toList();
        }
    }

    record GroupRow(String key, List<StepRow> steps, String median) {
    }

    static String percent(@Nullable Double value) {
        return value == null ? "" : value + " %";
    }

    /** A time to convert in the largest units that keep it readable: 45 s, 12 min, 3 h 5 min, 2 d 4 h. */
    static String duration(@Nullable Long seconds) {
        if (seconds == null) {
            return "";
        }
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3_600) {
            return seconds / 60 + " min";
        }
        if (seconds < 86_400) {
            return seconds / 3_600 + " h " + seconds % 3_600 / 60 + " min";
        }
        return seconds / 86_400 + " d " + seconds % 86_400 / 3_600 + " h";
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("funnels", saved.list());
        return "console/funnels";
    }

    @GetMapping("/new")
    String create(Model model) {
        return builder(model, FunnelBuilderForm.empty(), null, Map.of());
    }

    @GetMapping("/{id}/edit")
    String edit(@PathVariable UUID id, Model model) {
        SavedFunnel funnel = saved.get(new SavedFunnel.Id(id));
        return builder(model, FunnelBuilderForm.of(funnel), funnel, Map.of());
    }

    @PostMapping({"/new", "/{id}/edit"})
    String save(@PathVariable(required = false) @Nullable UUID id, @ModelAttribute("form") FunnelBuilderForm form,
            @RequestParam(required = false) @Nullable String op, Model model, HttpServletResponse response,
            RedirectAttributes redirect) {
        @Nullable SavedFunnel funnel = id == null ? null : saved.get(new SavedFunnel.Id(id));
        if ("add".equals(op)) {
            form.padRows(form.getSteps().size() + 1);
            return builder(model, form, funnel, Map.of());
        }
        try {
            FunnelDefinition definition = form.definition();
            SavedFunnel kept = funnel == null ? saved.create(form.getName(), definition)
                    : saved.update(funnel.id(), form.getName(), definition);
            redirect.addFlashAttribute("notice", "“" + kept.name() + "” was saved.");
            return "redirect:/console/insight/funnels/" + kept.id();
        } catch (ApiProblem problem) {
            response.setStatus(problem.status().value());
            return builder(model, form, funnel, Map.of(problem.field() == null ? "" : problem.field(),
                    problem.getMessage()));
        }
    }

    /** The builder's preview: the unsaved funnel over the last 90 days, or the problem keeping it from being one. */
    @PostMapping("/preview")
    String preview(@ModelAttribute("form") FunnelBuilderForm form, Model model) {
        MetricDays days = MetricDays.of(null, null, clock);
        try {
            FunnelResult result = funnels.report(new FunnelQuery(form.definition(), days.from(), days.to(), null));
            model.addAttribute("result", result);
            model.addAttribute("rows", StepRow.of(result.steps()));
            model.addAttribute("chart", json.writeValueAsString(Chart.of(result)));
        } catch (ApiProblem problem) {
            model.addAttribute("problem", (problem.field() == null ? "" : problem.field() + ": ")
                    + problem.getMessage());
        }
        return "console/funnel-parts :: preview";
    }

    @PostMapping("/{id}/delete")
    String delete(@PathVariable UUID id, RedirectAttributes redirect) {
        SavedFunnel funnel = saved.get(new SavedFunnel.Id(id));
        saved.delete(funnel.id());
        redirect.addFlashAttribute("notice", "“" + funnel.name() + "” was deleted.");
        return "redirect:/console/insight/funnels";
    }

    @GetMapping("/{id}")
    String funnel(@PathVariable UUID id, @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable String breakdown, Model model) {
        SavedFunnel funnel = saved.get(new SavedFunnel.Id(id));
        FunnelQuery query = query(funnel, from, to, breakdown == null ? FunnelBreakdown.CHANNEL.wire() : breakdown);
        FunnelResult result = funnels.report(query);
        model.addAttribute("funnel", funnel);
        model.addAttribute("result", result);
        model.addAttribute("chart", json.writeValueAsString(Chart.of(result)));
        model.addAttribute("from", query.from().toString());
        model.addAttribute("to", query.to().toString());
        model.addAttribute("breakdown", result.breakdown());
        model.addAttribute("rows", StepRow.of(result.steps()));
        model.addAttribute("groups", result.groups().stream().map(g -> new GroupRow(g.key(), StepRow.of(g.steps()),
                duration(g.timeToConvert().medianSeconds()))).toList());
        model.addAttribute("breakdowns", List.of("channel", "device", "campaign"));
        model.addAttribute("timeToConvert", Map.of("median", duration(result.timeToConvert().medianSeconds()),
                "p90", duration(result.timeToConvert().p90Seconds())));
        return "console/funnel";
    }

    @GetMapping("/{id}/export")
    void export(@PathVariable UUID id, @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable String breakdown, HttpServletResponse response)
            throws IOException {
        SavedFunnel funnel = saved.get(new SavedFunnel.Id(id));
        FunnelResult result = funnels.report(query(funnel, from, to, breakdown));
        response.setContentType("text/csv; charset=utf-8");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Content-Disposition", "attachment; filename=\"rapport-funnel.csv\"");
        try (CSVPrinter csv = new CSVPrinter(response.getWriter(), CSVFormat.DEFAULT)) {
            csv.printRecord("group", "step", "label", "persons", "fromPrevious", "fromFirst", "medianSeconds",
                    "p90Seconds");
            print(csv, "all", result.steps());
            for (FunnelResult.Group group : result.groups()) {
                print(csv, CsvCells.text(group.key()), group.steps());
            }
        }
    }

    /** Who reached a step but not the next (the first {@value #DROP_OFF}), each linking to their customer. */
    @GetMapping("/{id}/dropoff")
    String dropOff(@PathVariable UUID id, @RequestParam int step, @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to, Model model) {
        SavedFunnel funnel = saved.get(new SavedFunnel.Id(id));
        FunnelDropOff dropOff = funnels.dropOff(query(funnel, from, to, null), step, DROP_OFF, null);
        model.addAttribute("dropOff", dropOff);
        model.addAttribute("persons", dropOff.items().stream().map(p -> new Dropped(
                Identifier.decode(p.identifier()).value(), Times.full(p.reachedAt()), p.customerId())).toList());
        model.addAttribute("limit", DROP_OFF);
        return "console/funnel-parts :: dropoff";
    }

    private FunnelQuery query(SavedFunnel funnel, @Nullable String from, @Nullable String to,
            @Nullable String breakdown) {
        MetricDays days = MetricDays.of(from, to, clock);
        return FunnelQuery.of(funnel, days.from(), days.to(), FunnelBreakdown.parse(breakdown));
    }

    private String builder(Model model, FunnelBuilderForm form, @Nullable SavedFunnel funnel,
            Map<String, String> errors) {
        model.addAttribute("form", form);
        model.addAttribute("funnel", funnel);
        model.addAttribute("errors", errors);
        model.addAttribute("action", funnel == null ? "/console/insight/funnels/new"
                : "/console/insight/funnels/" + funnel.id() + "/edit");
        model.addAttribute("knownNames", funnels.knownSteps().stream().map(FunnelStep::name)
                .filter(name -> !name.isEmpty()).distinct().toList());
        model.addAttribute("types", List.of("track", "page", "screen"));
        model.addAttribute("maxSteps", FunnelDefinition.MAX_STEPS);
        return "console/funnel-builder";
    }

    private static void print(CSVPrinter csv, String group, List<FunnelResult.Step> steps) throws IOException {
        for (FunnelResult.Step step : steps) {
            csv.printRecord(group, step.step(), CsvCells.text(step.label()), step.persons(), step.fromPrevious(),
                    step.fromFirst(), step.time().medianSeconds(), step.time().p90Seconds());
        }
    }
}
