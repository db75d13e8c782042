/** The benchmark's bare baseline: a Hono "hello" on Node in a process of its own, as the portal runs (PORT). */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const app = new Hono().get('/', (c) => c.text('hello'));
serve({ fetch: app.fetch, hostname: '127.0.0.1', port: Number(process.env.PORT) });
