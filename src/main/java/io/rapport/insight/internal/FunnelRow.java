package io.rapport.insight.internal;

import java.time.Instant;

import io.rapport.insight.FunnelStep;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** One row of {@code insight_funnel_events}: a message of a person, as a funnel step sees it. */
record FunnelRow(String person, FunnelStep.Kind kind, String name, Instant at, String channel, String device,
        @Nullable String campaign, @Nullable String properties) {

    /** Whether this message is the step: its kind and name, and the step's property filter if it has one. */
    boolean is(FunnelStep step) {
        if (!step.matches(kind, name)) {
            return false;
        }
        if (step.property() == null) {
            return true;
        }
        if (properties == null) {
            return false;
        }
        JsonNode value = JsonMapper.shared().readTree(properties).path(step.property());
        return value.isValueNode() && value.asString().equals(step.equals());
    }
}
