package io.rapport.customer.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.rapport.customer.Channel;
import io.rapport.customer.CustomerFilter;
import io.rapport.customer.Identifier;
import io.rapport.platform.ApiProblem;
import org.jspecify.annotations.Nullable;
import org.springframework.util.MultiValueMap;

/**
 * The query parameters of {@code GET /api/v1/customers}, read into a filter, a page size and a cursor. Every
 * parameter may be given once; an unknown or malformed one is answered with a problem that names it.
 */
record CustomerListParameters(CustomerFilter filter, int limit, @Nullable String cursor) {

    static final String TRAIT = "trait.";
    static final int DEFAULT_LIMIT = 50;
    static final int MIN_QUERY = 2;
    static final int MAX_QUERY = 200;
    static final int MAX_FILTERS = 20;
    private static final Set<String> NAMED = Set.of("q", "email", "userId", "anonymousId", "lastSeenAfter",
            "lastSeenBefore", "channel", "minOrders", "minRevenue", "currency", "limit", "cursor");

    static CustomerListParameters read(MultiValueMap<String, String> parameters) {
        if (parameters.size() > MAX_FILTERS) {
            throw ApiProblem.badRequest("Give at most " + MAX_FILTERS + " parameters.");
        }
        Map<String, String> one = new LinkedHashMap<>();
        parameters.forEach((name, values) -> {
            if (!NAMED.contains(name) && !name.startsWith(TRAIT)) {
                throw ApiProblem.invalidField(name, "Unknown parameter '" + name + "'. Filter with q, email, userId, "
                        + "anonymousId, trait.<name>, lastSeenAfter, lastSeenBefore, channel, minOrders, minRevenue "
                        + "and currency; page with limit and cursor.");
            }
            if (values.size() != 1) {
                throw ApiProblem.invalidField(name, "Give '" + name + "' once.");
            }
            one.put(name, values.getFirst());
        });

        String q = one.get("q");
        if (q != null && (q.strip().length() < MIN_QUERY || q.strip().length() > MAX_QUERY)) {
            throw ApiProblem.invalidField("q", "Search for " + MIN_QUERY + " to " + MAX_QUERY + " characters.");
        }
        List<Identifier> identifiers = new ArrayList<>();
        String userId = one.get("userId");
        if (userId != null) {
            identifiers.add(Identifier.userId(userId));
        }
        String anonymousId = one.get("anonymousId");
        if (anonymousId != null) {
            identifiers.add(Identifier.anonymousId(anonymousId));
        }
        String email = one.get("email");
        if (email != null) {
            identifiers.add(Identifier.email(email).orElseThrow(() -> ApiProblem.invalidField("email",
                    "'" + email + "' is not an email address.")));
        }
        Map<String, String> traits = new LinkedHashMap<>();
        one.forEach((name, value) -> {
            if (name.startsWith(TRAIT)) {
                String trait = name.substring(TRAIT.length());
                if (trait.isEmpty() || trait.length() > CustomerFilter.MAX_TRAIT_NAME_LENGTH) {
                    throw ApiProblem.invalidField(name, "Name the trait after 'trait.', in at most "
                            + CustomerFilter.MAX_TRAIT_NAME_LENGTH + " characters, e.g. trait.plan=gold.");
                }
                if (value.length() > CustomerFilter.MAX_TRAIT_VALUE_LENGTH) {
                    throw ApiProblem.invalidField(name, "Trait values longer than "
                            + CustomerFilter.MAX_TRAIT_VALUE_LENGTH + " characters are not compared.");
                }
                traits.put(trait, value);
            }
        });
        Map<String, BigDecimal> figures = new LinkedHashMap<>();
        String minOrders = one.get("minOrders");
        if (minOrders != null) {
            figures.put("commerce.orders", amount("minOrders", minOrders, true));
        }
        String minRevenue = one.get("minRevenue");
        String currency = one.get("currency");
        if (minRevenue != null) {
            if (currency == null || !currency.matches("[A-Za-z]{3}")) {
                throw ApiProblem.invalidField("currency", "Give the currency of minRevenue as an ISO 4217 code, "
                        + "e.g. currency=EUR.");
            }
            figures.put("commerce.revenue." + currency.toUpperCase(Locale.ROOT), amount("minRevenue", minRevenue, false));
        } else if (currency != null) {
            throw ApiProblem.invalidField("currency", "currency is the currency of minRevenue: give minRevenue too.");
        }
        CustomerFilter filter = new CustomerFilter(q == null ? null : q.strip(), identifiers, traits,
                instant("lastSeenAfter", one.get("lastSeenAfter")), instant("lastSeenBefore", one.get("lastSeenBefore")),
                channel(one.get("channel")), figures);
        return new CustomerListParameters(filter, limit(one.get("limit")), one.get("cursor"));
    }

    private static int limit(@Nullable String limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        try {
            return Integer.parseInt(limit.strip());
        } catch (NumberFormatException e) {
            throw ApiProblem.invalidField("limit", "limit must be a whole number between 1 and 1000.");
        }
    }

    private static BigDecimal amount(String name, String text, boolean whole) {
        try {
            BigDecimal amount = new BigDecimal(text.strip());
            if (amount.signum() < 0 || amount.compareTo(BigDecimal.valueOf(1_000_000_000_000L)) > 0
                    || (whole && amount.stripTrailingZeros().scale() > 0)) {
                throw new NumberFormatException();
            }
            return amount;
        } catch (NumberFormatException e) {
            throw ApiProblem.invalidField(name, name + " must be " + (whole ? "a whole number" : "an amount")
                    + " from 0 to 1000000000000, e.g. " + name + "=" + (whole ? "2" : "100.50") + ".");
        }
    }

    private static @Nullable Instant instant(String name, @Nullable String text) {
        if (text == null) {
            return null;
        }
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiProblem.invalidField(name, name + " must be an ISO 8601 instant (2026-11-25T08:00:00Z) or a date "
                    + "(2026-11-25, midnight UTC).");
        }
    }

    private static @Nullable Channel channel(@Nullable String text) {
        if (text == null) {
            return null;
        }
        try {
            return Channel.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalidField("channel", "channel must be one of "
                    + String.join(", ", Arrays.stream(Channel.values())
                            .map(c -> c.name().toLowerCase(Locale.ROOT)).toList()) + ".");
        }
    }
}
