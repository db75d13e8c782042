/**
 * Data the kiosk and the display pages hand to their islands, which, unlike every other island,
 * show all languages: each locale's queue strings, and the service point from the settings.
 */
import { LOCALES, SERVICE_LOCALES } from '../i18n/locales.ts';
import { queueSettingsSchema } from '../domain/queue-settings.ts';
import rawSettings from '../../content/settings/queue.json';

const files = import.meta.glob<Record<string, string>>('../../locales/*/common.json', {
  eager: true,
  import: 'default',
});

export function allLocaleStrings(prefixes: string[]): Record<string, Record<string, string>> {
  return Object.fromEntries(
    LOCALES.map((l) => {
      const messages = files[`../../locales/${l.code}/common.json`] ?? {};
      return [
        l.code,
        Object.fromEntries(Object.entries(messages).filter(([k]) => prefixes.some((p) => k.startsWith(p)))),
      ];
    }),
  );
}

/** The kiosk's languages also set the ticket's language, so a variant (Easy Finnish) is not among them. */
export const kioskLocales = LOCALES.filter((l) => SERVICE_LOCALES.includes(l.code)).map((l) => ({
  code: l.code,
  name: l.nativeName,
  dir: l.dir,
}));

export const queueSettings = queueSettingsSchema.parse(rawSettings);

export function servicePointPaths() {
  return queueSettings.servicePoints.map((point) => ({ params: { point: point.id }, props: { point } }));
}
