-- Survey scores per UTC day, survey, channel, locale and score value: NPS, CSAT, CES and any band of scores are
-- computed from these counts. Maintained by SurveyScoreRollup in the transaction that stores a response.
create table insight_survey_days (
    on_date date not null,
    survey_id uuid not null,
    survey_type varchar(10) not null,
    channel varchar(40) not null,
    locale varchar(40) not null,
    score integer not null,
    responses bigint not null,
    primary key (on_date, survey_id, channel, locale, score)
);
create index insight_survey_days_type on insight_survey_days (survey_type, on_date);

-- Where each scored response is counted, so that a changed score moves its count instead of adding one.
create table insight_survey_scores (
    response_id uuid primary key,
    survey_id uuid not null,
    survey_type varchar(10) not null,
    on_date date not null,
    channel varchar(40) not null,
    locale varchar(40) not null,
    score integer not null
);
create index insight_survey_scores_day on insight_survey_scores (survey_type, on_date);

-- Purchases seen by the insight.purchases consumer: one row per order, counted unless it was cancelled.
create table insight_purchases (
    order_id varchar(200) primary key,
    person varchar(400) not null,
    purchase_month date not null,
    counted boolean not null
);
create index insight_purchases_person on insight_purchases (person);

-- Counted purchases per person and month (the first day of the month, UTC).
create table insight_person_months (
    person varchar(400) not null,
    purchase_month date not null,
    orders integer not null,
    primary key (person, purchase_month)
);

-- Each buyer's cohort (first purchase month), last purchase month and counted orders.
create table insight_person_cohorts (
    person varchar(400) primary key,
    first_month date not null,
    last_month date not null,
    orders integer not null
);
create index insight_person_cohorts_first on insight_person_cohorts (first_month, last_month);

-- The cohort matrix itself: buyers per cohort (first month) and month with a counted purchase ("in period k").
create table insight_cohort_months (
    first_month date not null,
    active_month date not null,
    buyers bigint not null,
    primary key (first_month, active_month)
);

-- Buyers per cohort and last purchase month ("in or after period k"), and how many of them ordered twice or more.
create table insight_cohort_spans (
    first_month date not null,
    last_month date not null,
    buyers bigint not null,
    repeat_buyers bigint not null,
    primary key (first_month, last_month)
);
