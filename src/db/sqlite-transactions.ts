import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, QueryRunner } from 'typeorm';

/**
 * better-sqlite3 is one connection, and TypeORM hands the same query runner to every caller. Two transactions
 * that overlap in time therefore run as one: the second BEGIN fails ("cannot start a transaction within a
 * transaction"), or becomes a savepoint inside the first and is committed or rolled back with it; and any other
 * statement issued meanwhile (an ack's insert, a sender's update) joins whichever transaction is open. So on
 * SQLite a transaction takes the connection for itself: transactions run one at a time, and statements from
 * outside the open transaction wait until it ends.
 */
export function makeSqliteTransactionsExclusive(ds: DataSource): void {
  const owner = new AsyncLocalStorage<symbol>();
  let active: symbol | null = null;
  let ended: Promise<void> = Promise.resolve();

  const runner: QueryRunner = ds.createQueryRunner(); // the shared runner (BetterSqlite3Driver keeps one)
  const query = runner.query.bind(runner);
  runner.query = (async (...args: Parameters<QueryRunner['query']>) => {
    while (active && owner.getStore() !== active) await ended;
    return query(...args);
  }) as QueryRunner['query'];

  const transaction = ds.manager.transaction.bind(ds.manager) as (...args: unknown[]) => Promise<unknown>;
  ds.manager.transaction = (async (...args: unknown[]) => {
    while (active) await ended;
    const token = Symbol('sqlite transaction');
    active = token;
    let release!: () => void;
    ended = new Promise<void>((r) => (release = r));
    try {
      return await owner.run(token, () => transaction(...args));
    } finally {
      active = null;
      release();
    }
  }) as DataSource['manager']['transaction'];
}
