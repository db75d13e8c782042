/** The server the browser tests use: the production build on a fresh embedded database with demo content. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { start } from '../../server/main.ts';
import { E2E_PORT } from './env.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ihl-e2e-'));
process.on('exit', () => fs.rmSync(dataDir, { recursive: true, force: true }));
await start({ ...process.env, PORT: String(E2E_PORT), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', DEMO_CONTENT: 'auto', NODE_ENV: 'development' });
