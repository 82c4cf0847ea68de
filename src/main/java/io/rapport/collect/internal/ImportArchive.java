package io.rapport.collect.internal;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * A zip archive uploaded for a mapping that reads several files, recognised by its content (the zip signature),
 * whatever the upload is called. Files are found by their name wherever they sit in the archive. Against zip bombs
 * the archive may list at most {@value #MAX_ENTRIES} entries, and a file read from it may expand to at most
 * {@value #MAX_ENTRY_MB} MB and to at most {@value #MAX_RATIO} times its compressed size; both are counted while
 * reading, since the sizes an archive declares can lie.
 */
final class ImportArchive implements Closeable {

    static final int MAX_ENTRIES = 10_000;
    static final int MAX_ENTRY_MB = 200;
    static final int MAX_RATIO = 100;
    /** Small files compress well without being bombs: the ratio applies beyond this many bytes. */
    private static final long RATIO_ALLOWANCE = 1 << 20;

    private final ZipFile zip;

    private ImportArchive(ZipFile zip) {
        this.zip = zip;
    }

    /** @throws ImportMapping.Unusable when the file is not a zip archive or lists too many entries */
    static ImportArchive open(Path file, String mapping) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(4);
        }
        boolean signature = head.length == 4 && head[0] == 'P' && head[1] == 'K'
                && ((head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6));
        if (!signature) {
            throw new ImportMapping.Unusable("The " + mapping + " mapping reads a zip archive of CSV files; the upload "
                    + "is not one.");
        }
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile(), StandardCharsets.UTF_8);
        } catch (ZipException e) {
            throw new ImportMapping.Unusable("The zip archive cannot be read: " + e.getMessage());
        }
        if (zip.size() > MAX_ENTRIES) {
            int entries = zip.size();
            zip.close();
            throw new ImportMapping.Unusable("The zip archive lists " + entries + " entries; at most " + MAX_ENTRIES
                    + " are read.");
        }
        return new ImportArchive(zip);
    }

    /**
     * The entries with these file names (compared without case), wherever they are in the archive.
     *
     * @throws ImportMapping.Unusable when one of the names is in the archive more than once
     */
    Map<String, ZipEntry> find(Collection<String> names) {
        Map<String, ZipEntry> found = new HashMap<>();
        for (ZipEntry entry : zip.stream().toList()) {
            if (entry.isDirectory()) {
                continue;
            }
            String path = entry.getName();
            String base = path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
            for (String name : names) {
                if (base.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                    ZipEntry other = found.put(name, entry);
                    if (other != null) {
                        throw new ImportMapping.Unusable("The zip archive holds " + name + " twice (" + other.getName()
                                + " and " + path + "); it must hold it once.");
                    }
                }
            }
        }
        return found;
    }

    /** The entry's text (UTF-8), read within the limits. */
    BufferedReader reader(ZipEntry entry) throws IOException {
        InputStream in;
        try {
            in = zip.getInputStream(entry);
        } catch (ZipException e) {
            throw new ImportMapping.Unusable(entry.getName() + " cannot be read from the zip archive: " + e.getMessage());
        }
        return new BufferedReader(new InputStreamReader(new Limited(in, entry), StandardCharsets.UTF_8), 1 << 16);
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }

    /** Counts the bytes an entry expands to and stops at the limits. */
    private static final class Limited extends FilterInputStream {

        private final ZipEntry entry;
        private final long ratioLimit;
        private long bytes;

        Limited(InputStream in, ZipEntry entry) {
            super(in);
            this.entry = entry;
            // ZipFile reads no more compressed bytes than the central directory gives, so this size holds.
            long compressed = entry.getCompressedSize();
            this.ratioLimit = compressed < 0 ? Long.MAX_VALUE : compressed * MAX_RATIO + RATIO_ALLOWANCE;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            bytes += n;
            if (bytes > (long) MAX_ENTRY_MB << 20) {
                throw new ImportMapping.Unusable(entry.getName() + " expands to more than " + MAX_ENTRY_MB
                        + " MB; files of the archive may be at most that large.");
            }
            if (bytes > ratioLimit) {
                throw new ImportMapping.Unusable(entry.getName() + " expands to more than " + MAX_RATIO
                        + " times its compressed size, as zip bombs do; it was not read further.");
            }
        }
    }
}
