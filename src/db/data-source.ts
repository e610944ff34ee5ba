import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { makeSqliteTransactionsExclusive } from './sqlite-transactions';
import { bindSqliteNumbers } from './sqlite-parameters';

export type Dialect = 'sqlite' | 'mysql';

export function dialectOf(url: string): Dialect {
  return url.startsWith('mysql://') ? 'mysql' : 'sqlite';
}

export function dataSourceOptions(url: string): DataSourceOptions {
  const common = { entities: ENTITIES, migrations: MIGRATIONS, synchronize: false, logging: false } as const;
  if (dialectOf(url) === 'mysql') {
    return {
      ...common,
      type: 'mysql',
      url,
      charset: 'utf8mb4_unicode_ci',
      timezone: 'Z',
      supportBigNumbers: true,
      bigNumberStrings: false,
      poolSize: 20,
      connectTimeout: 5000,
      extra: { connectionLimit: 20, enableKeepAlive: true },
    } as DataSourceOptions;
  }
  const file = url.slice('sqlite:'.length);
  const database = file === ':memory:' ? file : resolve(file);
  if (database !== ':memory:') mkdirSync(dirname(database), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database,
    // With numbers bound (sqlite-parameters.ts) the bot's statements repeat; keep all of them prepared.
    statementCacheSize: 1000,
    // WAL lets the HTTP ack path write while a scheduler reads; busy_timeout absorbs a second process.
    prepareDatabase: (db: any) => {
      db.pragma('journal_mode = WAL');
      db.pragma('busy_timeout = 5000');
      db.pragma('synchronous = NORMAL');
      // A checkpoint runs inside whichever commit passes the threshold and stalls that thread (and the other one's
      // writes) for its fsync: at the default 1,000 pages it came every ~40 reports at 100 reports/s (35 commits over
      // 5 ms in 1,300 reports; 8 at 4,000 pages, which copy each hot index page once instead of four times). The WAL
      // file grows to ~16 MB between checkpoints; the wal-index beside it stays a few dozen KB.
      db.pragma('wal_autocheckpoint = 4000');
      db.pragma('foreign_keys = ON');
    },
  } as DataSourceOptions;
}

/** Opens the database and applies pending migrations (under a lock on MySQL, so two instances can start together). */
export async function openDataSource(url: string, opts: { migrate?: boolean } = {}): Promise<DataSource> {
  const ds = new DataSource(dataSourceOptions(url));
  await ds.initialize();
  if (dialectOf(url) === 'sqlite') {
    makeSqliteTransactionsExclusive(ds);
    bindSqliteNumbers(ds);
  }
  if (opts.migrate !== false) await migrate(ds);
  return ds;
}

export async function migrate(ds: DataSource): Promise<string[]> {
  if (dialectOf(String((ds.options as any).url ?? '')) !== 'mysql') {
    const done = await ds.runMigrations({ transaction: 'each' });
    return done.map((m) => m.name);
  }
  const qr = ds.createQueryRunner();
  await qr.connect();
  try {
    await qr.query(`SELECT GET_LOCK('campus_safety_migrate', 60)`);
    const done = await ds.runMigrations({ transaction: 'none' });
    return done.map((m) => m.name);
  } finally {
    await qr.query(`SELECT RELEASE_LOCK('campus_safety_migrate')`).catch(() => undefined);
    await qr.release();
  }
}

export function dialect(ds: DataSource): Dialect {
  return ds.options.type === 'mysql' ? 'mysql' : 'sqlite';
}
