package io.rapport.customer.internal;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Pattern;

import io.rapport.customer.CustomerFilter;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How trait values are compared in customer lists: a string as itself, a number as its plain decimal without
 * trailing zeros, a boolean as {@code true} or {@code false}; text that reads as a number compares as that
 * number, so {@code 42}, {@code 42.0} and {@code "42"} are one value. Other values (null, objects, arrays) and keys
 * longer than {@link CustomerFilter#MAX_TRAIT_VALUE_LENGTH} characters are not compared.
 */
final class TraitKey {

    private static final Pattern NUMBER = Pattern.compile("-?\\d{1,100}(\\.\\d{1,100})?([eE][+-]?\\d{1,3})?");

    private TraitKey() {
    }

    /** The key of a stored trait value (its JSON text). */
    static Optional<String> ofJson(String json) {
        JsonNode value;
        try {
            value = JsonMapper.shared().readTree(json);
        } catch (JacksonException e) {
            return Optional.empty();
        }
        if (value.isString()) {
            return of(value.stringValue());
        }
        if (value.isNumber() || value.isBoolean()) {
            return of(value.asString());
        }
        return Optional.empty();
    }

    /** The key of a value as a person types it in a filter. */
    static Optional<String> of(String text) {
        String key = NUMBER.matcher(text).matches() ? plain(new BigDecimal(text)) : text;
        return key.length() > CustomerFilter.MAX_TRAIT_VALUE_LENGTH ? Optional.empty() : Optional.of(key);
    }

    private static String plain(BigDecimal number) {
        return number.signum() == 0 ? "0" : number.stripTrailingZeros().toPlainString();
    }
}
