-- Customers and the identity graph (module: customer).
create table customers (
    id         uuid primary key,
    created_at timestamp with time zone not null
);

-- Every identifier seen, and the customer it belongs to now.
create table identities (
    identifier  varchar(400) primary key,
    customer_id uuid not null references customers (id),
    first_seen  timestamp with time zone not null
);
create index identities_by_customer on identities (customer_id);

-- Every pair of identifiers seen together (a < b), with its earliest sighting: the input of the resolution.
create table identity_links (
    a          varchar(400) not null,
    b          varchar(400) not null,
    seen_at    timestamp with time zone not null,
    message_id varchar(100) not null,
    primary key (a, b)
);
create index identity_links_by_b on identity_links (b);

-- Links that would have joined two different user ids: left for an operator to review.
create table identity_conflicts (
    a          varchar(400) not null,
    b          varchar(400) not null,
    seen_at    timestamp with time zone not null,
    message_id varchar(100) not null,
    primary key (a, b)
);

-- Traits are kept per identifier, so they follow the identifier through every regrouping; a customer's
-- traits are the newest value of each name over its identifiers.
create table customer_traits (
    identifier varchar(400) not null,
    name       varchar(200) not null,
    value_json varchar      not null,
    set_at     timestamp with time zone not null,
    primary key (identifier, name)
);
