package io.rapport.testing;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Generators of JSON for fuzzing the tracking API: any JSON value, and Segment-shaped messages and batches
 * whose well-known fields ({@code userId}, {@code timestamp}, {@code batch} …) get values of every type,
 * plausible ones often enough that many messages pass validation and reach the event log.
 */
public final class FuzzJson {

    /** The fields of Segment's spec, plus a few that are not in it. */
    public static final List<String> SEGMENT_FIELDS = List.of("userId", "anonymousId", "event", "type", "messageId",
            "timestamp", "originalTimestamp", "sentAt", "receivedAt", "context", "integrations", "properties",
            "traits", "batch", "writeKey", "previousId", "groupId", "name", "category", "version", "channel");

    /**
     * Date-times at and beyond the edges of what {@link java.time.OffsetDateTime}, {@link Instant} and the
     * databases hold, plus malformed ones.
     */
    public static final List<String> EXTREME_TIMESTAMPS = List.of(
            "+999999999-12-31T23:59:59.999999999-18:00",
            "-999999999-01-01T00:00:00+18:00",
            "+1000000-01-01T00:00:00Z",
            "+300000-01-01T00:00:00Z",
            "-5000-01-01T00:00:00Z",
            "0000-01-01T00:00:00Z");

    public static final List<String> MALFORMED_TIMESTAMPS = List.of("", " ", "now", "2026-13-01T00:00:00Z",
            "2026-02-30T00:00:00Z", "2026-01-01", "2026-01-01T00:00:00", "1700000000", "2026-01-01T25:00:00Z",
            "2026-01-01T00:00:00+19:00");

    private static final JsonMapper PLAIN = JsonMapper.builder().build();
    private static final JsonMapper ASCII = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    private FuzzJson() {
    }

    /** JSON text of the value; with {@code asciiOnly} every non-ASCII character (even a lone surrogate) is escaped. */
    public static String write(Object value, boolean asciiOnly) {
        return (asciiOnly ? ASCII : PLAIN).writeValueAsString(value);
    }

    /** Any JSON value: strings, numbers, booleans, null, arrays and objects, nested a few levels deep. */
    public static Arbitrary<Object> anyValue() {
        return Arbitraries.lazyOf(FuzzJson::leaf, FuzzJson::leaf, FuzzJson::leaf, FuzzJson::leaf,
                () -> anyValue().list().ofMaxSize(4).map(list -> (Object) list),
                () -> Arbitraries.maps(fieldName(), anyValue()).ofMaxSize(5).map(map -> (Object) map));
    }

