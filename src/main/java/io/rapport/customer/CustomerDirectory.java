package io.rapport.customer;

import java.util.function.Consumer;

import io.rapport.collect.Page;
import org.jspecify.annotations.Nullable;

/**
 * Lists of customers: filtered ({@link CustomerFilter}) and in a stable order, the newest customers first (the
 * order Rapport created their profiles in). Pages are cursor-based: a page's {@code next} continues below its last
 * customer, so paging through a list that does not change shows every customer exactly once.
 */
public interface CustomerDirectory {

    /** One page of the customers that match; {@code limit} from 1 to 1,000 ({@link io.rapport.collect.Cursors#limit}). */
    Page<Customer> list(CustomerFilter filter, int limit, @Nullable String cursor);

    /** Every customer that matches, in list order, read a page at a time (for exports). */
    void forEach(CustomerFilter filter, Consumer<Customer> action);
}
