package io.rapport.collect.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One Segment message per line (as Segment's own exports and most warehouses write them); its {@code type} decides
 * what it is. A message keeps its own messageId; one without gets {@code import:segment-ndjson:<SHA-256 of the
 * line>}, so the same line imported again is the same message. Blank lines are not rows.
 */
final class SegmentNdjsonMapping implements ImportMapping {

    static final String NAME = "segment-ndjson";

    private final JsonMapper json;

    SegmentNdjsonMapping(JsonMapper json) {
        this.json = json;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void run(Path file, ImportSink sink) throws IOException {
        long total = 0;
        try (BufferedReader reader = ImportFiles.open(file)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    total++;
                }
            }
        }
        sink.total(total);
        long number = 0;
        try (BufferedReader reader = ImportFiles.open(file)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                ImportSink.Row row = new ImportSink.Row(++number, line);
                sink.read(1);
                JsonNode node;
                try {
                    node = json.readTree(line);
                } catch (JacksonException e) {
                    sink.reject(row, "The line is not valid JSON: " + e.getOriginalMessage());
                    continue;
                }
                if (!(node instanceof ObjectNode message)) {
                    sink.reject(row, "The line must be one JSON object (a Segment message).");
                    continue;
                }
                JsonNode messageId = message.get("messageId");
                if (messageId == null || messageId.isNull() || (messageId.isString() && messageId.stringValue().isBlank())) {
                    message.put("messageId", "import:" + NAME + ":" + sha256(line));
                }
                sink.emit(message, List.of(row));
            }
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)), 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
