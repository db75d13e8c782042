/**
 * "One active assessment booking per person", where a person is a name together with a contact:
 * a family sharing one phone, or a social worker booking for several clients, differ by name and
 * are not blocked. Stored only as hashes, so the keys say nothing by themselves.
 */
import crypto from 'node:crypto';

export function normalizeName(name: string): string {
  return name.normalize('NFKC').toLocaleLowerCase('und').replace(/\s+/g, ' ').trim();
}

export function personKey(name: string, contact: string | undefined): string | null {
  if (!contact) return null;
  return crypto
    .createHash('sha256')
    .update(`${normalizeName(name)}\u0000${contact.trim().toLowerCase()}`)
    .digest('hex');
}

const REFERENCE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'; // no 0/O, 1/I/L: readable over the phone

/** A short booking reference like "K7M-4QX" (31^6 ≈ 887 million). */
export function newReference(random: (n: number) => Buffer = crypto.randomBytes): string {
  const bytes = random(6);
  const chars = [...bytes].map((b) => REFERENCE_ALPHABET[b % REFERENCE_ALPHABET.length]);
  return `${chars.slice(0, 3).join('')}-${chars.slice(3).join('')}`;
}

/** The manage link's secret: 256 random bits; only its hash is stored. */
export function newManageToken(): { token: string; hash: string } {
  const token = crypto.randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

/**
 * The initials of a name, "Aino Maria Asiakas" → "A. M. A.": what the candidates of a contact
 * lookup show of a name (src/contracts/person.ts, PersonCandidate). Null without a name.
 */
export function initialsOf(name: string | null | undefined): string | null {
  const words = (name ?? '')
    .normalize('NFC')
    .trim()
    .split(/[\s-]+/u)
    .filter(Boolean);
  if (!words.length) return null;
  return words.map((w) => `${Array.from(w)[0]!.toLocaleUpperCase()}.`).join(' ');
}
