package io.rapport.customer.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.rapport.collect.MessageType;
import io.rapport.collect.TrackedEvent;
import io.rapport.customer.Identifier;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What one message tells about identity: the identifiers it carries, all of them seen together with its main
 * one (the userId, else the anonymousId), and the traits it sets. Rules (docs/customers.md):
 * userId and anonymousId of any message; {@code traits.email} and {@code traits.phone} of identify and group
 * calls and {@code context.traits} of any call; {@code context.externalIds}; alias links its previousId, taken
 * as an anonymous id, to its userId.
 */
record Sightings(String main, Set<String> identifiers, Map<String, JsonNode> traits) {

    static @Nullable Sightings of(TrackedEvent event, @Nullable String phoneRegion) {
        Set<String> identifiers = new LinkedHashSet<>();
        if (event.userId() != null) {
            identifiers.add(Identifier.userId(event.userId()).encoded());
        }
        if (event.anonymousId() != null) {
            identifiers.add(Identifier.anonymousId(event.anonymousId()).encoded());
        }
        if (identifiers.isEmpty()) {
            return null;
        }
        String main = identifiers.iterator().next();
        Map<String, JsonNode> traits = Map.of();
        // Most messages carry nothing more than their ids: parse the payload only when it may say more.
        if (event.type() == MessageType.IDENTIFY || event.type() == MessageType.ALIAS
                || event.type() == MessageType.GROUP || event.json().contains("\"traits\"")
                || event.json().contains("\"externalIds\"")) {
            ObjectNode payload = event.payload();
            JsonNode context = payload.path("context");
            addContact(context.path("traits"), phoneRegion, identifiers);
            if (event.type() == MessageType.IDENTIFY) {
                addContact(payload.path("traits"), phoneRegion, identifiers);
                traits = traits(payload.path("traits"));
            }
            if (event.type() == MessageType.ALIAS && payload.path("previousId").isString()) {
                identifiers.add(Identifier.anonymousId(payload.path("previousId").stringValue()).encoded());
            }
            for (JsonNode external : context.path("externalIds")) {
                if (external.path("id").isString() && external.path("type").isString()) {
                    identifiers.add(new Identifier(Identifier.Type.EXTERNAL,
                            external.path("type").stringValue() + ":" + external.path("id").stringValue()).encoded());
                }
            }
        }
        identifiers.removeIf(identifier -> identifier.length() > Identifier.MAX_ENCODED_LENGTH);
        return new Sightings(main, identifiers, traits);
    }

    List<String> others() {
        List<String> others = new ArrayList<>(identifiers);
        others.remove(main);
        return others;
    }

    private static void addContact(JsonNode traits, @Nullable String phoneRegion, Set<String> identifiers) {
        Identifier.email(traits.path("email").isString() ? traits.path("email").stringValue() : null)
                .ifPresent(email -> identifiers.add(email.encoded()));
        Identifier.phone(traits.path("phone").isString() ? traits.path("phone").stringValue() : null, phoneRegion)
                .ifPresent(phone -> identifiers.add(phone.encoded()));
    }

    private static Map<String, JsonNode> traits(JsonNode traits) {
        if (!traits.isObject()) {
            return Map.of();
        }
        Map<String, JsonNode> named = new LinkedHashMap<>();
        for (var entry : traits.properties()) {
            if (entry.getKey().length() <= 200) {
                named.put(entry.getKey(), entry.getValue());
            }
        }
        return named;
    }
}
