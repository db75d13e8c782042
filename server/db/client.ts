/**
 * One small interface over the two engines, so repositories and tests do not care which runs:
 * PGlite (Postgres compiled to WASM, embedded, a data directory) or a real PostgreSQL server.
 * Only PostgreSQL 15 SQL is used, the production minimum (PGlite itself is 17).
 */
import { PGlite } from '@electric-sql/pglite';
import { createHash } from 'node:crypto';
import net from 'node:net';
import pg from 'pg';

export type Engine = 'pglite' | 'postgres';

export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: T[]; rowCount: number }>;
  /** Runs a script of several statements without parameters (migrations, seeds). */
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  engine: Engine;
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Runs long reads (a report over a long history) where they hold up no other statement: on
   * PostgreSQL in a transaction on a connection of its own, off the shared pipelined one; on
   * PGlite, whose one connection a transaction would hold for all of them, as they are.
   */
  longReads<T>(fn: (q: Queryable) => Promise<T>): Promise<T>;
  /**
   * Calls `onMessage` for every NOTIFY on `channel`, from any process on the same database
   * (PostgreSQL), or from this process (PGlite, which only one process can open). Resolves with
   * a function that stops listening.
   */
  listen(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>>;
  /** PGlite only: the whole data directory as a gzipped tar (its own backup format). */
  dumpDataDir?(): Promise<Blob>;
  close(): Promise<void>;
}

// pg returns bigint/numeric as strings; our counts fit in a JS number.
pg.types.setTypeParser(20, (v) => Number(v));

/** Resolves when the database answers a query (the health check's probe). */
export async function ping(q: Queryable): Promise<void> {
  await q.query('select 1');
}

export function wrapPglite(db: PGlite): Db {
  const wrap = (q: Pick<PGlite, 'query' | 'exec'>): Queryable => ({
    query: async <T>(sql: string, params?: unknown[]) => {
      const res = await q.query<T>(sql, params as unknown[]);
      // Like pg: a SELECT counts its rows (PGlite reports affectedRows 0 for it).
      return { rows: res.rows, rowCount: res.affectedRows || res.rows.length };
    },
    exec: async (sql: string) => {
      await q.exec(sql);
    },
  });
  return {
    engine: 'pglite',
    ...wrap(db),
    // PGlite serialises transactions on its single connection, so this also serialises writers.
    transaction: (fn) => db.transaction((tx) => fn(wrap(tx))),
    longReads: (fn) => fn(wrap(db)),
    dumpDataDir: () => db.dumpDataDir('gzip'),
    listen: async (channel, onMessage) => {
      const unlisten = await db.listen(channel, onMessage);
      return async () => {
        if (!db.closed) await unlisten();
      };
    },
    close: () => db.close(),
  };
}

export async function openPglite(dataDir?: string): Promise<Db> {
  const db = dataDir ? await PGlite.create(dataDir) : await PGlite.create();
  return wrapPglite(db);
}

/**
 * A query with parameters runs as a named prepared statement: each connection parses and plans it
 * once, not on every call (most of a short query's cost on the server). The SQL texts are the
 * code's own, so the names are few; a text without parameters (migrations, several statements)
 * runs as it is.
 */
const statementNames = new Map<string, string>();
function statementName(sql: string): string {
  let name = statementNames.get(sql);
  if (!name) {
    name = `q${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`;
    statementNames.set(sql, name);
  }
  return name;
}

export async function openPostgres(url: string, options: { max?: number } = {}): Promise<Db> {
  // Pipelined, as the shared connection is: a transaction's statements that do not wait for each
  // other's answers (its `begin` and its first statement) leave together.
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, pipeline: true });
  // An idle client's error (server restart) must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  await pool.query('select 1');
  const shared = pipelinedConnection(url);
  const listener = postgresListener(url);
  const wrap = (client: Pick<pg.Client, 'query'>): Queryable => ({
    query: async (sql, params) => {
      const res = await client.query(
        params?.length ? { name: statementName(sql), text: sql, values: params as unknown[] } : sql,
      );
      return { rows: res.rows, rowCount: res.rowCount ?? 0 };
    },
    exec: async (sql) => {
      await client.query(sql);
    },
  });
  const transaction: Db['transaction'] = async (fn) => {
    const client = await pool.connect();
    try {
      // `begin` goes with the transaction's first statement instead of costing a round trip. It
      // cannot fail by itself (a constant, on a connection in no transaction; a lost connection
      // fails every statement), so no statement can run outside the transaction.
      const begun = client.query('begin');
      begun.catch(() => {});
      const result = await fn(wrap(client));
      await begun;
      await client.query('commit');
      return result;
    } catch (err) {
      await client.query('rollback').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  };
  return {
    engine: 'postgres',
    ...wrap(shared),
    // A script of several statements (migrations, seeds) takes a connection of its own.
    exec: wrap(pool).exec,
    transaction,
    longReads: transaction,
    listen: listener.listen,
    close: async () => {
      await Promise.all([shared.end(), pool.end(), listener.end()]);
    },
  };
}

