-- Survey scores per UTC month (its first day), survey, channel, locale and score value: the sums of
-- insight_survey_days over each month, kept by SurveyScoreRollup in the same transaction as the daily counts, so
-- that a report over years reads whole months here and only its partial first and last months by day.
create table insight_survey_months (
    on_month date not null,
    survey_id uuid not null,
    survey_type varchar(10) not null,
    channel varchar(40) not null,
    locale varchar(40) not null,
    score integer not null,
    responses bigint not null,
    primary key (on_month, survey_id, channel, locale, score)
);
create index insight_survey_months_type on insight_survey_months (survey_type, on_month);

insert into insight_survey_months (on_month, survey_id, survey_type, channel, locale, score, responses)
select cast(date_trunc('month', on_date) as date), survey_id, survey_type, channel, locale, score, sum(responses)
from insight_survey_days
group by cast(date_trunc('month', on_date) as date), survey_id, survey_type, channel, locale, score;
