-- Survey invitations by email (docs/surveys.md, "Email"): the outbox of mails to send, one per invitation, written in
-- the transaction that marks the invitation sent; and the secret that signs the links in mails and on QR codes when
-- rapport.feedback.link-secret is not set, made once so that every node and restart agree.

create table survey_email_outbox (
    -- The invitation's token: one mail per invitation.
    invitation_id uuid primary key references survey_invitations (id) on delete cascade,
    recipient varchar(320) not null,
    -- PENDING until it was handed to the SMTP server (SENT) or every attempt failed (FAILED).
    status varchar(10) not null,
    attempts integer not null,
    -- When the sender may take it next: now for a new mail, later after a failure or while a sender holds it.
    next_attempt_at timestamp with time zone not null,
    last_error varchar(1000),
    created_at timestamp with time zone not null,
    sent_at timestamp with time zone
);

create index survey_email_outbox_due on survey_email_outbox (status, next_attempt_at);

create table survey_link_secrets (
    name varchar(20) primary key,
    secret varchar(100) not null,
    created_at timestamp with time zone not null
);
