package io.rapport.collect;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonValue;

import org.jspecify.annotations.Nullable;

/**
 * A bulk import of one file into the event log, with its progress. {@code rowsTotal} is known once the file has
 * been counted (the job's first pass); {@code rowsRead = rowsImported + rowsRejected} once a job has completed,
 * except for rows still grouped into a message that was not yet stored while it runs.
 */
public record ImportJob(Id id, Source.Id sourceId, String mapping, String fileName, long fileBytes, Status status,
        @Nullable Long rowsTotal, long rowsRead, long rowsImported, long rowsRejected, long messages, int attempts,
        @Nullable String error, Instant createdAt, @Nullable Instant startedAt, @Nullable Instant finishedAt,
        @Nullable Double rowsPerSecond, @Nullable Long etaSeconds) {

    public enum Status {
        QUEUED, RUNNING, COMPLETED, FAILED
    }

    public record Id(@JsonValue UUID value) {

        @Override
        public String toString() {
            return value.toString();
        }
    }
}
