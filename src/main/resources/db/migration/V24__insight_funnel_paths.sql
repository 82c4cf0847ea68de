-- Saved funnels' paths, kept by the insight.funnel-events consumer so a saved funnel's report is an aggregate over
-- these rows rather than a walk over raw events (docs/metrics.md, "Funnels").
-- version counts edits; paths_ready says the paths are built for the current version and include every funnel event
-- up to paths_seq.
alter table insight_funnels add column version bigint not null default 0;
alter table insight_funnels add column paths_ready boolean not null default false;
alter table insight_funnels add column paths_seq bigint;

-- One row per saved funnel, person and UTC day in which the person has a step-1 message: the path that starts at
-- their first step-1 message of that day. previous_day is the person's latest earlier entry day (null for none), so
-- the row of a person's earliest entry day in a range is the one whose previous_day is before the range.
-- at_k is when step k was reached, in microseconds since 1970 (null when not reached); the breakdown attributes are
-- those of the entering message.
create table insight_funnel_paths (
    funnel_id uuid not null references insight_funnels (id) on delete cascade,
    person varchar(400) not null,
    entry_day date not null,
    previous_day date,
    reached int not null,
    channel varchar(20) not null,
    device varchar(20) not null,
    campaign varchar(200),
    at_1 bigint not null,
    at_2 bigint,
    at_3 bigint,
    at_4 bigint,
    at_5 bigint,
    at_6 bigint,
    at_7 bigint,
    at_8 bigint,
    at_9 bigint,
    at_10 bigint,
    primary key (funnel_id, person, entry_day)
);
create index insight_funnel_paths_day on insight_funnel_paths (funnel_id, entry_day);
