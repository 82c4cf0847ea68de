package io.rapport.privacy.internal;

import java.util.List;
import java.util.Optional;

import io.rapport.collect.EventConsumer;
import io.rapport.collect.MessageType;
import io.rapport.collect.TrackedEvent;
import io.rapport.privacy.Consent;
import io.rapport.privacy.Purpose;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Records the answers a shop tracks as {@code Consent Updated} events ({@code properties.purpose},
 * {@code properties.status}) for the message's user id, else its anonymous id, at the time of the message.
 */
@Component
class ConsentProjector implements EventConsumer {

    static final String EVENT = "Consent Updated";
    private static final int MAX_IDENTIFIER_LENGTH = 400;
    private static final Logger log = LoggerFactory.getLogger(ConsentProjector.class);

    private final ConsentStore store;

    ConsentProjector(ConsentStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "privacy.consents";
    }

    @Override
    public void consume(List<TrackedEvent> events) {
        for (TrackedEvent event : events) {
            if (event.type() != MessageType.TRACK || !EVENT.equals(event.event())) {
                continue;
            }
            String identifier = event.userId() != null ? "user:" + event.userId() : "anon:" + event.anonymousId();
            JsonNode properties = event.payload().path("properties");
            Optional<Purpose> purpose = Purpose.fromWire(properties.path("purpose").asString(""));
            Optional<Consent.Status> status = Consent.Status.fromWire(properties.path("status").asString(""));
            if (purpose.isEmpty() || status.isEmpty() || identifier.length() > MAX_IDENTIFIER_LENGTH) {
                // The message is in the log already; an answer that cannot be read is not one.
                log.debug("Ignored {} {}: purpose or status unknown", EVENT, event.messageId());
                continue;
            }
            store.record(identifier, new Consent(purpose.get(), status.get(), Consent.Source.EVENT, event.timestamp()));
        }
    }
}
