package io.rapport.collect;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Bulk imports: a file is stored, then a background job turns its rows into Segment messages and stores them
 * through the tracking pipeline (normalization and the group-commit appender), so every consumer sees them like
 * live events. Each message has a deterministic messageId, so importing the same file into the same source again
 * stores nothing twice. See {@code docs/imports.md}.
 */
public interface Imports {

    /** Built-in mapping of the UCI Online Retail CSV: one order per invoice. */
    String UCI_ONLINE_RETAIL = "uci-online-retail";
    /** One Segment message per line. */
    String SEGMENT_NDJSON = "segment-ndjson";
    /** CSV columns to Segment fields, given as a JSON object. */
    String CUSTOM = "custom";

    /** A built-in mapping as people choose it: the name {@code submit} takes, and the files it reads. */
    record BuiltInMapping(String name, String label, String description) {
    }

    /** The built-in mappings, in the order the console offers them; a column mapping is given as JSON instead. */
    List<BuiltInMapping> BUILT_IN_MAPPINGS = List.of(
            new BuiltInMapping(UCI_ONLINE_RETAIL, "UCI Online Retail",
                    "CSV with the columns InvoiceNo, StockCode, Description, Quantity, InvoiceDate, UnitPrice, "
                            + "CustomerID, Country: one order per invoice, credit notes as refunds."),
            new BuiltInMapping(SEGMENT_NDJSON, "Segment NDJSON",
                    "One Segment message per line (a JSON object with its type), as the tracking API takes them."));

    /**
     * Stores the file and queues its job.
     *
     * @param mapping {@code uci-online-retail}, {@code segment-ndjson}, or a JSON column mapping
     * @param source the IMPORT source to store into; {@code null} for the shared source named "Imports"
     * @throws io.rapport.platform.ApiProblem when the mapping or source is not usable
     */
    ImportJob submit(String mapping, String fileName, InputStream file, Source.@Nullable Id source) throws IOException;

    Optional<ImportJob> find(ImportJob.Id id);

    /** Newest first, at most {@code limit}. */
    List<ImportJob> list(int limit);

    /** The rejected rows as CSV: {@code row,reason,line}. */
    void writeRejected(ImportJob.Id id, Writer out) throws IOException;
}
