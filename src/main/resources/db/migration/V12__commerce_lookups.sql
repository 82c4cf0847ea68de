-- Lookups of the commerce projector: open carts by the order their checkout named (when the order completes), and
-- cart events by message id (whether a replayed event was already counted; H2 uses only the first column of the
-- primary key (source_id, message_id) for "source_id = ? and message_id in (…)").
create index commerce_carts_by_checkout on commerce_carts (checkout_order_id);
create index commerce_cart_events_by_message on commerce_cart_events (message_id);
