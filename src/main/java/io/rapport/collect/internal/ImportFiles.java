package io.rapport.collect.internal;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/** Reading an uploaded file: gzip is recognised by its magic bytes, whatever the file is called. */
final class ImportFiles {

    /** CSV with a header line, as spreadsheets and databases export it (RFC 4180). */
    static final CSVFormat CSV = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
    private static final CSVFormat LINE = CSVFormat.DEFAULT.builder().setRecordSeparator("").get();

    private ImportFiles() {
    }

    static BufferedReader open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        if (first == 0x1f && second == 0x8b) {
            in = new GZIPInputStream(in, 1 << 16);
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    }

    /** A CSV record written back as one line, for the rejected rows. */
    static String line(CSVRecord record) {
        return LINE.format((Object[]) record.values());
    }
}
