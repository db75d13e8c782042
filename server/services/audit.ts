/**
 * The audit log of personal data: who viewed, changed or exported which record, and when. It
 * holds references (record ids, booking references), never the data itself.
 */
import type { Queryable } from '../db/client.ts';
import type { StaffUser } from './auth.ts';

export type AuditAction =
  | 'view'
  | 'list'
  | 'change'
  | 'export'
  | 'create'
  | 'deactivate'
  | 'reset_link'
  | 'login'
  | 'login_failed'
  | 'login_locked'
  | 'logout'
  | 'delete'
  | 'anonymise'
  | 'revoke'
  | 'assign'
  | 'unassign';

/** `at` is the caller's clock (Deps.now): the log's order and retention depend on it. */
export async function audit(
  q: Queryable,
  at: Date,
  actor: Pick<StaffUser, 'id' | 'role'> | null,
  action: AuditAction,
  recordType: string,
  recordId: string | null,
  detail: Record<string, unknown> = {},
) {
  await q.query(
    `insert into audit_log (at, actor_id, actor_role, action, record_type, record_id, detail) values ($1, $2, $3, $4, $5, $6, $7)`,
    [at, actor?.id ?? null, actor?.role ?? null, action, recordType, recordId, JSON.stringify(detail)],
  );
}

export interface AuditQuery {
  actorId?: string | undefined;
  recordType?: string | undefined;
  recordId?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  limit: number;
}

export async function searchAudit(q: Queryable, f: AuditQuery) {
  const res = await q.query(
    `select id, at, actor_id, actor_role, action, record_type, record_id, detail from audit_log
      where ($1::uuid is null or actor_id = $1) and ($2::text is null or record_type = $2) and ($3::text is null or record_id = $3)
        and ($4::timestamptz is null or at >= $4) and ($5::timestamptz is null or at < $5)
      order by id desc limit $6`,
    [f.actorId ?? null, f.recordType ?? null, f.recordId ?? null, f.from ?? null, f.to ?? null, f.limit],
  );
  return res.rows;
}
