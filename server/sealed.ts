/**
 * Secrets sealed at rest with AES-256-GCM (node:crypto), under keys from the environment
 * (README "Security", rotation there too). A sealed value reads
 * `sealed:<key id>:<iv>:<tag>:<ciphertext>` (base64url), so a value names the key it needs and
 * several keys can be held while one is retired.
 *
 * The keys, one per purpose so that each can be rotated (and leaked) alone: `TOTP_ENCRYPTION_KEY`
 * (staff second-factor secrets) and `DATA_ENCRYPTION_KEY` (manage tokens waiting in the outbox),
 * each `id:base64-of-32-bytes`, comma-separated; the first encrypts, every one decrypts. Required
 * in production (config.ts refuses to start without them); elsewhere a fixed test key, which
 * protects nothing.
 */
import crypto from 'node:crypto';

export type KeyPurpose = 'TOTP_ENCRYPTION_KEY' | 'DATA_ENCRYPTION_KEY';

/** Keys as KeyObjects: node:crypto then skips importing raw bytes on every use (about 3× faster a seal, 7× an HMAC). */
interface Keyring {
  current: { id: string; key: crypto.KeyObject };
  all: Map<string, crypto.KeyObject>;
}

export class KeyError extends Error {}

/** `id:base64,id:base64`: the first one encrypts. */
export function parseKeyring(text: string): Keyring {
  const all = new Map<string, crypto.KeyObject>();
  let current: Keyring['current'] | undefined;
  for (const part of text.split(',').map((p) => p.trim())) {
    const m = /^([A-Za-z0-9_-]{1,16}):([A-Za-z0-9+/_-]+={0,2})$/.exec(part);
    const key = m ? Buffer.from(m[2]!, 'base64') : undefined;
    if (!m || !key || key.length !== 32)
      throw new KeyError('each key must be id:base64 of 32 random bytes (openssl rand -base64 32)');
    if (all.has(m[1]!)) throw new KeyError(`key id "${m[1]}" is given twice`);
    const keyObject = crypto.createSecretKey(key);
    all.set(m[1]!, keyObject);
    current ??= { id: m[1]!, key: keyObject };
  }
  if (!current) throw new KeyError('no key given');
  return { current, all };
}

/** Outside production, without a key set: a fixed key known to everyone (tests, demos). */
const TEST_KEY = `test:${Buffer.alloc(32, 7).toString('base64')}`;
const rings = new Map<KeyPurpose, Keyring>();

function keyring(purpose: KeyPurpose): Keyring {
  let ring = rings.get(purpose);
  if (!ring) {
    const text = process.env[purpose];
    if (!text && process.env.NODE_ENV === 'production') throw new KeyError(`${purpose} is required in production`);
    ring = parseKeyring(text || TEST_KEY);
    rings.set(purpose, ring);
  }
  return ring;
}

export const isSealed = (value: string) => value.startsWith('sealed:');

export function seal(purpose: KeyPurpose, plain: string): string {
  const { id, key } = keyring(purpose).current;
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
  // The purpose is authenticated too: a TOTP secret cannot be passed off as a message body.
  cipher.setAAD(Buffer.from(purpose));
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  const b = (x: Buffer) => x.toString('base64url');
  return `sealed:${id}:${b(iv)}:${b(cipher.getAuthTag())}:${b(data)}`;
}

/** The plain text of a sealed value; a value that is not sealed (written before sealing) as it is. */
export function unseal(purpose: KeyPurpose, value: string): string {
  if (!isSealed(value)) return value;
  const [, id = '', iv = '', tag = '', data = ''] = value.split(':');
  const key = keyring(purpose).all.get(id);
  if (!key) throw new KeyError(`${purpose} does not hold the key "${id}" this value was sealed with`);
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(purpose));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
}

/** Whether a value should be sealed again: not sealed yet, or under a key that is no longer the first. */
export const needsReseal = (purpose: KeyPurpose, value: string) =>
  !isSealed(value) || value.split(':')[1] !== keyring(purpose).current.id;

/**
 * A keyed hash (HMAC-SHA256) of a value under each key of the purpose's ring, the current key's
 * first: store the first, look up by any (a rotated key keeps finding what its predecessor wrote
 * until that key leaves the ring). For values that must be recognised but never read back.
 */
export function keyedHashes(purpose: KeyPurpose, label: string, value: string): string[] {
  const ring = keyring(purpose);
  const keys = [ring.current.key, ...[...ring.all.values()].filter((k) => k !== ring.current.key)];
  return keys.map((key) => crypto.createHmac('sha256', key).update(`${label}\u0000${value}`).digest('hex'));
}
