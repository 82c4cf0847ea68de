package io.rapport.console;

import java.time.Instant;
import java.util.List;

import io.rapport.customer.Channel;
import io.rapport.customer.Customer;
import io.rapport.customer.Identifier;
import org.jspecify.annotations.Nullable;

/** A customer as one line of a list or an export: who they are, and when, where and how much they were seen. */
record CustomerLine(String id, String name, String email, String userId, @Nullable Instant firstSeen,
        @Nullable Instant lastSeen, List<Channel> channels, long events) {

    static CustomerLine of(Customer customer) {
        Customer.Seen seen = Customer.Seen.of(customer.channels());
        return new CustomerLine(customer.id().toString(), Customer.displayName(customer),
                identifier(customer, Identifier.Type.EMAIL), identifier(customer, Identifier.Type.USER_ID), seen.first(),
                seen.last(), customer.channels().stream().map(Customer.ChannelActivity::channel).toList(),
                seen.events());
    }

    /** The customer's first identifier of this type, or an empty string. */
    private static String identifier(Customer customer, Identifier.Type type) {
        return customer.identities().stream().filter(i -> i.type() == type).map(Customer.Identity::value).findFirst()
                .orElse("");
    }
}
