package io.rapport.insight.internal;

import java.util.Map;

import io.rapport.platform.DataSubject;
import io.rapport.platform.ErasureCount;
import io.rapport.platform.PersonalData;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Customer lifetime value and churn store nothing: they are computed from the commerce module's orders, which that
 * module exports and erases. The purchase histories they keep in memory do hold people's identifiers and purchase
 * days, so an erasure drops them here; other nodes read every purchase again when they see the erasure counted
 * (see {@link PurchaseHistories}). The fitted models hold parameters only.
 */
@Component
class ClvPersonalData implements PersonalData {

    private final PurchaseHistories histories;
    private final JsonMapper json;

    ClvPersonalData(PurchaseHistories histories, JsonMapper json) {
        this.histories = histories;
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
        histories.forget();
        return ErasureCount.of(Map.of());
    }
}
