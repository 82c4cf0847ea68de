package io.rapport.collect.internal;

import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * Where a mapping puts what it made of a file's rows. Row numbers count data rows from 1 (a header is not one); in
 * an archive of several files they run on from one file to the next, and each row also names its file and its
 * number there.
 */
interface ImportSink {

    /**
     * One of the file's rows as it was, for the rejected-rows report.
     *
     * @param file the file of an archive the row came from, {@code null} for an upload of one file
     * @param fileRow the row's number in that file
     */
    record Row(long number, String line, @Nullable String file, long fileRow) {

        Row(long number, String line) {
            this(number, line, null, number);
        }

        /** The reason a row was rejected, with the file and row it came from when the upload had several files. */
        String explain(String reason) {
            return file == null ? reason : file + " row " + fileRow + ": " + reason;
        }
    }

    /** The number of rows the file has, once counted. */
    void total(long rows);

    void read(long rows);

    void reject(Row row, String reason);

    /**
     * Messages made of these rows, stored together or not at all: if one of them cannot be stored, none is, and each
     * row is rejected with the reason.
     *
     * @return whether the messages were accepted
     */
    boolean emit(List<ObjectNode> messages, List<Row> rows);

    default boolean emit(ObjectNode message, List<Row> rows) {
        return emit(List.of(message), rows);
    }

    /**
     * Rows of a lookup table (such as product categories) that describe the messages of other rows instead of
     * making messages of their own: they count as imported.
     */
    void lookup(long rows);
}
