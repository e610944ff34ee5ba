import { DataSource, type EntityManager, type EntitySchema, type EntityTarget, type ObjectLiteral, type Repository, type SelectQueryBuilder } from 'typeorm';

/**
 * The one base every repository room builds on. A room is a small class per aggregate, constructed with the caller's
 * `Db` (the DataSource, or the EntityManager of a running transaction, so its statements join that transaction):
 * `hazards(tx).claim(...)`. Reads return entities (the entity is the schema, see entities/); dialect differences are
 * TypeORM's (query builder, `orIgnore()`, `orUpdate()`), and the few that are not live here and nowhere else.
 */
export type Db = DataSource | EntityManager;

export function managerOf(db: Db): EntityManager {
  return db instanceof DataSource ? db.manager : db;
}

export function isMysql(db: Db): boolean {
  const type = (db instanceof DataSource ? db : db.connection).driver.options.type;
  return type === 'mysql' || type === 'mariadb';
}

export abstract class Room {
  constructor(protected readonly db: Db) {}
  protected get em(): EntityManager {
    return managerOf(this.db);
  }
  protected repo<T extends ObjectLiteral>(entity: EntitySchema<T> | EntityTarget<T>): Repository<T> {
    return this.em.getRepository(entity);
  }
  protected qb<T extends ObjectLiteral>(entity: EntitySchema<T> | EntityTarget<T>, alias: string): SelectQueryBuilder<T> {
    return this.em.getRepository(entity).createQueryBuilder(alias);
  }
  /** Rows affected by a query-builder write (insert … orIgnore, update, delete), on either driver. */
  protected async affected(qb: { getQueryAndParameters(): [string, any[]] }): Promise<number> {
    const [sql, params] = qb.getQueryAndParameters();
    return (await run(this.db, sql, params)).affected;
  }
  /** INSERT that silently skips a row whose unique key exists; true when this call inserted it (the claim). */
  protected async insertIgnore<T extends ObjectLiteral>(entity: EntitySchema<T> | EntityTarget<T>, row: Partial<T>): Promise<boolean> {
    const qb = this.em.createQueryBuilder().insert().into(entity).values(row as any).orIgnore();
    return (await this.affected(qb)) > 0;
  }
}

/**
 * Runs one statement and reports rows affected and the insert id, on either driver (TypeORM's structured QueryResult).
 * For raw SQL inside a room only, where it is the clearer tool; a comment there says why.
 */
export async function run(db: Db, sql: string, params: unknown[] = []): Promise<{ affected: number; insertId?: number; rows: any[] }> {
  const em = managerOf(db);
  if (em.queryRunner && !em.queryRunner.isReleased) return toResult(await em.queryRunner.query(sql, params, true));
  return withDeadlockRetry(async () => {
    const qr = em.connection.createQueryRunner();
    try {
      return toResult(await qr.query(sql, params, true));
    } finally {
      await qr.release();
    }
  });
}

function toResult(res: any): { affected: number; insertId?: number; rows: any[] } {
  const raw = res?.raw;
  const affected = res?.affected ?? raw?.affectedRows ?? raw?.changes ?? 0;
  const insertId = typeof raw === 'number' || typeof raw === 'bigint' ? raw : raw?.insertId ?? raw?.lastInsertRowid;
  return { affected: Number(affected), insertId: insertId === undefined ? undefined : Number(insertId), rows: Array.isArray(res?.records) ? res.records : Array.isArray(raw) ? raw : [] };
}

/**
 * A single autocommit statement that InnoDB picked as a deadlock victim is safe to run again ("try restarting
 * transaction"). Statements inside a transaction are never retried here: the whole transaction would have to be, and
 * `transaction()` below does that.
 */
export async function withDeadlockRetry<T>(fn: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err: any) {
      if (attempt >= attempts || !isDeadlock(err)) throw err;
      await new Promise((r) => setTimeout(r, 5 * attempt + Math.random() * 10));
    }
  }
}

export function isDeadlock(err: any): boolean {
  const code = err?.code ?? err?.driverError?.code;
  return code === 'ER_LOCK_DEADLOCK' || code === 'ER_LOCK_WAIT_TIMEOUT';
}

/** A transaction that is run again as a whole when MariaDB picks it as a deadlock victim. */
export function transaction<T>(ds: DataSource, fn: (tx: EntityManager) => Promise<T>): Promise<T> {
  return withDeadlockRetry(() => ds.transaction(fn));
}
