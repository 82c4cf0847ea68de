-- Touchpoints per identifier and channel (module: customer). Kept per identifier, like traits, so a customer's
-- activity is the sum over its identifiers whatever regrouping happens.
create table customer_activity (
    identifier varchar(400) not null,
    channel    varchar(10)  not null,
    events     bigint       not null,
    first_seen timestamp with time zone not null,
    last_seen  timestamp with time zone not null,
    primary key (identifier, channel)
);
