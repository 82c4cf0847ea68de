package io.rapport.collect;

import java.util.List;

/**
 * Reads the event log in order. {@link #consume} runs in the same transaction that moves this consumer's
 * checkpoint, so its database effects happen exactly once; if it throws, both roll back and the batch is
 * offered again. Register one by declaring it as a Spring bean.
 */
public interface EventConsumer {

    /** A stable name: the key of the checkpoint. Renaming a consumer starts it from the beginning. */
    String name();

    /** Handles the next events in log order; never called with an empty list. */
    void consume(List<TrackedEvent> events);
}
