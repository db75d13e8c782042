// @ts-check
import { defineConfig } from 'astro/config';
import node from '@astrojs/node';
import { LOCALE_CODES, DEFAULT_LOCALE } from './src/i18n/locales.ts';

export default defineConfig({
  site: process.env.PUBLIC_BASE_URL ?? 'http://localhost:4321',
  // Static by default; a page that must be rendered per request sets `prerender = false` and is
  // served by the adapter's handler, mounted inside the Hono server (server/app.ts).
  output: 'static',
  adapter: node({ mode: 'middleware' }),
  trailingSlash: 'always',
  i18n: {
    locales: [...LOCALE_CODES],
    defaultLocale: DEFAULT_LOCALE,
    // `/` is the language chooser, so every locale, the default too, lives under its own prefix.
    routing: { prefixDefaultLocale: true, redirectToDefaultLocale: false },
  },
  build: {
    // The CSP forbids inline styles and scripts: every stylesheet and script is a file.
    inlineStylesheets: 'never',
  },
  devToolbar: { enabled: false },
  vite: {
    build: { assetsInlineLimit: 0 },
  },
});
