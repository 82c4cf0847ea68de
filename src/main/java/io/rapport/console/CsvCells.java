package io.rapport.console;

/**
 * Text for the console's CSV exports that a spreadsheet shows as text: a cell that starts with {@code = + - @}, a tab
 * or a carriage return gets a leading apostrophe, so it is not run as a formula (OWASP "CSV injection").
 */
final class CsvCells {

    private CsvCells() {
    }

    static String text(String text) {
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            return "'" + text;
        }
        return text;
    }
}
