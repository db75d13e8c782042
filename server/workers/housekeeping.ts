/**
 * The housekeeping worker: every periodic job of an instance, started and stopped by main.ts.
 * JOBS is the one table of what runs, how often and under which lease. Each job has a timer of its
 * own (a slow SMTP exchange or backup holds no other job up), its first run within a few seconds of
 * the start, and a run is skipped while the job's previous one is still going.
 *
 * A job with a lease runs on one instance at a time: it takes the lease (services/leases.ts, by the
 * job's name) at the instant of the run and skips the run when another instance holds it. A lease is
 * shorter than the interval, so when its holder stops another instance takes the next run. The
 * outbox's sending takes none: it claims its messages row by row (workers/outbox.ts), so every
 * instance may send and none sends a message twice. README "Time" says what a clock skew does.
 */
import path from 'node:path';
import type { Config } from '../config.ts';
import type { Deps } from '../context.ts';
import { backupIfDue } from '../db/backup.ts';
import { purgeSinks, type Transports } from '../messages/transports.ts';
import { purgeExpired } from '../services/auth.ts';
import { INSTANCE_ID, tryLease } from '../services/leases.ts';
import { closeQueues } from '../services/queue-closing.ts';
import { sweepPhones, tellNearTurns } from '../services/queue-sms.ts';
import { enforceRetention } from '../services/retention.ts';
import { erasureJournalDir, journalKeepDays, pruneErasureJournal } from '../erasure-journal.ts';
import { retentionSchedule } from '../../src/domain/retention-schedule.ts';
import { processOutbox } from './outbox.ts';
import { scheduleReminders } from '../services/booking-lifecycle.ts';
import { housekeepHolds } from '../services/holds.ts';
import { releaseLapsedEnrolments } from '../services/enrolments.ts';

export type HousekeepingDeps = Pick<Deps, 'config' | 'db' | 'log' | 'now' | 'queue'> & { transports: Transports };

interface Job {
  /** Milliseconds between runs. */
  everyMs: (config: Config) => number;
  /** The lease a run takes first (milliseconds), or null: the job needs none. */
  leaseMs: number | null;
  /** Whether this instance runs the job at all (all do unless said). */
  enabled?: (deps: HousekeepingDeps) => boolean;
  run: (deps: HousekeepingDeps, now: Date) => Promise<unknown>;
}

const MINUTE = 60_000;
/** Messages claimed at once, and batches at most per run of the outbox job. */
const OUTBOX_BATCH = 20;
const OUTBOX_BATCHES = 10;

/** MESSAGE_WORKER_INTERVAL_MS, 5 s by default. */
const messageInterval = (config: Config) => config.MESSAGE_WORKER_INTERVAL_MS;

