-- Staff sign-in (#17): a TOTP code is accepted once only. The last time step (30 s) used to sign
-- in is kept; a code of that step or an earlier one is refused. The secrets themselves are sealed
-- by the application (server/sealed.ts, AES-256-GCM); secrets written before that are sealed at
-- their owner's next sign-in.
alter table staff_users add column totp_last_step bigint;
