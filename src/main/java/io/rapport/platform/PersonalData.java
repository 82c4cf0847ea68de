package io.rapport.platform;

import tools.jackson.databind.JsonNode;

/**
 * What one module holds about a person, so that a data-subject export and an erasure reach every table that
 * holds personal data. Each module that stores personal data declares one bean of this type, next to its SQL.
 * The privacy module calls every bean: {@link #export} for an export, {@link #erase} for an erasure, all
 * erasures in one transaction.
 */
public interface PersonalData {

    /** The module's name, the key of its part of an export and of its counts in the erasure audit. */
    String module();

    /** Everything this module holds about the person, as JSON (an empty object when it holds nothing). */
    JsonNode export(DataSubject subject);

    /**
     * Called on every bean at the start of an erasure's transaction, before the person's identifiers are read. A
     * module whose background work could add to the person's data meanwhile holds that work off here (with
     * locks that the transaction's end releases).
     */
    default void beforeErasure() {
    }

    /**
     * Deletes (or strips of personal data) every row of this module about the person and says how many rows of
     * which table it changed. Runs inside the erasure's transaction: throw to roll the whole erasure back.
     */
    ErasureCount erase(DataSubject subject);
}