export const JOBS = {
  /** Booking reminders into the outbox, REMINDER_HOURS_BEFORE ahead. */
  reminders: {
    everyMs: messageInterval,
    leaseMs: 4_000,
    run: (d, now) => scheduleReminders(d.db, now, d.config.REMINDER_HOURS_BEFORE),
  },
  /** Sending the outbox's messages: no lease, each message is claimed for CLAIM_MS (5 min). */
  outbox: {
    everyMs: messageInterval,
    leaseMs: null,
    run: async (d) => {
      const deps = {
        db: d.db,
        log: d.log,
        transports: d.transports,
        baseUrl: d.config.PUBLIC_BASE_URL,
        from: d.config.MAIL_FROM,
        now: d.now,
        smsDailyCap: d.config.SMS_DAILY_CAP,
      };
      // A burst (a hundred bookings in a minute) drains in batches of OUTBOX_BATCH, up to
      // OUTBOX_BATCHES a run, not one batch per interval: confirmations do not lag minutes behind.
      const total = { sent: 0, failed: 0 };
      for (let batch = 0; batch < OUTBOX_BATCHES; batch++) {
        const { sent, failed } = await processOutbox(deps, OUTBOX_BATCH);
        total.sent += sent;
        total.failed += failed;
        if (sent + failed < OUTBOX_BATCH) break;
      }
      return total;
    },
  },
  /** Text messages for followed queue tickets whose turn nears (services/queue-sms.ts), and the sweep of closed tickets' numbers. */
  'queue-sms': {
    everyMs: messageInterval,
    leaseMs: 4_000,
    run: async (d, now) => {
      await tellNearTurns(d.db, d.queue, now);
      await sweepPhones(d.db);
    },
  },
  /** Unconfirmed holds past their deadline marked expired (already free in the free times; a freed course seat goes to the next waiting), old trust forgotten (services/holds.ts, services/enrolments.ts). */
  holds: {
    everyMs: () => MINUTE,
    leaseMs: 50_000,
    run: async (d, now) => {
      await housekeepHolds(d.db, now);
      await releaseLapsedEnrolments(d.db, now);
    },
  },
  /** Expired security data (rate-limit counters, sessions, password links). */
  purge: { everyMs: () => MINUTE, leaseMs: 50_000, run: (d, now) => purgeExpired(d.db, now) },
  /** Closing what a day left open in the queue. */
  'close-queues': { everyMs: () => MINUTE, leaseMs: 50_000, run: (d, now) => closeQueues(d.db, d.queue, now) },
  /** The retention schedule (content/settings/retention.json), statistics folded first. */
  retention: {
    everyMs: () => MINUTE,
    leaseMs: 50_000,
    run: (d, now) => enforceRetention(d.db, retentionSchedule, now),
  },
  /** The development message sinks (DATA_DIR/mail-sink, sms-sink.jsonl): messages older than SINK_KEEP_HOURS go. Files of this instance: no lease. */
  sinks: {
    everyMs: () => 10 * MINUTE,
    leaseMs: null,
    run: async (d, now) => {
      const purged = purgeSinks(path.resolve(d.config.DATA_DIR), now, d.config.SINK_KEEP_HOURS * 3_600_000);
      if (purged.mail || purged.sms) d.log.info('message sinks purged', purged);
    },
  },
  /**
   * The erasure journal's month files that no kept backup can need any more (journalKeepDays). No
   * lease: removing a file that is gone already is harmless, and a file is never rewritten.
   */
  'erasure-journal': {
    everyMs: () => 60 * MINUTE,
    leaseMs: null,
    run: async (d, now) => {
      const pruned = pruneErasureJournal(erasureJournalDir(d.config), now, journalKeepDays(d.config));
      if (pruned.length) d.log.info('erasure journal: expired months removed', { files: pruned });
    },
  },
  /** Embedded mode: a backup into DATA_DIR/backups when the newest is BACKUP_INTERVAL_HOURS old. */
  backup: {
    everyMs: () => 5 * MINUTE,
    leaseMs: 4 * MINUTE,
    enabled: (d) => d.db.engine === 'pglite' && d.config.BACKUP_INTERVAL_HOURS > 0,
    run: async (d, now) => {
      const file = await backupIfDue(d.db, path.resolve(d.config.DATA_DIR, 'backups'), {
        intervalHours: d.config.BACKUP_INTERVAL_HOURS,
        keep: d.config.BACKUP_KEEP,
        now,
      });
      if (file) d.log.info('automatic backup written', { file });
    },
  },
} satisfies Record<string, Job>;

export type JobName = keyof typeof JOBS;

/** A job's first run comes this long after the start at most (the server starts serving first). */
const FIRST_RUN_MS = 5_000;
/** Runs a job once, now, when its lease (if it has one) is free or already `holder`'s; says whether it ran. */
export async function runJob(deps: HousekeepingDeps, name: JobName, holder = INSTANCE_ID): Promise<boolean> {
  const job: Job = JOBS[name];
  const now = deps.now();
  if (job.leaseMs !== null && !(await tryLease(deps.db, name, now, job.leaseMs, holder))) return false;
  await job.run(deps, now);
  return true;
}

/** Starts every enabled job on its timer. The returned stop clears the timers and waits for the runs in progress. */
export function startHousekeeping(deps: HousekeepingDeps): () => Promise<void> {
  const timers: ReturnType<typeof setTimeout>[] = [];
  const running = new Map<JobName, Promise<void>>();
  for (const [name, job] of Object.entries(JOBS) as [JobName, Job][]) {
    if (job.enabled && !job.enabled(deps)) continue;
    const tick = () => {
      if (running.has(name)) return;
      const run = runJob(deps, name)
        .then(
          () => undefined,
          (err: Error) => deps.log.error('housekeeping job failed', { job: name, error: err.message }),
        )
        .finally(() => running.delete(name));
      running.set(name, run);
    };
    const everyMs = job.everyMs(deps.config);
    timers.push(setTimeout(tick, Math.min(everyMs, FIRST_RUN_MS)), setInterval(tick, everyMs));
  }
  for (const timer of timers) timer.unref();
  return async () => {
    // clearTimeout clears an interval too.
    for (const timer of timers) clearTimeout(timer);
    await Promise.all(running.values());
  };
}
