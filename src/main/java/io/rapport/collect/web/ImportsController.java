package io.rapport.collect.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import io.rapport.collect.ImportJob;
import io.rapport.collect.Imports;
import io.rapport.collect.Source;
import io.rapport.platform.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Bulk imports of files into the event log (see docs/imports.md). */
@RestController
@RequestMapping("/api/v1/imports")
@PreAuthorize("hasRole('ADMIN')")
class ImportsController {

    private final Imports imports;

    ImportsController(Imports imports) {
        this.imports = imports;
    }

    /** Stores the file and queues its job: 202 with the job, whose progress is at the Location. */
    @Operation(summary = "Upload a file of past events and queue its import (202; progress at the Location)")
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<ImportJob> submit(
            @Parameter(description = "The file, at most 200 MB: CSV or NDJSON, plain or gzip (recognised by its "
                    + "content); for the olist mapping a zip archive of the Olist CSV files.")
            @RequestParam("file") MultipartFile file,
            @Parameter(description = "How rows become Segment messages: 'uci-online-retail' (the UCI Online Retail "
                    + "CSV: one Order Completed per invoice), 'olist' (a zip archive of the Olist e-commerce data "
                    + "set: orders with items and payments, their milestones, customers as identifies, reviews as "
                    + "Product Reviewed), 'segment-ndjson' (one Segment message per line), or a JSON column mapping "
                    + "such as {\"event\":\"Order Completed\",\"userId\":\"customer_id\"}. See docs/imports.md.")
            @RequestParam("mapping") String mapping,
            @Parameter(description = "The id of a source of type IMPORT; without it, the shared source 'Imports'. "
                    + "Re-running a file into the same source stores nothing twice.")
            @RequestParam(value = "source", required = false) @Nullable UUID source) throws IOException {
        if (file.isEmpty()) {
            throw ApiProblem.invalidField("file", "The file is empty.");
        }
        ImportJob job;
        try (InputStream in = file.getInputStream()) {
            job = imports.submit(mapping, file.getOriginalFilename() == null ? "upload" : file.getOriginalFilename(),
                    in, source == null ? null : new Source.Id(source));
        }
        return ResponseEntity.accepted().location(URI.create("/api/v1/imports/" + job.id())).body(job);
    }

    @GetMapping
    List<ImportJob> list(@RequestParam(defaultValue = "50") int limit) {
        return imports.list(limit);
    }

    @GetMapping("/{id}")
    ImportJob get(@PathVariable UUID id) {
        return imports.find(new ImportJob.Id(id))
                .orElseThrow(() -> ApiProblem.notFound("There is no import with the id " + id + "."));
    }

    /** The rows the job could not import, with the reason, as CSV ({@code row,reason,line}). */
    @GetMapping("/{id}/rejected")
    void rejected(@PathVariable UUID id, HttpServletResponse response) throws IOException {
        ImportJob job = get(id);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"import-" + job.id()
                + "-rejected.csv\"");
        Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        imports.writeRejected(job.id(), out);
        out.flush();
    }
}
