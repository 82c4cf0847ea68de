package io.rapport.collect.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.rapport.collect.ImportJob;
import io.rapport.collect.Imports;
import io.rapport.collect.Source;
import io.rapport.collect.SourceType;
import io.rapport.collect.Sources;
import io.rapport.platform.ApiProblem;
import io.rapport.platform.Timestamps;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Bulk import jobs. An upload is stored under {@code rapport.collect.import-directory} and queued; one worker
 * thread runs the jobs one after another. A job interrupted by a stop is queued again when Rapport starts and
 * runs again from its first row: its messages keep their messageIds, so what was stored before is not stored
 * twice (the event log skips a (source, messageId) it has), and its rejected rows are recorded afresh.
 */
@Service
class ImportJobs implements Imports, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ImportJobs.class);
    private static final String DEFAULT_SOURCE = "Imports";
    /** Messages per hand-over to the appender; well under its queue capacity. */
    private static final int BATCH_MESSAGES = 500;
    private static final long BATCH_CHARS = 4 << 20;

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final Clock clock;
    private final Sources sources;
    private final MessageNormalizer normalizer;
    private final GroupCommitAppender appender;
    private final JsonMapper json;
    private final Path directory;
    private final int rowRateLimit;
    private final Semaphore wake = new Semaphore(0);
    private volatile boolean running;
    private Thread worker = Thread.ofPlatform().unstarted(() -> { });

    ImportJobs(JdbcClient jdbc, JdbcTemplate batch, Clock clock, Sources sources, MessageNormalizer normalizer,
            GroupCommitAppender appender, TrackingJson trackingJson,
            @Value("${rapport.collect.import-directory:./data/imports}") Path directory,
            @Value("${rapport.collect.import-rate-limit:0}") int rowRateLimit) {
        if (rowRateLimit < 0) {
            throw new IllegalArgumentException("rapport.collect.import-rate-limit must be 0 (no limit) or a positive "
                    + "number of rows per second, not " + rowRateLimit);
        }
        this.jdbc = jdbc;
        this.batch = batch;
        this.clock = clock;
        this.sources = sources;
        this.normalizer = normalizer;
        this.appender = appender;
        this.json = trackingJson.mapper();
        this.directory = directory;
        this.rowRateLimit = rowRateLimit;
    }

    // ---- the public service ---------------------------------------------------------------------------------

    @Override
    public ImportJob submit(String mapping, String fileName, InputStream file, Source.@Nullable Id source)
            throws IOException {
        ImportMapping parsed = mapping(mapping.strip(), null);
        String columnMapping = parsed instanceof ColumnMapping ? mapping.strip() : null;
        Source.Id target = source == null ? defaultSource() : importSource(source);
        ImportJob.Id id = new ImportJob.Id(UUID.randomUUID());
        Files.createDirectories(directory);
        Path stored = directory.resolve(id + ".upload");
        long bytes = Files.copy(file, stored, StandardCopyOption.REPLACE_EXISTING);
        String name = fileName.isBlank() ? "upload" : fileName.strip();
        jdbc.sql("""
                insert into import_jobs (id, source_id, mapping, column_mapping, file_name, file_path, file_bytes,
                                         status, created_at)
                values (?, ?, ?, ?, ?, ?, ?, 'QUEUED', ?)""")
                .params(id.value(), target.value(), parsed.name(), columnMapping,
                        name.length() > 500 ? name.substring(0, 500) : name, stored.toAbsolutePath().toString(), bytes,
                        Timestamps.of(clock.instant()))
                .update();
        wake.release();
        return find(id).orElseThrow();
    }

    @Override
    public Optional<ImportJob> find(ImportJob.Id id) {
        return jdbc.sql("select * from import_jobs where id = ?").param(id.value()).query(row()).optional();
    }

    @Override
    public List<ImportJob> list(int limit) {
        if (limit < 1 || limit > 1000) {
            throw ApiProblem.invalidField("limit", "limit must be from 1 to 1000.");
        }
        return jdbc.sql("select * from import_jobs order by created_at desc, id limit ?").param(limit)
                .query(row()).list();
    }

    @Override
    public void writeRejected(ImportJob.Id id, Writer out) throws IOException {
        CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader("row", "reason", "line").get());
        List<IOException> failure = new ArrayList<>(1);
        jdbc.sql("select row_no, reason, line from import_rejected_rows where job_id = ? order by row_no")
                .param(id.value())
                .query(rs -> {
                    try {
                        csv.printRecord(rs.getLong("row_no"), rs.getString("reason"), rs.getString("line"));
                    } catch (IOException e) {
                        failure.add(e);
                    }
                });
        if (!failure.isEmpty()) {
            throw failure.getFirst();
        }
        csv.flush();
    }

    private ImportMapping mapping(String mapping, @Nullable String columnMapping) {
        return switch (mapping) {
            case UciOnlineRetailMapping.NAME -> new UciOnlineRetailMapping(json);
            case OlistMapping.NAME -> new OlistMapping(json);
            case SegmentNdjsonMapping.NAME -> new SegmentNdjsonMapping(json);
            default -> {
                if (mapping.startsWith("{")) {
                    yield ColumnMapping.parse(json, mapping);
                }
                if (columnMapping != null) {
                    yield ColumnMapping.parse(json, columnMapping);
                }
                throw ApiProblem.invalidField("mapping", "'" + (mapping.length() > 40 ? mapping.substring(0, 40) : mapping)
                        + "' is not a mapping; use uci-online-retail, olist, segment-ndjson or a JSON column mapping.");
            }
        };
    }

    /** Re-runs must go to the same source to be recognised; without a source parameter, all go to this one. */
    private synchronized Source.Id defaultSource() {
        return sources.list().stream()
                .filter(s -> s.type() == SourceType.IMPORT && s.name().equals(DEFAULT_SOURCE))
                .min((a, b) -> a.createdAt().compareTo(b.createdAt()))
                .map(Source::id)
                .orElseGet(() -> sources.create(DEFAULT_SOURCE, SourceType.IMPORT).id());
    }

    private Source.Id importSource(Source.Id id) {
        Source source = sources.find(id).orElseThrow(() -> ApiProblem.invalidField("source",
                "There is no source with the id " + id + "."));
        if (source.type() != SourceType.IMPORT) {
            throw ApiProblem.invalidField("source", "Imports go to a source of type IMPORT; '" + source.name()
                    + "' is " + source.type() + ".");
        }
        return id;
    }

    private RowMapper<ImportJob> row() {
        Instant now = clock.instant();
        return (rs, n) -> {
            ImportJob.Status status = ImportJob.Status.valueOf(rs.getString("status"));
            long total = rs.getLong("rows_total");
            Long rowsTotal = rs.wasNull() ? null : total;
            long read = rs.getLong("rows_read");
            Instant started = Timestamps.nullableInstant(rs, "started_at");
            Instant finished = Timestamps.nullableInstant(rs, "finished_at");
            Double rate = null;
            Long eta = null;
            if (started != null) {
                double seconds = Duration.between(started, finished != null ? finished : now).toMillis() / 1000.0;
                if (seconds > 0) {
                    rate = Math.round(read / seconds * 10) / 10.0;
                }
                if (status == ImportJob.Status.RUNNING && rowsTotal != null && rate != null && rate > 0) {
                    eta = Math.round(Math.max(0, rowsTotal - read) / rate);
                }
            }
            return new ImportJob(new ImportJob.Id(rs.getObject("id", UUID.class)),
                    new Source.Id(rs.getObject("source_id", UUID.class)), rs.getString("mapping"),
                    rs.getString("file_name"), rs.getLong("file_bytes"), status, rowsTotal, read,
                    rs.getLong("rows_imported"), rs.getLong("rows_rejected"), rs.getLong("messages"),
                    rs.getInt("attempts"), rs.getString("error"), Timestamps.instant(rs, "created_at"), started,
                    finished, rate, eta);
        };
    }

    // ---- the worker -----------------------------------------------------------------------------------------

    private void work() {
        while (running) {
            try {
                Optional<UUID> next = claim();
                if (next.isPresent()) {
                    run(next.get());
                } else {
                    wake.tryAcquire(1, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("The import worker failed; it goes on with the next job", e);
            }
        }
    }

    /** The oldest queued job, now running; its earlier attempt's counts and rejections are cleared. */
    private Optional<UUID> claim() {
        for (UUID id : jdbc.sql("select id from import_jobs where status = 'QUEUED' order by created_at, id limit 5")
                .query(UUID.class).list()) {
            int claimed = jdbc.sql("""
                    update import_jobs set status = 'RUNNING', attempts = attempts + 1, started_at = ?,
                           finished_at = null, rows_total = null, rows_read = 0, rows_imported = 0, rows_rejected = 0,
                           messages = 0, error = null
                    where id = ? and status = 'QUEUED'""")
                    .params(Timestamps.of(clock.instant()), id).update();
            if (claimed == 1) {
                jdbc.sql("delete from import_rejected_rows where job_id = ?").param(id).update();
                return Optional.of(id);
            }
        }
        return Optional.empty();
    }

    private void run(UUID id) {
        record Job(Source.Id source, String mapping, @Nullable String columnMapping, @Nullable String path) {
        }
        Job job = jdbc.sql("select source_id, mapping, column_mapping, file_path from import_jobs where id = ?")
                .param(id)
                .query((rs, n) -> new Job(new Source.Id(rs.getObject("source_id", UUID.class)), rs.getString("mapping"),
                        rs.getString("column_mapping"), rs.getString("file_path")))
                .single();
        Progress progress = new Progress(id, job.source());
        try {
            if (job.path() == null || !Files.exists(Path.of(job.path()))) {
                throw new ImportMapping.Unusable("The uploaded file is no longer there; upload it again.");
            }
            mapping(job.mapping(), job.columnMapping()).run(Path.of(job.path()), progress);
            progress.flush();
            finish(id, "COMPLETED", null);
            Files.deleteIfExists(Path.of(job.path()));
            log.info("Import {} completed: {} rows read, {} imported, {} rejected", id, progress.read,
                    progress.imported, progress.rejected);
        } catch (ImportMapping.Unusable e) {
            progress.flushQuietly();
            finish(id, "FAILED", e.getMessage());
        } catch (Stopping e) {
            log.info("Import {} stopped at row {}; it runs again when Rapport starts", id, progress.read);
        } catch (IOException | RuntimeException e) {
            log.warn("Import {} failed", id, e);
            progress.flushQuietly();
            finish(id, "FAILED", "The import stopped: " + e.getMessage());
        }
    }

    private void finish(UUID id, String status, @Nullable String error) {
        jdbc.sql("update import_jobs set status = ?, error = ?, finished_at = ? where id = ?")
                .params(status, error == null ? null : error.length() > 2000 ? error.substring(0, 2000) : error,
                        Timestamps.of(clock.instant()), id)
                .update();
    }

    /** Thrown from the job's thread when Rapport stops; the job stays RUNNING and is queued again at start. */
    private static final class Stopping extends RuntimeException {

        Stopping() {
            super("stopping", null, false, false);
        }
    }

    /** Collects a job's messages and rejections and hands them over in batches, recording its progress. */
    private final class Progress implements ImportSink {

        private record Rejection(Row row, String reason) {
        }

        private final UUID job;
        private final Source.Id source;
        private final List<NewEvent> events = new ArrayList<>();
        private final List<Rejection> rejections = new ArrayList<>();
        private long eventRows;
        private long eventChars;
        private long read;
        private long imported;
        private long rejected;
        private long messages;
        private final long started = System.nanoTime();
        private long lastReport = started;

        Progress(UUID job, Source.Id source) {
            this.job = job;
            this.source = source;
        }

        @Override
        public void total(long rows) {
            jdbc.sql("update import_jobs set rows_total = ? where id = ?").params(rows, job).update();
        }

        @Override
        public void read(long rows) {
            read += rows;
            if (!running) {
                throw new Stopping();
            }
            if ((read & 1023) == 0 && System.nanoTime() - lastReport > TimeUnit.SECONDS.toNanos(1)) {
                report();
            }
            if (rowRateLimit > 0) {
                keepToRateLimit();
            }
        }

        /** Waits until the rows read so far are due at {@code rapport.collect.import-rate-limit} rows per second. */
        private void keepToRateLimit() {
            long due = started + read * TimeUnit.SECONDS.toNanos(1) / rowRateLimit;
            long early = due - System.nanoTime();
            if (early > TimeUnit.MILLISECONDS.toNanos(1)) {
                LockSupport.parkNanos(early);
            }
        }

        @Override
        public void reject(Row row, String reason) {
            rejections.add(new Rejection(row, reason));
            flushIfFull();
        }

        @Override
        public boolean emit(List<ObjectNode> messages, List<Row> rows) {
            Envelope envelope = new Envelope(source, clock.instant(), null, null, null, null);
            List<NewEvent> accepted = new ArrayList<>(messages.size());
            for (ObjectNode message : messages) {
                switch (normalizer.normalize(message, null, envelope, false)) {
                    case MessageNormalizer.Accepted ok -> accepted.add(ok.event());
                    case MessageNormalizer.Rejected refused -> {
                        String reason = refused.field() == null ? refused.reason()
                                : refused.field() + ": " + refused.reason();
                        rows.forEach(row -> rejections.add(new Rejection(row, reason)));
                        flushIfFull();
                        return false;
                    }
                }
            }
            for (NewEvent event : accepted) {
                events.add(event);
                eventChars += event.payload().length();
            }
            eventRows += rows.size();
            flushIfFull();
            return true;
        }

        @Override
        public void lookup(long rows) {
            imported += rows;
        }

        private void flushIfFull() {
            if (events.size() >= BATCH_MESSAGES || eventChars >= BATCH_CHARS || rejections.size() >= BATCH_MESSAGES) {
                flush();
            }
        }

        void flush() {
            if (!events.isEmpty()) {
                appendWithRetry();
                imported += eventRows;
                messages += events.size();
                events.clear();
                eventRows = 0;
                eventChars = 0;
            }
            if (!rejections.isEmpty()) {
                batch.batchUpdate("""
                        insert into import_rejected_rows (job_id, row_no, reason, line) values (?, ?, ?, ?)
                        on conflict do nothing""", rejections, rejections.size(), (ps, r) -> {
                    ps.setObject(1, job);
                    ps.setLong(2, r.row().number());
                    ps.setString(3, storable(r.row().explain(r.reason()), 1000));
                    ps.setString(4, storable(r.row().line(), 32 * 1024));
                });
                rejected += rejections.size();
                rejections.clear();
            }
            report();
        }

        void flushQuietly() {
            try {
                flush();
            } catch (RuntimeException e) {
                log.warn("Import {}: the last batch could not be stored", job, e);
            }
        }

        /** The appender refuses work when its queue is full: an import waits and tries again, it is not in a hurry. */
        private void appendWithRetry() {
            for (int attempt = 1; ; attempt++) {
                try {
                    appender.append(events);
                    return;
                } catch (IngestOverloaded | IngestUnavailable e) {
                    if (attempt == 10 || !running) {
                        throw e;
                    }
                    try {
                        Thread.sleep(200L * attempt);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        throw e;
                    }
                }
            }
        }

        private void report() {
            lastReport = System.nanoTime();
            jdbc.sql("""
                    update import_jobs set rows_read = ?, rows_imported = ?, rows_rejected = ?, messages = ?
                    where id = ?""")
                    .params(read, imported, rejected, messages, job).update();
        }
    }

    private static String storable(String text, int maxChars) {
        String cut = text.length() <= maxChars ? text : text.substring(0, maxChars);
        return cut.replace('\0', '\uFFFD');
    }

    // ---- lifecycle ------------------------------------------------------------------------------------------

    @Override
    public void start() {
        // A job that was running when Rapport stopped runs again from its first row (see the class comment).
        int requeued = jdbc.sql("update import_jobs set status = 'QUEUED' where status = 'RUNNING'").update();
        if (requeued > 0) {
            log.info("{} interrupted import job(s) queued again", requeued);
        }
        running = true;
        worker = Thread.ofPlatform().name("rapport-imports").daemon(true).start(this::work);
    }

    @Override
    public void stop() {
        running = false;
        wake.release();
        try {
            worker.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before the appender (phase 0), so a job's last batch can still be written. */
    @Override
    public int getPhase() {
        return 1;
    }
}
