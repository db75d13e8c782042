/** The queue's settings (content/settings/queue.json), read and checked once at start. */
import fs from 'node:fs';
import { queueSettingsSchema, type QueueSettings } from '../src/domain/queue-settings.ts';

export const QUEUE_SETTINGS_FILE = new URL('../content/settings/queue.json', import.meta.url);

export function loadQueueSettings(file: URL | string = QUEUE_SETTINGS_FILE): QueueSettings {
  return queueSettingsSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
}
