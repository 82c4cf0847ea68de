-- Bulk imports (collect module): one row per job, and the rows a job could not map, with the reason.
create table import_jobs (
    id             uuid primary key,
    source_id      uuid          not null references sources (id),
    mapping        varchar(40)   not null,
    column_mapping text,
    file_name      varchar(500)  not null,
    file_path      varchar(2000),
    file_bytes     bigint        not null,
    status         varchar(20)   not null,
    rows_total     bigint,
    rows_read      bigint        not null default 0,
    rows_imported  bigint        not null default 0,
    rows_rejected  bigint        not null default 0,
    messages       bigint        not null default 0,
    attempts       integer       not null default 0,
    error          varchar(2000),
    created_at     timestamp with time zone not null,
    started_at     timestamp with time zone,
    finished_at    timestamp with time zone
);
create index import_jobs_status on import_jobs (status, created_at);

create table import_rejected_rows (
    job_id  uuid          not null references import_jobs (id) on delete cascade,
    row_no  bigint        not null,
    reason  varchar(1000) not null,
    line    text          not null,
    primary key (job_id, row_no)
);
