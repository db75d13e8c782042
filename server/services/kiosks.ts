/**
 * Walk-in kiosks paired by a coordinator. Pairing makes a key shown once (only its SHA-256 is
 * stored); the kiosk keeps it in its browser and sends it as `X-Kiosk-Key`, and its queue writes
 * then count on the kiosk budget (server/domain/limits.ts `KIOSK_LIMITS`) instead of its address's.
 * An unknown or revoked key is simply no kiosk: the normal per-address budget applies.
 */
import crypto from 'node:crypto';
import type { Db, Queryable } from '../db/client.ts';
import { DomainError } from '../domain/errors.ts';
import { audit } from './audit.ts';
import type { StaffUser } from './auth.ts';

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
const KEY = /^ihlk_[A-Za-z0-9_-]{43}$/;

export async function createKioskKey(db: Db, user: StaffUser, label: string, now: Date) {
  const key = `ihlk_${crypto.randomBytes(32).toString('base64url')}`;
  return db.transaction(async (tx) => {
    const res = await tx.query<{ id: string }>(
      'insert into kiosk_keys (label, key_hash, created_at, created_by) values ($1, $2, $3, $4) returning id',
      [label, sha256(key), now, user.id],
    );
    await audit(tx, now, user, 'create', 'kiosk_key', res.rows[0]!.id);
    return { id: res.rows[0]!.id, label, key };
  });
}

export async function listKioskKeys(q: Queryable) {
  return (
    await q.query<{ id: string; label: string; created_at: Date; revoked_at: Date | null }>(
      'select id, label, created_at, revoked_at from kiosk_keys order by created_at',
    )
  ).rows;
}

export async function revokeKioskKey(db: Db, user: StaffUser, id: string, now: Date) {
  if (!/^[0-9a-f-]{36}$/.test(id)) throw new DomainError('not_found');
  await db.transaction(async (tx) => {
    const res = await tx.query('update kiosk_keys set revoked_at = $2 where id = $1 and revoked_at is null', [id, now]);
    if (!res.rowCount) throw new DomainError('not_found');
    await audit(tx, now, user, 'revoke', 'kiosk_key', id);
  });
}

/** The paired kiosk a key belongs to, or undefined for none, unknown or revoked. */
export async function kioskForKey(q: Queryable, key: string | undefined): Promise<string | undefined> {
  if (!key || !KEY.test(key)) return undefined;
  const res = await q.query<{ id: string }>('select id from kiosk_keys where key_hash = $1 and revoked_at is null', [
    sha256(key),
  ]);
  return res.rows[0]?.id;
}
