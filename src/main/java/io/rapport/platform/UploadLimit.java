package io.rapport.platform;

import java.util.Locale;

/**
 * The most one upload (a multipart request, such as a bulk import's file) may carry: the smaller of
 * {@code spring.servlet.multipart.max-file-size} and {@code max-request-size}. A larger upload is answered 413.
 */
public record UploadLimit(long bytes) {

    /** Why an upload over the limit is refused, in words a person can act on. */
    public String refusal() {
        return "The file is larger than the " + size(bytes) + " an upload may have. Compress it with gzip (Rapport "
                + "reads gzip files as they are) or split it; an administrator can raise the limit with "
                + "spring.servlet.multipart.max-file-size and max-request-size.";
    }

    /** A number of bytes as people read it: {@code 812 bytes}, {@code 4.2 KB}, {@code 200 MB} (units of 1,024). */
    public static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + (bytes == 1 ? " byte" : " bytes");
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double value = bytes / 1024.0;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        boolean whole = value >= 10 || value == Math.rint(value);
        return String.format(Locale.ROOT, whole ? "%.0f %s" : "%.1f %s", value, units[unit]);
    }
}
