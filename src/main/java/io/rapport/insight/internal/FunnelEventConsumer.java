package io.rapport.insight.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.rapport.collect.EventConsumer;
import io.rapport.collect.MessageType;
import io.rapport.collect.Source;
import io.rapport.collect.SourceType;
import io.rapport.collect.Sources;
import io.rapport.collect.TrackedEvent;
import io.rapport.customer.Channel;
import io.rapport.customer.Identifier;
import io.rapport.insight.FunnelStep;
import io.rapport.platform.Timestamps;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Keeps the narrow copy of the event log that funnels read ({@code insight_funnel_events}): for every track, page
 * and screen message with a person (user id, else anonymous id), its kind and name, time, channel, device type, UTM
 * campaign and scalar properties; then brings the saved funnels' paths up to date with them. Its rows move with its
 * checkpoint, so each message is copied, and counted in the paths, exactly once.
 */
@Component
class FunnelEventConsumer implements EventConsumer {

    /** Room for a message's properties; those that do not fit are left out (a filter on them does not match). */
    static final int MAX_PROPERTIES_CHARS = 4_000;

    private final JdbcTemplate batch;
    private final Sources sources;
    private final FunnelPathFollower paths;
    /** A source's type never changes, so it is asked for once. */
    private final Map<Source.Id, SourceType> sourceTypes = new ConcurrentHashMap<>();

    FunnelEventConsumer(JdbcTemplate batch, Sources sources, FunnelPathFollower paths) {
        this.batch = batch;
        this.sources = sources;
        this.paths = paths;
    }

    @Override
    public String name() {
        return "insight.funnel-events";
    }

    @Override
    public Lane lane() {
        return Lane.ROLLUPS;
    }

    @Override
    public void consume(List<TrackedEvent> events) {
        List<Object[]> rows = new ArrayList<>();
        Set<List<String>> names = new LinkedHashSet<>();
        for (TrackedEvent event : events) {
            FunnelStep.@Nullable Kind kind = kind(event.type());
            String person = event.userId() != null ? Identifier.userId(event.userId()).encoded()
                    : event.anonymousId() != null ? Identifier.anonymousId(event.anonymousId()).encoded() : "";
            if (kind == null || person.isEmpty() || person.length() > Identifier.MAX_ENCODED_LENGTH) {
                continue;
            }
            ObjectNode payload = event.payload();
            String name = kind == FunnelStep.Kind.TRACK ? text(event.event()) : text(payload.path("name").asString(""));
            JsonNode context = payload.path("context");
            String campaign = text(context.path("campaign").path("name").asString(""));
            rows.add(new Object[] {event.seq(), kind.wire(), name, person, Timestamps.of(event.timestamp()),
                    Channel.of(sourceType(event.sourceId()), event).name().toLowerCase(Locale.ROOT),
                    DeviceTypes.of(context), campaign.isEmpty() ? null : campaign, properties(payload.path("properties"))});
            names.add(List.of(kind.wire(), name));
        }
        batch.batchUpdate("""
                insert into insight_funnel_events (seq, kind, name, person, occurred_at, channel, device, campaign,
                    properties) values (?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows);
        batch.batchUpdate("insert into insight_funnel_event_names (kind, name) values (?, ?) on conflict do nothing",
                names.stream().map(List::toArray).toList());
        paths.follow();
    }

    private static FunnelStep.@Nullable Kind kind(MessageType type) {
        return switch (type) {
            case TRACK -> FunnelStep.Kind.TRACK;
            case PAGE -> FunnelStep.Kind.PAGE;
            case SCREEN -> FunnelStep.Kind.SCREEN;
            default -> null;
        };
    }

    private SourceType sourceType(Source.Id id) {
        return sourceTypes.computeIfAbsent(id, key -> sources.find(key).map(Source::type).orElse(SourceType.SERVER));
    }

    /** A name or campaign, at most as long as a step may be. */
    private static String text(@Nullable String value) {
        String text = value == null ? "" : value.strip();
        return text.length() > FunnelStep.MAX_TEXT ? text.substring(0, FunnelStep.MAX_TEXT) : text;
    }

    /** The scalar top-level properties as JSON, as many as fit; null without any. */
    static @Nullable String properties(JsonNode properties) {
        ObjectNode kept = JsonMapper.shared().createObjectNode();
        for (Map.Entry<String, JsonNode> property : properties.properties()) {
            JsonNode value = property.getValue();
            if (!value.isValueNode() || value.isNull() || property.getKey().length() > FunnelStep.MAX_TEXT
                    || value.asString().length() > FunnelStep.MAX_TEXT) {
                continue;
            }
            kept.set(property.getKey(), value);
            if (kept.toString().length() > MAX_PROPERTIES_CHARS) {
                kept.remove(property.getKey());
                break;
            }
        }
        return kept.isEmpty() ? null : kept.toString();
    }
}
