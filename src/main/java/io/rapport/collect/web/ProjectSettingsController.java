package io.rapport.collect.web;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.rapport.collect.Sources;
import io.rapport.platform.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponents;

/**
 * What analytics.js loads at start-up ({@code cdnURL/v1/projects/<writeKey>/settings}). It points the
 * browser's Segment.io destination at this Rapport instance and turns off every other destination and
 * Segment's own telemetry.
 */
@RestController
@Tag(name = "Tracking API")
class ProjectSettingsController {

    private final Sources sources;

    ProjectSettingsController(Sources sources) {
        this.sources = sources;
    }

    @Operation(summary = "analytics.js settings for a write key")
    @GetMapping("/v1/projects/{writeKey}/settings")
    Map<String, Object> settings(@PathVariable String writeKey) {
        if (sources.authenticate(writeKey).isEmpty()) {
            throw ApiProblem.notFound("No source has this write key. Copy it from Sources in the Rapport console.");
        }
        UriComponents self = ServletUriComponentsBuilder.fromCurrentContextPath().build();
        String host = self.getHost() + (self.getPort() > 0 ? ":" + self.getPort() : "") + Objects.toString(self.getPath(), "");
        return Map.of(
                "integrations", Map.of("Segment.io", Map.of(
                        "apiKey", writeKey,
                        "apiHost", host.replaceAll("/+$", "") + "/v1",
                        "protocol", self.getScheme(),
                        "unbundledIntegrations", List.of(),
                        "addBundledMetadata", true)),
                "plan", Map.of("track", Map.of("__default", Map.of("enabled", true))),
                "edgeFunction", Map.of(),
                "analyticsNextEnabled", true,
                "middlewareSettings", Map.of(),
                "enabledMiddleware", Map.of(),
                "metrics", Map.of("sampleRate", 0),
                "remotePlugins", List.of());
    }
}
