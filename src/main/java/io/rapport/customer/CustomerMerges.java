package io.rapport.customer;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * An operator's merges of two customers, and their undoing. A merge joins even customers with two different user
 * ids (what automatic stitching never does, see identity conflicts); undoing it regroups the identifiers as the
 * observed links alone would.
 */
public interface CustomerMerges {

    /** Joins the two customers; returns the merge, with the customer that holds both now. */
    Merge merge(Customer.Id customer, Customer.Id other, String mergedBy);

    /** Undoes a merge; returns it, marked undone. */
    Merge undo(UUID mergeId, String undoneBy);

    /** The newest merges first. */
    List<Merge> list(int limit);

    record Merge(UUID id, Identifier a, Identifier b, Instant mergedAt, String mergedBy, @Nullable Instant undoneAt,
            @Nullable String undoneBy, Customer.@Nullable Id customer) {
    }
}
