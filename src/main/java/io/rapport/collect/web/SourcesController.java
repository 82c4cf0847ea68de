package io.rapport.collect.web;

import java.util.List;
import java.util.UUID;

import io.rapport.collect.Source;
import io.rapport.collect.SourceType;
import io.rapport.collect.Sources;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Sources and their write keys. */
@RestController
@RequestMapping("/api/v1/sources")
class SourcesController {

    private final Sources sources;

    SourcesController(Sources sources) {
        this.sources = sources;
    }

    record NewSource(@NotBlank @Size(max = 100) String name, @NotNull SourceType type) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('ADMIN')")
    Source create(@Valid @RequestBody NewSource request) {
        return sources.create(request.name(), request.type());
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('ANALYST', 'MARKETER')")
    List<Source> list() {
        return sources.list();
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAnyRole('ANALYST', 'MARKETER')")
    Source get(@PathVariable UUID id) {
        return sources.get(new Source.Id(id));
    }

    /** A new write key; the previous one keeps working for {@code rapport.collect.write-key-rotation-grace}. */
    @PostMapping("/{id}/rotate-write-key")
    @PreAuthorize("hasRole('ADMIN')")
    Source rotate(@PathVariable UUID id) {
        return sources.rotateWriteKey(new Source.Id(id));
    }
}
