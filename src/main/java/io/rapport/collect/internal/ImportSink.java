package io.rapport.collect.internal;

import java.util.List;

import tools.jackson.databind.node.ObjectNode;

/** Where a mapping puts what it made of a file's rows. Row numbers count data rows from 1 (a header is not one). */
interface ImportSink {

    /** One of the file's rows as it was, for the rejected-rows report. */
    record Row(long number, String line) {
    }

    /** The number of rows the file has, once counted. */
    void total(long rows);

    void read(long rows);

    void reject(Row row, String reason);

    /** A message made of these rows; if it cannot be stored, each of them is rejected with the reason. */
    void emit(ObjectNode message, List<Row> rows);
}
