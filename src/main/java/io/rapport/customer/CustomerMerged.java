package io.rapport.customer;

/**
 * All identifiers of customer {@code from} now belong to {@code into} (most of them, when a merge split it
 * too), and {@code from} no longer exists: identity links or an operator merge joined the two. Published inside
 * the transaction that regroups them; a module that keeps customer ids reacts after the commit (for example with
 * {@code @TransactionalEventListener}). Data kept per identifier, as Rapport's own modules keep it, needs nothing.
 */
public record CustomerMerged(Customer.Id from, Customer.Id into) {
}
