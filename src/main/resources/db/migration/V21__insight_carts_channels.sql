-- Carts seen by the insight.carts consumer (a cart is its cart_id, else the person's open cart of a UTC day), with
-- where each is counted in insight_cart_days: conversion_hours is the whole hours, rounded up, from its last
-- Product Added to the Order Completed that converted it (0 if the order came first, 721 for anything later than
-- 720 hours), -1 while it is not converted.
create table insight_carts (
    cart_key varchar(420) primary key,
    person varchar(400) not null,
    created_on date not null,
    channel varchar(20) not null,
    first_added_at timestamp with time zone not null,
    last_added_at timestamp with time zone not null,
    converted_at timestamp with time zone,
    conversion_hours integer not null
);
create index insight_carts_person on insight_carts (person, created_on);
create index insight_carts_last_added on insight_carts (last_added_at);
create index insight_carts_created on insight_carts (created_on, channel);

-- The value added to each cart (price × quantity of its Product Added events) per currency.
create table insight_cart_values (
    cart_key varchar(420) not null,
    currency varchar(3) not null,
    added numeric(19, 4) not null,
    primary key (cart_key, currency)
);

-- The roll-up: carts per UTC day of creation, channel and conversion hours; the rate for any window of N hours is
-- read from these counts (converted within N = conversion_hours between 0 and N).
create table insight_cart_days (
    created_on date not null,
    channel varchar(20) not null,
    conversion_hours integer not null,
    carts bigint not null,
    primary key (created_on, channel, conversion_hours)
);

-- Value added to those carts, per currency.
create table insight_cart_value_days (
    created_on date not null,
    channel varchar(20) not null,
    conversion_hours integer not null,
    currency varchar(3) not null,
    added numeric(19, 4) not null,
    primary key (created_on, channel, conversion_hours, currency)
);

-- Channel performance per UTC day and dimension value (dimension: channel, source or campaign): visitors (people
-- active that day), buyers (of them, people with an order that day) and orders.
create table insight_channel_days (
    on_date date not null,
    dimension varchar(10) not null,
    dimension_value varchar(300) not null,
    visitors bigint not null,
    buyers bigint not null,
    orders bigint not null,
    primary key (on_date, dimension, dimension_value)
);

-- Orders and revenue of those days per currency.
create table insight_channel_revenue (
    on_date date not null,
    dimension varchar(10) not null,
    dimension_value varchar(300) not null,
    currency varchar(3) not null,
    orders bigint not null,
    revenue numeric(19, 4) not null,
    primary key (on_date, dimension, dimension_value, currency)
);

-- Who is counted where, so that a person counts once a day per dimension value (and as a buyer once).
create table insight_channel_people (
    on_date date not null,
    dimension varchar(10) not null,
    dimension_value varchar(300) not null,
    person varchar(400) not null,
    bought boolean not null,
    primary key (on_date, dimension, dimension_value, person)
);
create index insight_channel_people_person on insight_channel_people (person);

-- Orders already counted (an order completed twice counts once).
create table insight_channel_orders (
    order_id varchar(200) primary key,
    person varchar(400) not null
);
create index insight_channel_orders_person on insight_channel_orders (person);

-- Each person's last touch per campaign, for attributing their visits and orders.
create table insight_campaign_touches (
    person varchar(400) not null,
    campaign varchar(300) not null,
    touched_at timestamp with time zone not null,
    primary key (person, campaign)
);