    /** Strings, numbers of every size, booleans and null. */
    public static Arbitrary<Object> leaf() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, strings()),
                Tuple.of(1, Arbitraries.integers()),
                Tuple.of(1, Arbitraries.longs()),
                Tuple.of(1, Arbitraries.doubles()),
                Tuple.of(1, Arbitraries.of(Double.MAX_VALUE, -Double.MIN_VALUE, 1e308, 4.9e-324)),
                Tuple.of(1, Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(1_200).map(BigInteger::new)),
                Tuple.of(1, Arbitraries.integers().between(-99_999, 99_999)
                        .map(exponent -> new BigDecimal(BigInteger.ONE, exponent))),
                Tuple.of(1, Arbitraries.of(true, false)),
                Tuple.of(1, Arbitraries.just(null)));
    }

    /** Any Unicode text (control characters, lone surrogates, NUL), short and sometimes long. */
    public static Arbitrary<String> strings() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.strings().all().ofMaxLength(30)),
                Tuple.of(2, Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(20)),
                Tuple.of(1, Arbitraries.strings().all().ofMinLength(90).ofMaxLength(400)),
                Tuple.of(1, Arbitraries.of("\u0000", "a\u0000b", "\ud800", "\udfff", "x\ud83d", "\ud83d\ude00",
                        "\u202e", "\ufeff", "\uffff", "")));
    }

    public static Arbitrary<String> fieldName() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of(SEGMENT_FIELDS)),
                Tuple.of(2, Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(10)),
                Tuple.of(1, strings()));
    }

    /** One Segment-shaped message: a JSON object whose Segment fields have values of any type. */
    public static Arbitrary<Map<String, Object>> message(Arbitrary<String> writeKeys) {
        Arbitrary<Map.Entry<String, Object>> field = fieldName()
                .flatMap(name -> valueOf(name, writeKeys).map(value -> entry(name, value)));
        Arbitrary<List<Map.Entry<String, Object>>> fields = field.list().ofMaxSize(10);
        Arbitrary<Map<String, Object>> plausible = Arbitraries.of("track", "identify", "page", "screen", "group",
                "alias").flatMap(type -> timestamps().injectNull(0.5).flatMap(timestamp -> fields.map(extra -> {
                    Map<String, Object> message = new LinkedHashMap<>();
                    message.put("type", type);
                    message.put("timestamp", timestamp);
                    message.put("userId", "fuzz-user");
                    message.put("event", "Fuzz Event");
                    message.put("groupId", "fuzz-group");
                    message.put("previousId", "fuzz-previous");
                    extra.forEach(entry -> message.put(entry.getKey(), entry.getValue()));
                    return message;
                })));
        Arbitrary<Map<String, Object>> any = fields.map(entries -> {
            Map<String, Object> message = new LinkedHashMap<>();
            entries.forEach(entry -> message.put(entry.getKey(), entry.getValue()));
            return message;
        });
        return Arbitraries.frequencyOf(Tuple.of(3, plausible), Tuple.of(1, any));
    }

    /** A batch call's body: a {@code batch} array of messages (or something else) and the shared fields. */
    public static Arbitrary<Map<String, Object>> batch(Arbitrary<String> writeKeys) {
        Arbitrary<Object> messages = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.frequencyOf(Tuple.of(5, message(writeKeys).map(m -> (Object) m)),
                        Tuple.of(1, anyValue())).list().ofMaxSize(8).map(list -> (Object) list)),
                Tuple.of(1, anyValue()));
        Arbitrary<List<Map.Entry<String, Object>>> shared = Arbitraries.of("context", "integrations", "sentAt",
                        "writeKey", "timestamp", "messageId", "type")
                .flatMap(name -> valueOf(name, writeKeys).map(value -> entry(name, value)))
                .list().ofMaxSize(4);
        return messages.flatMap(batch -> shared.map(entries -> {
            Map<String, Object> body = new LinkedHashMap<>();
            entries.forEach(entry -> body.put(entry.getKey(), entry.getValue()));
            body.put("batch", batch);
            return body;
        }));
    }

    private static Map.Entry<String, Object> entry(String name, Object value) {
        return new AbstractMap.SimpleEntry<>(name, value);
    }

    /** A value for a field: for Segment's fields often one of the right type, otherwise anything. */
    public static Arbitrary<Object> valueOf(String field, Arbitrary<String> writeKeys) {
        Arbitrary<Object> plausible = switch (field) {
            case "userId", "anonymousId", "groupId", "previousId" -> Arbitraries.frequencyOf(
                    Tuple.of(4, Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(40)),
                    Tuple.of(1, Arbitraries.strings().alpha().ofMinLength(250).ofMaxLength(260)),
                    Tuple.of(1, Arbitraries.longs()),
                    Tuple.of(1, strings()));
            case "event", "name", "category" -> Arbitraries.frequencyOf(
                    Tuple.of(4, Arbitraries.strings().withCharRange(' ', '~').ofMinLength(1).ofMaxLength(40)),
                    Tuple.of(1, Arbitraries.strings().alpha().ofMinLength(195).ofMaxLength(205)),
                    Tuple.of(1, strings()));
            case "type" -> Arbitraries.of("track", "identify", "page", "screen", "group", "alias", "TRACK", "batch",
                    "", "t");
            case "messageId" -> Arbitraries.frequencyOf(
                    Tuple.of(4, Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(36)),
                    Tuple.of(1, Arbitraries.strings().alpha().ofMinLength(98).ofMaxLength(102)),
                    Tuple.of(1, Arbitraries.integers()),
                    Tuple.of(1, strings()));
            case "timestamp", "originalTimestamp", "sentAt", "receivedAt" -> timestamps();
            case "context", "integrations", "properties", "traits" ->
                    Arbitraries.maps(fieldName(), anyValue()).ofMaxSize(6).map(map -> (Object) map);
            case "writeKey" -> writeKeys.map(key -> (Object) key);
            default -> anyValue();
        };
        return Arbitraries.frequencyOf(Tuple.of(3, plausible), Tuple.of(1, anyValue()));
    }

    /** ISO-8601 date-times: ordinary ones, ones at the edges of the representable range, and malformed ones. */
    public static Arbitrary<Object> timestamps() {
        Arbitrary<Object> ordinary = Arbitraries.longs()
                .between(Instant.parse("1900-01-01T00:00:00Z").getEpochSecond(),
                        Instant.parse("2200-01-01T00:00:00Z").getEpochSecond())
                .flatMap(seconds -> Arbitraries.integers().between(-18, 18)
                        .map(hours -> Instant.ofEpochSecond(seconds).atOffset(ZoneOffset.ofHours(hours)).toString()));
        return Arbitraries.frequencyOf(
                Tuple.of(6, ordinary),
                Tuple.of(2, Arbitraries.of(new ArrayList<Object>(EXTREME_TIMESTAMPS))),
                Tuple.of(1, Arbitraries.of(new ArrayList<Object>(MALFORMED_TIMESTAMPS))),
                Tuple.of(1, leaf()));
    }
}
