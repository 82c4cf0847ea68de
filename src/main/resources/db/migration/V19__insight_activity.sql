-- The periods in which each person was active, kept by the insight.activity consumer: one row per person (an
-- encoded user id, else anonymous id), channel ('all', or one channel such as 'web'), grain ('day', 'week' from
-- Monday, 'month') and period (its first day, UTC).
create table insight_person_periods (
    person varchar(400) not null,
    channel varchar(10) not null,
    grain varchar(5) not null,
    period date not null,
    primary key (person, channel, grain, period)
);
create index insight_person_periods_period on insight_person_periods (grain, channel, period);

-- Active persons per grain, channel and period, and (weeks and months) how they split by lifecycle: new (first
-- period ever), returning (active the period before), resurrecting (not the period before, but earlier), and those
-- dormant in the period (active the period before, not in it).
create table insight_active_periods (
    grain varchar(5) not null,
    channel varchar(10) not null,
    period date not null,
    active bigint not null,
    new_persons bigint not null,
    returning_persons bigint not null,
    resurrecting_persons bigint not null,
    dormant_persons bigint not null,
    primary key (grain, channel, period)
);

-- Visitor retention: persons per first-seen week and week active ("in week k").
create table insight_visitor_weeks (
    first_week date not null,
    active_week date not null,
    visitors bigint not null,
    primary key (first_week, active_week)
);

-- Persons per first-seen week and last week active ("in week k or later").
create table insight_visitor_spans (
    first_week date not null,
    last_week date not null,
    visitors bigint not null,
    primary key (first_week, last_week)
);
