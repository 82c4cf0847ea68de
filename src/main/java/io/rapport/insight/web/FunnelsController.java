package io.rapport.insight.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.rapport.insight.FunnelDefinition;
import io.rapport.insight.FunnelStep;
import io.rapport.insight.SavedFunnel;
import io.rapport.insight.SavedFunnels;
import io.rapport.platform.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Saved funnels: a name, the steps and the conversion window. */
@RestController
@RequestMapping("/api/v1/funnels")
@PreAuthorize("hasAnyRole('ANALYST', 'MARKETER')")
@Tag(name = "Metrics")
class FunnelsController {

    private final SavedFunnels funnels;

    FunnelsController(SavedFunnels funnels) {
        this.funnels = funnels;
    }

    /** A funnel as sent: its name, 2–10 steps and the window (ISO-8601, up to P90D). */
    record FunnelDocument(@Nullable String name, @Nullable List<FunnelDefinition.StepDraft> steps,
            @Nullable String window) {

        String checkedName() {
            if (name == null) {
                throw ApiProblem.invalidField("name", "Give the funnel a name, e.g. 'Checkout'.");
            }
            return name;
        }
    }

    /**
     * A saved funnel; {@code paths} is {@code building} while its per-person paths are being built after it was
     * saved or edited (its reports are computed from the raw events meanwhile), then {@code ready}.
     */
    record FunnelView(SavedFunnel.Id id, String name, List<FunnelStep> steps, String window, Instant createdAt,
            Instant updatedAt, String paths) {

        static FunnelView of(SavedFunnel funnel) {
            return new FunnelView(funnel.id(), funnel.name(), funnel.definition().steps(),
                    funnel.definition().windowText(), funnel.createdAt(), funnel.updatedAt(),
                    funnel.pathsReady() ? "ready" : "building");
        }
    }

    record FunnelList(List<FunnelView> items) {
    }

    @GetMapping
    @Operation(summary = "The saved funnels, by name")
    FunnelList list() {
        return new FunnelList(funnels.list().stream().map(FunnelView::of).toList());
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Save a funnel")
    FunnelView create(@RequestBody FunnelDocument document) {
        return FunnelView.of(funnels.create(document.checkedName(),
                FunnelDefinition.of(document.steps(), document.window())));
    }

    @GetMapping("/{id}")
    @Operation(summary = "A saved funnel")
    FunnelView get(@PathVariable String id) {
        return FunnelView.of(funnels.get(id("id", id)));
    }

    @PutMapping("/{id}")
    @Operation(summary = "Replace a saved funnel's name, steps and window")
    FunnelView update(@PathVariable String id, @RequestBody FunnelDocument document) {
        return FunnelView.of(funnels.update(id("id", id), document.checkedName(),
                FunnelDefinition.of(document.steps(), document.window())));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a saved funnel")
    void delete(@PathVariable String id) {
        funnels.delete(id("id", id));
    }

    static SavedFunnel.Id id(String field, String text) {
        try {
            return new SavedFunnel.Id(UUID.fromString(text.strip()));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalidField(field, "'" + text + "' is not a funnel id.");
        }
    }
}
