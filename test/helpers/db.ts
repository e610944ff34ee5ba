import { afterAll, beforeAll } from 'vitest';
import type { DataSource } from 'typeorm';
import { openDataSource } from '../../src/db/data-source';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';

export interface DbTarget {
  name: 'sqlite' | 'mysql';
  /** Creates a fresh, empty database and returns its DATABASE_URL. */
  create(): Promise<string>;
  drop(url: string): Promise<void>;
}

const MYSQL_URL = process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test';

async function mysqlReachable(): Promise<string | null> {
  try {
    const c = await createConnection({ uri: MYSQL_URL, connectTimeout: 2000 });
    await c.end();
    return null;
  } catch (err: any) {
    return `${err?.code ?? err?.message}`;
  }
}

const sqlite: DbTarget = {
  name: 'sqlite',
  async create() {
    const dir = mkdtempSync(join(tmpdir(), 'csb-test-'));
    return `sqlite:${join(dir, 'bot.sqlite')}`;
  },
  async drop(url) {
    rmSync(url.slice('sqlite:'.length).replace(/\/bot\.sqlite$/, ''), { recursive: true, force: true });
  },
};

const mysql: DbTarget = {
  name: 'mysql',
  async create() {
    // One database per test file, so files can run in parallel against one server.
    const name = `csb_${randomBytes(5).toString('hex')}`;
    const c = await createConnection({ uri: MYSQL_URL });
    await c.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await c.end();
    const u = new URL(MYSQL_URL);
    u.pathname = `/${name}`;
    return u.toString();
  },
  async drop(url) {
    const name = new URL(url).pathname.slice(1);
    const c = await createConnection({ uri: MYSQL_URL });
    await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await c.end();
  },
};

/**
 * SQLite always; MariaDB/MySQL when reachable. With REQUIRE_MYSQL=1 an unreachable server is a failure,
 * otherwise its tests are skipped with the reason printed.
 */
export async function dbTargets(): Promise<DbTarget[]> {
  const problem = await mysqlReachable();
  if (!problem) return [sqlite, mysql];
  if (process.env.REQUIRE_MYSQL === '1') throw new Error(`REQUIRE_MYSQL=1 but MySQL at ${MYSQL_URL} is unreachable: ${problem}`);
  console.warn(`[skip] MySQL tests skipped: ${MYSQL_URL} unreachable (${problem}); set TEST_MYSQL_URL or start MariaDB`);
  return [sqlite];
}

/**
 * A fresh, migrated database for the enclosing describe block: created before its tests, destroyed and dropped after.
 * `onOpen` receives the DataSource (`let ds: DataSource; withMigratedDb(target, (d) => (ds = d));`).
 */
export function withMigratedDb(target: DbTarget, onOpen: (ds: DataSource) => void | Promise<void>): void {
  let url = '';
  let ds: DataSource | undefined;
  beforeAll(async () => {
    url = await target.create();
    ds = await openDataSource(url);
    await onOpen(ds);
  }, 60_000);
  afterAll(async () => {
    await ds?.destroy();
    if (url) await target.drop(url);
  });
}
