package io.rapport.customer;

import java.math.BigDecimal;
import java.util.Map;

/**
 * Figures that other modules compute per identifier and customer lists filter on (commerce writes
 * {@code commerce.orders} and {@code commerce.revenue.<currency>}). Like traits they are kept per identifier, so
 * they follow identifiers through every regrouping: a customer's figure is the sum over its identifiers. A module
 * counts each of its facts for one identifier only (commerce: an order for its user id, else its anonymous id), or
 * the sum would count it twice.
 */
public interface CustomerFigures {

    /** The longest figure name. */
    int MAX_NAME_LENGTH = 100;

    /**
     * Sets the figures whose names start with {@code prefix} (for example {@code "commerce."}) of each identifier
     * in {@code figures} (by identifier, then by name): those given take their value, the others of the identifier
     * with that prefix are removed.
     */
    void replace(String prefix, Map<String, Map<String, BigDecimal>> figures);
}
