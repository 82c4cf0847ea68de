package io.rapport.insight.internal;

import java.util.Map;

import io.rapport.platform.DataSubject;
import io.rapport.platform.ErasureCount;
import io.rapport.platform.PersonalData;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Customer lifetime value stores nothing: it is computed from the commerce module's orders, which that module
 * exports and erases. Its in-memory fits do hold people's identifiers and purchase days, so an erasure drops them.
 */
@Component
class ClvPersonalData implements PersonalData {

    private final LifetimeValues lifetimeValues;
    private final JsonMapper json;

    ClvPersonalData(LifetimeValues lifetimeValues, JsonMapper json) {
        this.lifetimeValues = lifetimeValues;
        this.json = json;
    }

    @Override
    public String module() {
        return "insight";
    }

    @Override
    public JsonNode export(DataSubject subject) {
        return json.createObjectNode();
    }

    @Override
    public ErasureCount erase(DataSubject subject) {
        lifetimeValues.forgetFits();
        return ErasureCount.of(Map.of());
    }
}
