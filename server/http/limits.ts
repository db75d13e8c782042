/**
 * The limits of the public writes at the edge: who is counted (a paired kiosk by its key, anyone
 * else by their address, IPv6 per /64) and against which budget (server/domain/limits.ts, read
 * once at start into `config.limits`). The counting and the 429 are in services/rate-limit.ts.
 */
import type { Context } from 'hono';
import type { AppEnv } from '../context.ts';
import { invalidField } from '../domain/errors.ts';
import { callingCode, limitKey, type PublicWrite } from '../domain/limits.ts';
import { kioskForKey } from '../services/kiosks.ts';
import { spendBudget } from '../services/rate-limit.ts';
import { clientIp } from './client-ip.ts';

/** Counts one public write of this kind for its sender; 429 `limit_reached` over the budget. */
export async function limitPublicWrite<E extends AppEnv>(c: Context<E>, write: PublicWrite): Promise<void> {
  const { db, config, now } = c.get('deps');
  const kioskBudget = config.limits.kiosk[write];
  // Only writes a kiosk makes look for its key; a missing, unknown or revoked key is no kiosk.
  const kiosk = kioskBudget ? await kioskForKey(db, c.req.header('x-kiosk-key')) : undefined;
  if (kiosk && kioskBudget) return spendBudget(db, `${write}:kiosk`, kiosk, kioskBudget, now());
  return spendBudget(db, write, limitKey(clientIp(c, config.TRUST_PROXY)), config.limits.address[write], now());
}

/**
 * A phone number SMS would go to must have one of `SMS_COUNTRY_CODES` (Finland by default):
 * anything else is refused here, at the form, with a field error in the person's language.
 */
export function refuseForeignPhone<E extends AppEnv>(c: Context<E>, phone: string | undefined): void {
  if (!phone) return;
  const codes: readonly string[] = c.get('deps').config.sms.countryCodes;
  const code = callingCode(phone);
  if (!code || !codes.includes(code))
    throw invalidField('phone', {
      code: 'phone_country',
      key: 'errors.field.phoneCountry',
      params: { codes: codes.map((x) => `+${x}`).join(', ') },
    });
}
