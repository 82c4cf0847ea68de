-- Consents and the erasure audit (module: privacy).

-- Consents are kept per identifier, like traits, so they follow the identifier through every regrouping; a
-- customer's consent to a purpose is the newest over its identifiers.
create table consents (
    identifier varchar(400) not null,
    purpose    varchar(40)  not null,
    status     varchar(10)  not null,
    source     varchar(10)  not null,
    set_at     timestamp with time zone not null,
    primary key (identifier, purpose)
);

-- One row per erasure, without personal data: who asked, when, and how many rows each module erased.
create table erasures (
    id           uuid primary key,
    erased_at    timestamp with time zone not null,
    requested_by varchar(200) not null,
    counts_json  varchar      not null
);
create index erasures_by_time on erasures (erased_at);
