import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import type { AppEnv } from '../context.ts';
import { parseWalkInSchedule, walkInData } from '../../src/domain/walk-in-data.ts';
import type { WalkInSchedule } from '../../src/domain/walk-in.ts';

const FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'content', 'settings', 'walk-in.json');

/** Read at start-up and validated; the workspace issue replaces the file with a staff editor. */
export function loadWalkInSchedule(file = FILE): WalkInSchedule {
  return parseWalkInSchedule(JSON.parse(fs.readFileSync(file, 'utf8')));
}

/** The schedule with this and next year's holidays; the island computes "open now" from it. */
export function walkInRoutes(schedule: WalkInSchedule = loadWalkInSchedule()) {
  return new Hono<AppEnv>().get('/', (c) => {
    c.header('Cache-Control', 'public, max-age=60');
    return c.json(walkInData(schedule, c.var.deps.now()));
  });
}
