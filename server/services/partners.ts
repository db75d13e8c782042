/**
 * Partner organisations and their systems' API keys. A key is shown once, when it is made; only
 * its SHA-256 is stored, with a short prefix so people can tell keys apart. Revoked keys stop
 * working at once. Admins manage them; every change is audited.
 */
import crypto from 'node:crypto';
import type { Db, Queryable } from '../db/client.ts';
import { DomainError } from '../domain/errors.ts';
import { audit } from './audit.ts';
import type { StaffUser } from './auth.ts';

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

export interface Partner {
  id: string;
  name: string;
  org_kind: string;
}

export async function createPartner(db: Db, user: StaffUser, input: { name: string; orgKind: string }, now: Date) {
  return db.transaction(async (tx) => {
    const res = await tx.query<Partner>(
      'insert into partners (name, org_kind, created_at) values ($1, $2, $3) returning id, name, org_kind',
      [input.name, input.orgKind, now],
    );
    await audit(tx, now, user, 'create', 'partner', res.rows[0]!.id);
    return res.rows[0]!;
  });
}

export async function listPartners(q: Queryable) {
  const partners = (
    await q.query<Partner & { created_at: Date }>('select id, name, org_kind, created_at from partners order by name')
  ).rows;
  const keys = (
    await q.query<{
      id: string;
      partner_id: string;
      prefix: string;
      created_at: Date;
      revoked_at: Date | null;
      last_used_at: Date | null;
    }>('select id, partner_id, prefix, created_at, revoked_at, last_used_at from partner_api_keys order by created_at')
  ).rows;
  return partners.map((p) => ({ ...p, keys: keys.filter((k) => k.partner_id === p.id) }));
}

/** Makes a key for a partner and returns it: the only time anyone sees it. */
export async function createApiKey(
  db: Db,
  user: StaffUser,
  partnerId: string,
  now: Date,
): Promise<{ id: string; key: string; prefix: string }> {
  if (!/^[0-9a-f-]{36}$/.test(partnerId)) throw new DomainError('not_found');
  const secret = crypto.randomBytes(32).toString('base64url');
  const key = `ihlp_${secret}`;
  const prefix = key.slice(0, 12);
  return db.transaction(async (tx) => {
    const partner = (await tx.query('select 1 from partners where id = $1', [partnerId])).rowCount;
    if (!partner) throw new DomainError('not_found');
    const res = await tx.query<{ id: string }>(
      'insert into partner_api_keys (partner_id, prefix, key_hash, created_by, created_at) values ($1, $2, $3, $4, $5) returning id',
      [partnerId, prefix, sha256(key), user.id, now],
    );
    await audit(tx, now, user, 'create', 'partner_api_key', res.rows[0]!.id, { partnerId });
    return { id: res.rows[0]!.id, key, prefix };
  });
}

export async function revokeApiKey(db: Db, user: StaffUser, keyId: string, now: Date) {
  if (!/^[0-9a-f-]{36}$/.test(keyId)) throw new DomainError('not_found');
  await db.transaction(async (tx) => {
    const res = await tx.query('update partner_api_keys set revoked_at = $2 where id = $1 and revoked_at is null', [
      keyId,
      now,
    ]);
    if (!res.rowCount) throw new DomainError('not_found');
    await audit(tx, now, user, 'revoke', 'partner_api_key', keyId);
  });
}

/** The partner a request's `Authorization: Bearer …` key belongs to; 401 for none, unknown or revoked. */
export async function partnerForKey(
  db: Db,
  authorization: string | undefined,
  now: Date,
): Promise<Partner & { keyId: string }> {
  const key = /^Bearer\s+(ihlp_[A-Za-z0-9_-]{43})$/.exec(authorization ?? '')?.[1];
  const row = key
    ? (
        await db.query<Partner & { key_id: string }>(
          `select p.id, p.name, p.org_kind, k.id as key_id from partner_api_keys k join partners p on p.id = k.partner_id
          where k.key_hash = $1 and k.revoked_at is null`,
          [sha256(key)],
        )
      ).rows[0]
    : undefined;
  // One answer for a missing, unknown or revoked key: nothing to learn by trying.
  if (!row) throw new DomainError('invalid_api_key');
  await db.query('update partner_api_keys set last_used_at = $2 where id = $1', [row.key_id, now]);
  return { id: row.id, name: row.name, org_kind: row.org_kind, keyId: row.key_id };
}
