package io.rapport.collect.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.rapport.collect.MessageType;
import io.rapport.platform.ApiProblem;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A user-defined mapping of CSV columns to Segment fields, given as a JSON object: {@code type} (default
 * {@code track}) and {@code event} are literal values; every other key is a field path ({@code userId},
 * {@code properties.order_id}, {@code context.location.country}) whose value names the column it is read from,
 * with {@code :number} after the column name to store a number instead of text. {@code timestamp} accepts ISO-8601
 * (with or without an offset; without one it is UTC) or {@code yyyy-MM-dd HH:mm:ss}. The natural key is the
 * {@code messageId} column when mapped, else the row number; the mapping's name is {@code custom-} and a hash of
 * the mapping, so the same file with the same mapping gives the same messageIds.
 */
final class ColumnMapping implements ImportMapping {

    private record Field(String[] path, String column, boolean number) {
    }

    private final JsonMapper json;
    private final String name;
    private final String type;
    private final @Nullable String event;
    private final List<Field> fields;
    private final @Nullable String messageIdColumn;

    private ColumnMapping(JsonMapper json, String name, String type, @Nullable String event, List<Field> fields,
            @Nullable String messageIdColumn) {
        this.json = json;
        this.name = name;
        this.type = type;
        this.event = event;
        this.fields = fields;
        this.messageIdColumn = messageIdColumn;
    }

    /** @throws ApiProblem naming {@code mapping} when the JSON is not a usable mapping */
    static ColumnMapping parse(JsonMapper json, String text) {
        JsonNode root;
        try {
            root = json.readTree(text);
        } catch (JacksonException e) {
            throw ApiProblem.invalidField("mapping", "The mapping is neither a built-in one (uci-online-retail, "
                    + "olist, segment-ndjson) nor a JSON column mapping: " + e.getOriginalMessage());
        }
        if (!(root instanceof ObjectNode object)) {
            throw ApiProblem.invalidField("mapping", "A column mapping is a JSON object such as "
                    + "{\"event\":\"Order Completed\",\"userId\":\"customer_id\",\"properties.order_id\":\"order_no\"}.");
        }
        String type = "track";
        String event = null;
        String messageIdColumn = null;
        List<Field> fields = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : object.properties()) {
            if (!entry.getValue().isString() || entry.getValue().stringValue().isBlank()) {
                throw ApiProblem.invalidField("mapping", "The mapping's '" + entry.getKey()
                        + "' must be a column name (a non-empty string).");
            }
            String value = entry.getValue().stringValue();
            switch (entry.getKey()) {
                case "type" -> {
                    if (MessageType.fromWire(value).isEmpty()) {
                        throw ApiProblem.invalidField("mapping", "'" + value + "' is not a message type; use track, "
                                + "identify, page, screen, group or alias.");
                    }
                    type = value;
                }
                case "event" -> event = value;
                case "messageId" -> messageIdColumn = value;
                default -> {
                    boolean number = value.endsWith(":number");
                    String column = number ? value.substring(0, value.length() - ":number".length()) : value;
                    fields.add(new Field(entry.getKey().split("\\."), column, number));
                }
            }
        }
        if ("track".equals(type) && event == null) {
            throw ApiProblem.invalidField("mapping", "A track mapping needs the event's name, e.g. "
                    + "\"event\":\"Order Completed\".");
        }
        String name = "custom-" + SegmentNdjsonMapping.sha256(json.writeValueAsString(object)).substring(0, 12);
        return new ColumnMapping(json, name, type, event, List.copyOf(fields), messageIdColumn);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void run(Path file, ImportSink sink) throws IOException {
        long total = 0;
        try (BufferedReader reader = ImportFiles.open(file); CSVParser csv = ImportFiles.CSV.parse(reader)) {
            checkColumns(csv.getHeaderNames());
            for (CSVRecord ignored : csv) {
                total++;
            }
        }
        sink.total(total);
        try (BufferedReader reader = ImportFiles.open(file); CSVParser csv = ImportFiles.CSV.parse(reader)) {
            Map<String, Integer> columns = new LinkedHashMap<>();
            List<String> header = csv.getHeaderNames();
            for (int i = 0; i < header.size(); i++) {
                columns.put(header.get(i).strip(), i);
            }
            for (CSVRecord record : csv) {
                sink.read(1);
                ImportSink.Row row = new ImportSink.Row(record.getRecordNumber(), ImportFiles.line(record));
                if (record.size() != header.size()) {
                    sink.reject(row, "The line has " + record.size() + " columns; the header has " + header.size() + ".");
                    continue;
                }
                try {
                    sink.emit(message(record, columns), List.of(row));
                } catch (BadValue bad) {
                    sink.reject(row, bad.getMessage());
                }
            }
        }
    }

    private void checkColumns(List<String> header) {
        List<String> stripped = header.stream().map(String::strip).toList();
        List<String> wanted = new ArrayList<>(fields.stream().map(Field::column).toList());
        if (messageIdColumn != null) {
            wanted.add(messageIdColumn);
        }
        for (String column : wanted) {
            if (!stripped.contains(column)) {
                throw new Unusable("The mapping reads the column '" + column + "', which the file's header ("
                        + String.join(",", stripped) + ") does not have.");
            }
        }
    }

    private ObjectNode message(CSVRecord record, Map<String, Integer> columns) {
        ObjectNode message = json.createObjectNode();
        message.put("type", type);
        if (event != null) {
            message.put("event", event);
        }
        String key = messageIdColumn == null ? "row-" + record.getRecordNumber()
                : record.get(columns.get(messageIdColumn)).strip();
        if (key.isEmpty()) {
            throw new BadValue("The messageId column '" + messageIdColumn + "' is empty.");
        }
        message.put("messageId", "import:" + name + ":" + key);
        for (Field field : fields) {
            String text = record.get(columns.get(field.column())).strip();
            if (text.isEmpty()) {
                continue;
            }
            ObjectNode parent = message;
            for (int i = 0; i < field.path().length - 1; i++) {
                parent = parent.withObjectProperty(field.path()[i]);
            }
            String leaf = field.path()[field.path().length - 1];
            if (field.path().length == 1 && leaf.equals("timestamp")) {
                parent.put(leaf, timestamp(field.column(), text));
            } else if (field.number()) {
                try {
                    parent.put(leaf, new BigDecimal(text));
                } catch (NumberFormatException e) {
                    throw new BadValue(field.column() + " '" + text + "' is not a number.");
                }
            } else {
                parent.put(leaf, text);
            }
        }
        return message;
    }

    private static String timestamp(String column, String text) {
        try {
            return OffsetDateTime.parse(text).toInstant().toString();
        } catch (DateTimeParseException e) {
            // not with an offset
        }
        try {
            return LocalDateTime.parse(text.replace(' ', 'T')).toInstant(ZoneOffset.UTC).toString();
        } catch (DateTimeParseException e) {
            // not a local date-time
        }
        try {
            return LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE).atStartOfDay().toInstant(ZoneOffset.UTC)
                    .toString();
        } catch (DateTimeParseException e) {
            throw new BadValue(column + " '" + text + "' is not a date-time such as 2026-11-25T08:00:00Z or "
                    + "2026-11-25 08:00:00.");
        }
    }
}
