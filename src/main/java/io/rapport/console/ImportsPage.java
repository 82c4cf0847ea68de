package io.rapport.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import io.rapport.collect.ImportJob;
import io.rapport.collect.Imports;
import io.rapport.collect.Source;
import io.rapport.collect.SourceType;
import io.rapport.collect.Sources;
import io.rapport.platform.ApiProblem;
import io.rapport.platform.UploadLimit;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Bulk imports: the jobs with their progress, refreshed every second while one is queued or running, the form
 * that uploads a file with its mapping, and each job's rejected rows as CSV (see docs/imports.md).
 */
@Controller
@RequestMapping("/console/imports")
@PreAuthorize("hasRole('ADMIN')")
class ImportsPage {

    static final int SHOWN = 50;
    /** A column mapping to start from: it reads a CSV with the columns order_no, customer_id, ordered_at … */
    static final String EXAMPLE = """
            {"event": "Order Completed", "messageId": "order_no", "userId": "customer_id",
             "timestamp": "ordered_at", "properties.order_id": "order_no",
             "properties.total": "amount:number", "properties.currency": "currency"}""";
    static final String EXAMPLE_CSV = """
            order_no,customer_id,ordered_at,amount,currency
            A-1001,c-17,2024-03-01 10:00:00,19.90,EUR""";

    private final Imports imports;
    private final Sources sources;
    private final UploadLimit uploadLimit;
    private final Clock clock;

    ImportsPage(Imports imports, Sources sources, UploadLimit uploadLimit, Clock clock) {
        this.imports = imports;
        this.sources = sources;
        this.uploadLimit = uploadLimit;
        this.clock = clock;
    }

    /** What the form shows: the choices made, so a refused upload keeps them. */
    record Form(String mapping, String columnMapping, String source) {

        static final Form DEFAULT = new Form(Imports.UCI_ONLINE_RETAIL, "", "");
    }

    /**
     * One job as the table shows it. {@code percent} (of the rows read, rounded down) is null while the rows are
     * being counted; {@code active}
     * jobs (queued or running) keep the table refreshing.
     */
    record JobRow(String id, String fileName, String fileSize, String mapping, String source, String status,
            String statusLabel, boolean active, @Nullable Integer percent, String progress, String rate, String eta,
            long rowsImported, long rowsRejected, long messages, int attempts, String created, String started,
            String startedAgo, String finished, String took, String error) {
    }

    @GetMapping
    String page(Model model) {
        return page(model, Form.DEFAULT);
    }

    /** The jobs table alone, for the page's live refresh. */
    @GetMapping("/jobs")
    String jobs(Model model) {
        jobRows(model);
        return "console/imports :: jobs";
    }

    @PostMapping
    String submit(@RequestParam(required = false) @Nullable MultipartFile file,
            @RequestParam(defaultValue = "") String mapping, @RequestParam(defaultValue = "") String columnMapping,
            @RequestParam(defaultValue = "") String source, Model model, RedirectAttributes redirect)
            throws IOException {
        Form form = new Form(mapping, columnMapping, source);
        boolean custom = Imports.CUSTOM.equals(mapping);
        if (file == null || file.getOriginalFilename() == null || file.getOriginalFilename().isBlank()) {
            return refused(model, form, "file", "Choose the file to import.");
        }
        if (file.isEmpty()) {
            return refused(model, form, "file", "“" + file.getOriginalFilename() + "” is empty: there is nothing "
                    + "to import.");
        }
        if (!custom && Imports.BUILT_IN_MAPPINGS.stream().noneMatch(m -> m.name().equals(mapping))) {
            return refused(model, form, "mapping", "Choose how the file's rows become events.");
        }
        if (custom && !columnMapping.strip().startsWith("{")) {
            return refused(model, form, "columnMapping", "Write the column mapping as a JSON object, starting "
                    + "with {, like the example.");
        }
        Source.@Nullable Id target;
        try {
            target = source.isBlank() ? null : new Source.Id(UUID.fromString(source));
        } catch (IllegalArgumentException e) {
            return refused(model, form, "source", "Choose a source from the list.");
        }
        ImportJob job;
        try (InputStream in = file.getInputStream()) {
            job = imports.submit(custom ? columnMapping : mapping, file.getOriginalFilename(), in, target);
        } catch (ApiProblem problem) {
            String field = "mapping".equals(problem.field()) && custom ? "columnMapping" : problem.field();
            return refused(model, form, field, problem.getMessage());
        }
        redirect.addFlashAttribute("notice", "“" + job.fileName() + "” is uploaded and queued for import. Its "
                + "progress shows below.");
        return "redirect:/console/imports";
    }

    /** An upload over the limit never reaches {@link #submit}: its parts cannot be read. */
    @ExceptionHandler(MaxUploadSizeExceededException.class)
    String tooLarge(RedirectAttributes redirect) {
        redirect.addFlashAttribute("errorField", "file");
        redirect.addFlashAttribute("error", uploadLimit.refusal());
        return "redirect:/console/imports";
    }

