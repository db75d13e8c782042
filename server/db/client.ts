/**
 * One small interface over the two engines, so repositories and tests do not care which runs:
 * PGlite (Postgres compiled to WASM, embedded, a data directory) or a real PostgreSQL server.
 * Only PostgreSQL 15 SQL is used, the production minimum (PGlite itself is 17).
 */
import { PGlite } from '@electric-sql/pglite';
import { createHash } from 'node:crypto';
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
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10 });
  // An idle client's error (server restart) must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  await pool.query('select 1');
  const wrap = (client: pg.Pool | pg.PoolClient): Queryable => ({
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
  return {
    engine: 'postgres',
    ...wrap(pool),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await fn(wrap(client));
        await client.query('commit');
        return result;
      } catch (err) {
        await client.query('rollback').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    listen: (channel, onMessage) => listenPostgres(url, channel, onMessage),
    close: () => pool.end(),
  };
}

/**
 * LISTEN needs a connection of its own, held open. When it drops (a server restart), it is
 * opened again after a pause; messages sent meanwhile are lost, which is why every live view also
 * refreshes on a timer.
 */
async function listenPostgres(
  url: string,
  channel: string,
  onMessage: (payload: string) => void,
): Promise<() => Promise<void>> {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`bad channel name: ${channel}`);
  let client: pg.Client | undefined;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  const connect = async () => {
    const c = new pg.Client({ connectionString: url });
    c.on('notification', (n) => {
      if (n.channel === channel) onMessage(n.payload ?? '');
    });
    c.on('error', () => {
      reconnect();
    });
    c.on('end', () => {
      reconnect();
    });
    await c.connect();
    await c.query(`listen ${channel}`);
    client = c;
  };
  const reconnect = () => {
    if (stopped || retry) return;
    client = undefined;
    retry = setTimeout(() => {
      retry = undefined;
      connect().catch(() => reconnect());
    }, 1000);
    retry.unref();
  };
  await connect();
  return async () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    await client?.end().catch(() => {});
  };
}
