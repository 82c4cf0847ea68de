-- H2 only: H2 writes its store whenever an identity sequence passes its cache (32 values by default), so a
-- large cache saves a store write every 32 events. Values still grow in commit order: H2's sequence cache is
-- one per database and the event log has a single writer. (PostgreSQL caches per session: not done there.)
alter table events alter column seq set cache 10000;
