-- The events funnels are computed from, one row per track, page or screen message with a person, kept by the
-- insight.funnel-events consumer: a narrow copy of the event log that a funnel reads by step and time.
-- kind is track, page or screen; name the event, page or screen name ('' for an unnamed page or screen).
-- properties holds the message's scalar top-level properties as JSON (for a step's property filter), or null.
create table insight_funnel_events (
    seq bigint primary key,
    kind varchar(10) not null,
    name varchar(200) not null,
    person varchar(400) not null,
    occurred_at timestamp with time zone not null,
    channel varchar(20) not null,
    device varchar(20) not null,
    campaign varchar(200),
    properties varchar(4000)
);
create index insight_funnel_events_step on insight_funnel_events (kind, name, occurred_at);
create index insight_funnel_events_person on insight_funnel_events (person);

-- Every kind and name seen, for the funnel builder's suggestions.
create table insight_funnel_event_names (
    kind varchar(10) not null,
    name varchar(200) not null,
    primary key (kind, name)
);

-- Saved funnels: a name, the steps as JSON and the conversion window.
create table insight_funnels (
    id uuid primary key,
    name varchar(100) not null,
    steps_json varchar not null,
    window_seconds bigint not null,
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null
);
