import { STAFF_LOCALES } from './locales.ts';
export const staffStaticPaths = () => STAFF_LOCALES.map((lang) => ({ params: { lang } }));