/**
 * The statements outside a transaction (most reads, the one-statement writes) share one
 * connection in pipeline mode: each is sent at once, without waiting for the answers to those
 * before it, and each has its own Sync, so one statement's error touches no other. Under load,
 * many requests' statements then travel to the server in one write and come back in one, where a
 * pool connection each would cost a round trip (two system calls on each side) per statement;
 * this more than doubled the queue ticket's throughput on PostgreSQL (README "Benchmark").
 * A slow statement delays those queued behind it, which is why transactions keep their own
 * connections from the pool, and why no session state (a session lock, a setting) may be set
 * through it. A dropped connection fails its statements and is opened again for the next one.
 *
 * The statements of one turn of the event loop leave in one write: the socket (ours, handed to pg)
 * is corked at the first and uncorked once the turn's I/O callbacks have run (setImmediate). Each
 * statement would otherwise cost a system call of its own, which on this kind of machine was a
 * quarter of the portal's time under load; batching them raised booking's throughput by a fifth
 * (README "Benchmark"). The wait is at most the rest of the current turn.
 */
function pipelinedConnection(url: string): Pick<pg.Client, 'query'> & { end(): Promise<void> } {
  let current: Promise<{ client: pg.Client; sendTurnTogether(): void }> | undefined;
  let ended = false;
  const open = () => {
    if (ended) return Promise.reject(new Error('the database connection was closed'));
    const socket = new net.Socket();
    const client = new pg.Client({ connectionString: url, pipeline: true, stream: () => socket });
    let corked = false;
    const sendTurnTogether = () => {
      if (corked) return;
      corked = true;
      socket.cork();
      setImmediate(() => {
        corked = false;
        socket.uncork();
      });
    };
    const opened = client.connect().then(() => ({ client, sendTurnTogether }));
    const forget = () => {
      if (current === opened) current = undefined;
    };
    client.on('error', forget);
    client.on('end', forget);
    opened.catch(forget);
    return opened;
  };
  return {
    query: (async (config: pg.QueryConfig | string) => {
      current ??= open();
      const { client, sendTurnTogether } = await current;
      sendTurnTogether();
      return client.query(config);
    }) as pg.Client['query'],
    end: async () => {
      ended = true;
      const closing = current;
      current = undefined;
      const shared = await closing?.catch(() => undefined);
      await shared?.client.end().catch(() => {});
    },
  };
}

/**
 * LISTEN needs a connection of its own, held open: one per process for every channel, since
 * PostgreSQL wakes each listening connection on every NOTIFY, whatever its channels (a ticket's
 * NOTIFY would otherwise wake one connection per cache). When it drops (a server restart), it is
 * opened again after a pause and LISTENs to the same channels; messages sent meanwhile are lost,
 * which is why every live view also refreshes on a timer and every cache has a maximum age.
 */
function postgresListener(url: string) {
  const handlers = new Map<string, Set<(payload: string) => void>>();
  let client: Promise<pg.Client> | undefined;
  let retry: NodeJS.Timeout | undefined;
  let stopped = false;
  const reconnect = () => {
    client = undefined;
    if (stopped || retry || handlers.size === 0) return;
    retry = setTimeout(() => {
      retry = undefined;
      connected().catch(() => reconnect());
    }, 1000);
    retry.unref();
  };
  const connected = () =>
    (client ??= (async () => {
      const c = new pg.Client({ connectionString: url });
      c.on('notification', (n) => {
        for (const fn of handlers.get(n.channel) ?? []) fn(n.payload ?? '');
      });
      c.on('error', reconnect);
      c.on('end', reconnect);
      await c.connect();
      for (const channel of handlers.keys()) await c.query(`listen ${channel}`);
      return c;
    })());
  return {
    async listen(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>> {
      if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`bad channel name: ${channel}`);
      const set = handlers.get(channel) ?? new Set();
      handlers.set(channel, set);
      set.add(onMessage);
      try {
        // Resolved once this channel is listened to: a repeated LISTEN is a no-op, and statements
        // on one connection run in order, so an UNLISTEN sent before it cannot undo it.
        await (await connected()).query(`listen ${channel}`);
      } catch (err) {
        set.delete(onMessage);
        if (!set.size) handlers.delete(channel);
        client = undefined;
        throw err;
      }
      return async () => {
        set.delete(onMessage);
        if (set.size || handlers.get(channel) !== set) return;
        handlers.delete(channel);
        await (await client?.catch(() => undefined))?.query(`unlisten ${channel}`).catch(() => {});
      };
    },
    async end() {
      stopped = true;
      if (retry) clearTimeout(retry);
      const c = await client?.catch(() => undefined);
      client = undefined;
      await c?.end().catch(() => {});
    },
  };
}