    /** The job's rejected rows as CSV ({@code row,reason,line}), as the API's {@code /rejected} gives them. */
    @GetMapping("/{id}/rejected")
    ResponseEntity<StreamingResponseBody> rejected(@PathVariable UUID id) {
        ImportJob job = imports.find(new ImportJob.Id(id))
                .orElseThrow(() -> ApiProblem.notFound("There is no import with the id " + id + "."));
        StreamingResponseBody csv = out -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            imports.writeRejected(job.id(), writer);
            writer.flush();
        };
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(rejectedFileName(job), StandardCharsets.UTF_8).build().toString())
                .body(csv);
    }

    private String refused(Model model, Form form, @Nullable String field, String message) {
        model.addAttribute("errorField", field);
        model.addAttribute("error", message);
        return page(model, form);
    }

    private String page(Model model, Form form) {
        model.addAttribute("form", form);
        model.addAttribute("mappings", Imports.BUILT_IN_MAPPINGS);
        model.addAttribute("custom", Imports.CUSTOM);
        model.addAttribute("sources", sources.list().stream().filter(s -> s.type() == SourceType.IMPORT)
                .map(s -> new Labels.Option(s.id().toString(), s.name())).toList());
        model.addAttribute("maxBytes", uploadLimit.bytes());
        model.addAttribute("maxSize", UploadLimit.size(uploadLimit.bytes()));
        model.addAttribute("tooLarge", uploadLimit.refusal());
        model.addAttribute("example", EXAMPLE);
        model.addAttribute("exampleCsv", EXAMPLE_CSV);
        jobRows(model);
        return "console/imports";
    }

    private void jobRows(Model model) {
        Instant now = clock.instant();
        Map<Source.Id, String> names = sources.list().stream()
                .collect(Collectors.toMap(Source::id, Source::name, (a, b) -> a));
        List<JobRow> rows = imports.list(SHOWN).stream()
                .map(job -> row(job, names.getOrDefault(job.sourceId(), "deleted source"), now)).toList();
        model.addAttribute("jobs", rows);
        model.addAttribute("live", rows.stream().anyMatch(JobRow::active));
        model.addAttribute("shown", SHOWN);
        model.addAttribute("refreshedAt", Times.clock(now));
    }

    private static JobRow row(ImportJob job, String source, Instant now) {
        boolean active = job.status() == ImportJob.Status.QUEUED || job.status() == ImportJob.Status.RUNNING;
        Long total = job.rowsTotal();
        Integer percent = job.status() == ImportJob.Status.COMPLETED ? Integer.valueOf(100)
                : total == null ? null : total == 0 ? 0 : (int) Math.min(100, 100 * job.rowsRead() / total);
        String progress = switch (job.status()) {
            case QUEUED -> "Waiting to start";
            case RUNNING -> total == null ? "Counting the file's rows…"
                    : count(job.rowsRead()) + " of " + count(total) + " rows";
            case COMPLETED, FAILED -> count(job.rowsRead()) + (total == null ? "" : " of " + count(total)) + " rows";
        };
        Instant started = job.startedAt();
        Instant finished = job.finishedAt();
        return new JobRow(job.id().toString(), job.fileName(), UploadLimit.size(job.fileBytes()),
                mappingLabel(job.mapping()), source, job.status().name().toLowerCase(Locale.ROOT),
                statusLabel(job.status()), active, percent, progress,
                job.rowsPerSecond() == null || job.rowsRead() == 0 ? "" : count(Math.round(job.rowsPerSecond())),
                job.etaSeconds() == null ? "" : duration(Duration.ofSeconds(job.etaSeconds())),
                job.rowsImported(), job.rowsRejected(), job.messages(), job.attempts(), Times.full(job.createdAt()),
                Times.full(started), started == null ? "" : Times.relative(started, now), Times.full(finished),
                started == null || finished == null ? "" : duration(Duration.between(started, finished)),
                job.error() == null ? "" : job.error());
    }

    /** {@code retail.csv.gz} gives {@code retail-rejected.csv}. */
    private static String rejectedFileName(ImportJob job) {
        return job.fileName().replaceAll("(?i)(\\.(csv|ndjson|jsonl?|txt))?(\\.(gz|zip))?$", "") + "-rejected.csv";
    }

    /** The built-in mapping's label; a column mapping is named by a hash of itself. */
    private static String mappingLabel(String mapping) {
        return Imports.BUILT_IN_MAPPINGS.stream().filter(m -> m.name().equals(mapping))
                .map(Imports.BuiltInMapping::label).findFirst()
                .orElse(mapping.startsWith("custom-") ? "Column mapping" : mapping);
    }

    private static String statusLabel(ImportJob.Status status) {
        return switch (status) {
            case QUEUED -> "Queued";
            case RUNNING -> "Running";
            case COMPLETED -> "Completed";
            case FAILED -> "Failed";
        };
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** {@code 0 s}, {@code 42 s}, {@code 3 min 5 s}, {@code 1 h 12 min}. */
    static String duration(Duration d) {
        long seconds = Math.max(0, d.toSeconds());
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min " + seconds % 60 + " s";
        }
        return seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
    }
}
