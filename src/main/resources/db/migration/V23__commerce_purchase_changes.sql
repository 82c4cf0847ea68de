-- What changed in the shop's purchases, so that readers of whole purchase histories (churn, lifetime value) refresh
-- only the people whose orders changed (module: commerce).

-- purchases_changed_seq: the event log seq of the newest order event (completion, update, cancellation, refund)
-- applied to the order. The projector applies batches in log order, so committed values only grow.
alter table commerce_orders add column purchases_changed_seq bigint not null default 0;
create index commerce_orders_by_purchases_changed on commerce_orders (purchases_changed_seq);

-- An erasure deletes orders, which leaves no row to mark: it counts here instead, and readers that see the count
-- move reload every purchase. One row, holding no personal data.
create table commerce_purchase_erasures (
    id        int    not null primary key,
    erasures  bigint not null
);
insert into commerce_purchase_erasures (id, erasures) values (1, 0);
