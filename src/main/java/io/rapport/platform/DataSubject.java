package io.rapport.platform;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A person whose data is exported or erased: their customer id and every identifier Rapport resolved to them,
 * in the encoded form {@code type:value} ({@code user:…}, {@code anon:…}, {@code email:…}, {@code phone:…}
 * in E.164, {@code ext:…}). The accessors give the raw values of one kind.
 */
public record DataSubject(UUID customerId, Set<String> identifiers) {

    private static final Pattern DIGIT_RUN = Pattern.compile("[+0-9][0-9 ()./\\-]{5,}[0-9]");
    private static final int MIN_PHONE_DIGITS = 7;

    public DataSubject {
        identifiers = Set.copyOf(identifiers);
    }

    public List<String> userIds() {
        return values("user");
    }

    public List<String> anonymousIds() {
        return values("anon");
    }

    /** Lower-cased, as identity resolution keeps them. */
    public List<String> emails() {
        return values("email");
    }

    /** In E.164, e.g. {@code +4915112345678}. */
    public List<String> phones() {
        return values("phone");
    }

    public List<String> externalIds() {
        return values("ext");
    }

    private List<String> values(String prefix) {
        return identifiers.stream().filter(i -> i.startsWith(prefix + ":")).map(i -> i.substring(prefix.length() + 1))
                .sorted().toList();
    }

    /**
     * Whether a text (typically a JSON message) mentions the person: one of their ids as a JSON string
     * ({@code "…"}, so a short id does not match inside other words), an email in any case, or a phone number
     * in any common spelling ({@code +49 151 1234 5678}, {@code 0151-12345678}).
     */
    public boolean mentionedIn(String text) {
        for (String id : concat(userIds(), anonymousIds(), externalIds())) {
            if (text.contains("\"" + jsonEscaped(id) + "\"")) {
                return true;
            }
        }
        String lower = text.toLowerCase(Locale.ROOT);
        for (String email : emails()) {
            if (lower.contains(email) || lower.contains(jsonEscaped(email))) {
                return true;
            }
        }
        List<String> phoneDigits = phones().stream().map(DataSubject::digits).filter(d -> d.length() >= MIN_PHONE_DIGITS)
                .toList();
        if (!phoneDigits.isEmpty()) {
            Matcher run = DIGIT_RUN.matcher(text);
            while (run.find()) {
                String digits = digits(run.group()).replaceFirst("^0+", "");
                if (digits.length() < MIN_PHONE_DIGITS) {
                    continue;
                }
                // A national spelling (0151 …) is the end of the international number (49 151 …).
                for (String phone : phoneDigits) {
                    if (digits.contains(phone) || phone.endsWith(digits)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        return Arrays.stream(lists).flatMap(List::stream).toList();
    }

    private static String digits(String text) {
        return text.replaceAll("[^0-9]", "");
    }

    private static String jsonEscaped(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
