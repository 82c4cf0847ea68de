package io.rapport.collect;

import java.util.List;

/**
 * Reads the event log in order. {@link #consume} runs in the same transaction that moves this consumer's
 * checkpoint, so its database effects happen exactly once; if it throws, both roll back and the batch is
 * offered again. Register one by declaring it as a Spring bean.
 */
public interface EventConsumer {

    /**
     * Consumers of one lane run one after another on one thread; the lanes run side by side. Consumers that write
     * the same rows must share a lane: run at the same time they could deadlock on each other's locks.
     */
    enum Lane {
        /** Customer profiles and what is attached to them (orders, consents, feedback), which merges re-point. */
        PROFILES,
        /** Roll-ups kept in their consumer's own tables, keyed by the message's identifiers rather than customers. */
        ROLLUPS
    }

    /** A stable name: the key of the checkpoint. Renaming a consumer starts it from the beginning. */
    String name();

    /** Handles the next events in log order; never called with an empty list. */
    void consume(List<TrackedEvent> events);

    /** The lane this consumer runs in; see {@link Lane}. */
    default Lane lane() {
        return Lane.PROFILES;
    }
}
