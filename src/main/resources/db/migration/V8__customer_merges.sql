-- Operator merges of two customers (module: customer): a link between one identifier of each, applied before
-- every observed link and exempt from the one-user-id rule. Undoing a merge keeps its row, marked undone.
create table customer_merges (
    id         uuid primary key,
    a          varchar(400) not null,
    b          varchar(400) not null,
    merged_at  timestamp with time zone not null,
    merged_by  varchar(200) not null,
    undone_at  timestamp with time zone,
    undone_by  varchar(200)
);
create index customer_merges_by_a on customer_merges (a);
create index customer_merges_by_b on customer_merges (b);
