import { createRequire } from 'node:module';

/** The part of better-sqlite3 used here (it ships no types; typeorm loads the same module for the bot). */
interface SqliteDb {
  pragma(sql: string, opts?: { simple: boolean }): unknown;
  prepare(sql: string): { run(...args: unknown[]): unknown; get(...args: unknown[]): unknown; all(...args: unknown[]): unknown[] };
  close(): void;
}
const Database = createRequire(import.meta.url)('better-sqlite3') as new (file: string, opts?: { readonly?: boolean; fileMustExist?: boolean }) => SqliteDb;

/** Tables whose rows a backup's summary counts. */
export type CountedTable = 'hazard' | 'hazard_event';

/**
 * A SQLite file opened directly (a backup being checked, or the live file being copied), without TypeORM: the
 * file may not be a bot database at all, and a DataSource would try to migrate it. Raw SQL, as there are no
 * entities to speak of until the file is known to be one.
 */
export class SqliteFile {
  private readonly db: SqliteDb;

  constructor(file: string, opts: { readonly?: boolean } = {}) {
    this.db = new Database(file, { fileMustExist: true, ...(opts.readonly ? { readonly: true } : {}) });
  }

  pragma(sql: string, opts?: { simple: boolean }): unknown {
    return this.db.pragma(sql, opts);
  }

  /** A consistent copy of the whole database at `dest` (one read transaction; WAL writers are not blocked). */
  vacuumInto(dest: string): void {
    this.db.prepare('VACUUM INTO ?').run(dest);
  }

  tables(): Set<string> {
    return new Set((this.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map((r) => r.name));
  }

  /** Names of the applied migrations, oldest first (TypeORM's own bookkeeping table). */
  migrations(): string[] {
    return (this.db.prepare(`SELECT name FROM migrations ORDER BY timestamp`).all() as { name: string }[]).map((r) => r.name);
  }

  count(table: CountedTable): number {
    const sql = table === 'hazard' ? `SELECT COUNT(*) AS n FROM hazard` : `SELECT COUNT(*) AS n FROM hazard_event`;
    return Number((this.db.prepare(sql).get() as { n: number }).n);
  }

  close(): void {
    this.db.close();
  }
}
