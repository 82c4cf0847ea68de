package io.rapport.collect.internal;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Turns the rows of a file into Segment messages, each with a deterministic messageId
 * ({@code import:<mapping>:<natural key>}), so an import run again stores nothing twice.
 */
sealed interface ImportMapping permits UciOnlineRetailMapping, OlistMapping, SegmentNdjsonMapping, ColumnMapping {

    /** The name in the job and in messageIds. */
    String name();

    void run(Path file, ImportSink sink) throws IOException;

    /** A file that cannot be imported at all (such as a CSV without the mapping's columns). */
    final class Unusable extends RuntimeException {

        Unusable(String message) {
            super(message);
        }
    }

    /** A value of one row that cannot be mapped: the row is rejected with this message. */
    final class BadValue extends RuntimeException {

        BadValue(String message) {
            super(message, null, false, false);
        }
    }
}
