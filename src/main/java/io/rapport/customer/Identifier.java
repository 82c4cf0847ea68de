package io.rapport.customer;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import org.jspecify.annotations.Nullable;

/**
 * One way of recognising a person: an anonymous id, a user id, an email, a phone number (E.164) or an external
 * id. Stored and compared in its encoded form {@code type:value}, e.g. {@code email:ana@example.com}.
 */
public record Identifier(Type type, String value) {

    public enum Type {
        USER_ID("user"), ANONYMOUS_ID("anon"), EMAIL("email"), PHONE("phone"), EXTERNAL("ext");

        private final String prefix;

        Type(String prefix) {
            this.prefix = prefix;
        }
    }

    public static final int MAX_ENCODED_LENGTH = 400;

    /** Kinds in the order in which they last: an anonymous id goes with a device, a user id stays. */
    private static final List<Type> MOST_LASTING = List.of(Type.USER_ID, Type.EMAIL, Type.PHONE, Type.EXTERNAL,
            Type.ANONYMOUS_ID);

    /**
     * Encoded identifiers, the most lasting kind first (user id, email, phone, external id, anonymous id), then
     * alphabetically: the minimum is the identifier that best names a person over time.
     */
    public static final Comparator<String> MOST_LASTING_FIRST = Comparator.<String>comparingInt(encoded -> {
        for (int i = 0; i < MOST_LASTING.size(); i++) {
            if (encoded.startsWith(MOST_LASTING.get(i).prefix + ":")) {
                return i;
            }
        }
        return MOST_LASTING.size();
    }).thenComparing(Comparator.naturalOrder());

    public String encoded() {
        return type.prefix + ":" + value;
    }

    public static Identifier decode(String encoded) {
        int colon = encoded.indexOf(':');
        String prefix = colon < 0 ? "" : encoded.substring(0, colon);
        for (Type type : Type.values()) {
            if (type.prefix.equals(prefix)) {
                return new Identifier(type, encoded.substring(colon + 1));
            }
        }
        throw new IllegalArgumentException("Not an encoded identifier: " + encoded);
    }

    public static boolean isUserId(String encoded) {
        return encoded.startsWith(Type.USER_ID.prefix + ":");
    }

    public static Identifier userId(String userId) {
        return new Identifier(Type.USER_ID, userId);
    }

    public static Identifier anonymousId(String anonymousId) {
        return new Identifier(Type.ANONYMOUS_ID, anonymousId);
    }

    /** An email, trimmed and lower-cased; nothing if it does not look like one. */
    public static Optional<Identifier> email(@Nullable String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String email = raw.strip().toLowerCase(Locale.ROOT);
        int at = email.indexOf('@');
        if (at < 1 || at == email.length() - 1 || email.length() > 320 || email.chars().anyMatch(Character::isWhitespace)) {
            return Optional.empty();
        }
        return Optional.of(new Identifier(Type.EMAIL, email));
    }

    /**
     * A phone number in E.164 ({@code +4915112345678}); numbers without a country code are read in
     * {@code defaultRegion} (ISO 3166 code) when one is configured. Nothing if it is not a valid number.
     */
    public static Optional<Identifier> phone(@Nullable String raw, @Nullable String defaultRegion) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        try {
            Phonenumber.PhoneNumber number = util.parse(raw, defaultRegion == null ? "ZZ" : defaultRegion);
            if (!util.isValidNumber(number)) {
                return Optional.empty();
            }
            return Optional.of(new Identifier(Type.PHONE, util.format(number, PhoneNumberUtil.PhoneNumberFormat.E164)));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }
}
