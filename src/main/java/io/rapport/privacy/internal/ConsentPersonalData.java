package io.rapport.privacy.internal;

import io.rapport.platform.DataSubject;
import io.rapport.platform.ErasureCount;
import io.rapport.platform.PersonalData;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.Map;

/** A person's consents, with the identifier that holds each answer. The erasure audit holds no personal data. */
@Component
class ConsentPersonalData implements PersonalData {

    private final ConsentStore store;

    ConsentPersonalData(ConsentStore store) {
        this.store = store;
    }

    @Override
    public String module() {
        return "privacy";
    }

    @Override
    public JsonNode export(DataSubject subject) {
        JsonMapper json = JsonMapper.shared();
        ObjectNode export = json.createObjectNode();
        ArrayNode consents = export.putArray("consents");
        for (ConsentStore.Row row : store.of(subject.identifiers())) {
            ObjectNode consent = json.valueToTree(row.consent());
            consent.put("identifier", row.identifier());
            consents.add(consent);
        }
        return export;
    }

    @Override
    public ErasureCount erase(DataSubject subject) {
        return ErasureCount.of(Map.of("consents", store.delete(subject.identifiers())));
    }
}
