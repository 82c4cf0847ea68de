-- Console users and API keys (module: platform).
create table users (
    id            uuid primary key,
    email         varchar(320) not null unique,
    password_hash varchar(200) not null,
    role          varchar(20)  not null,
    created_at    timestamp with time zone not null
);

create table api_keys (
    id         uuid primary key,
    name       varchar(100) not null,
    key_prefix varchar(12)  not null,
    key_hash   char(64)     not null unique,
    role       varchar(20)  not null,
    created_at timestamp with time zone not null,
    revoked_at timestamp with time zone
);
