import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata.js';
import { DataSource, type EntityManager, type EntityMetadata, type EntitySchema, type EntityTarget, type ObjectLiteral, type Repository, type SelectQueryBuilder } from 'typeorm';

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

const ONE_BY = new Map<string, Statement<Record<string, unknown>>>();

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
  /**
   * `findOneBy` for the hot lookups (a hazard by id, a member, a group by chat): the same row and the same entity,
   * with the SELECT built once per database and key set (Statement, below) instead of by the query builder on every
   * call. Only equality on non-null values; anything else goes through the repository.
   */
  protected async oneBy<T extends ObjectLiteral>(entity: EntitySchema<T>, where: Partial<T>): Promise<T | null> {
    const keys = Object.keys(where).sort();
    if (keys.some((k) => where[k] === null || where[k] === undefined || typeof where[k] === 'object')) return this.repo(entity).findOneBy(where as any);
    const name = entity.options.name;
    const id = `${name}\u0000${keys.join(',')}`;
    let st = ONE_BY.get(id);
    if (!st) {
      st = new Statement(keys, (em) => {
        const qb = em.getRepository(entity).createQueryBuilder('e');
        keys.forEach((k, i) => (i ? qb.andWhere(`e.${k} = :${k}`) : qb.where(`e.${k} = :${k}`)));
        return qb.limit(1);
      });
      ONE_BY.set(id, st);
    }
    const [row] = await st.entities<T>(this.db, where as Record<string, unknown>, entity, 'e');
    return row ?? null;
  }

  /** Rows affected by a query-builder write (insert … orIgnore, update, delete), on either driver. */
  protected async affected(qb: { getQueryAndParameters(): [string, any[]] }): Promise<number> {
    const [sql, params] = qb.getQueryAndParameters();
    return (await run(this.db, sql, params)).affected;
  }
  /**
   * A plain INSERT, returning the new id. Unlike `repository.insert`, it does not read the row back afterwards to fill
   * in defaults (a second statement per insert on the report path); callers pass every column they need.
   */
  protected async insertRow<T extends ObjectLiteral>(entity: EntitySchema<T> | EntityTarget<T>, row: Partial<T>): Promise<number> {
    const { insertId } = await insertRun(this.db, entity, row, false);
    if (insertId === undefined) throw new Error('insertRow: the database returned no id');
    return insertId;
  }

  /** INSERT that silently skips a row whose unique key exists; true when this call inserted it (the claim). */
  protected async insertIgnore<T extends ObjectLiteral>(entity: EntitySchema<T> | EntityTarget<T>, row: Partial<T>): Promise<boolean> {
    return (await insertRun(this.db, entity, row, true)).affected > 0;
  }
}

/**
 * Both inserts as a Statement per entity and column set (built once: the hazard, its event and the outbox row are
 * inserted on every report). Values go through the driver's `preparePersistentValue`, as the query builder's
 * `values()` would put them (column transformers, booleans); a row with an undefined value or a raw SQL function
 * is left to the query builder.
 */
async function insertRun<T extends ObjectLiteral>(db: Db, entity: EntitySchema<T> | EntityTarget<T>, row: Partial<T>, ignore: boolean) {
  const em = managerOf(db);
  const keys = Object.keys(row).sort();
  const columns = insertColumns(em, entity);
  if (keys.some((k) => row[k] === undefined || typeof row[k] === 'function' || !columns.has(k))) {
    const qb = em.createQueryBuilder().insert().into(entity).values(row as any).updateEntity(false);
    const [sql, params] = (ignore ? qb.orIgnore() : qb).getQueryAndParameters();
    return run(db, sql, params);
  }
  let byKeys = INSERTS.get(entity);
  if (!byKeys) INSERTS.set(entity, (byKeys = new Map()));
  const id = `${ignore ? 'ignore' : 'insert'}\u0000${keys.join(',')}`;
  let st = byKeys.get(id);
  if (!st) {
    st = new Statement(keys, (em) => {
      const qb = em.createQueryBuilder().insert().into(entity).values(Object.fromEntries(keys.map((k) => [k, () => `:${k}`])) as any).updateEntity(false);
      return ignore ? qb.orIgnore() : qb;
    });
    byKeys.set(id, st);
  }
  const driver = em.connection.driver;
  const values: Record<string, unknown> = {};
  for (const k of keys) values[k] = driver.preparePersistentValue(row[k], columns.get(k)!);
  return st.run(db, values);
}

const INSERTS = new Map<unknown, Map<string, Statement<Record<string, unknown>>>>();
const COLUMNS = new WeakMap<object, Map<unknown, Map<string, ColumnMetadata>>>();

/** An entity's columns by property name, per connection (metadata lookups are not free either). */
function insertColumns(em: EntityManager, entity: unknown): Map<string, ColumnMetadata> {
  let byEntity = COLUMNS.get(em.connection);
  if (!byEntity) COLUMNS.set(em.connection, (byEntity = new Map()));
  let cols = byEntity.get(entity);
  if (!cols) {
    cols = new Map(em.connection.getMetadata(entity as any).columns.filter((c) => !c.relationMetadata).map((c) => [c.propertyName, c]));
    byEntity.set(entity, cols);
  }
  return cols;
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

type Built = { getQueryAndParameters(): [string, any[]]; setParameters(p: ObjectLiteral): unknown };

const sqliteValue = (v: unknown) => (typeof v === 'number' && Number.isSafeInteger(v) ? BigInt(v) : v);

const mark = (name: string) => `\u0001${name}\u0001`;
const MARK = /^\u0001(.+)\u0001$/;

/**
 * A hot statement (the ack's insert, the outbox sender's per-row writes) written once with the query builder and
 * run many times with fresh values. Building a statement with the query builder costs about as much as running it on
 * SQLite (numbers are bound since sqlite-parameters.ts, so the prepared statement itself is reused either way).
 * The builder must take every value as a named parameter (`:name`, or `() => ':name'` in set/values, where a
 * column transformer would otherwise see the placeholder): the SQL is built once per database with a marker for
 * each name, and each run passes the values in the markers' order.
 */
export class Statement<P extends Record<string, unknown>> {
  private readonly built = new WeakMap<object, { sql: string; order: string[]; sqlite: boolean }>();

  constructor(
    private readonly names: readonly (keyof P & string)[],
    private readonly build: (em: EntityManager) => Built,
  ) {}

  private compile(db: Db): { sql: string; order: string[]; sqlite: boolean } {
    const em = managerOf(db);
    let c = this.built.get(em.connection);
    if (!c) {
      const qb = this.build(em);
      qb.setParameters(Object.fromEntries(this.names.map((n) => [n, mark(n)])));
      const [sql, params] = qb.getQueryAndParameters();
      const order = params.map((p) => {
        const m = typeof p === 'string' ? MARK.exec(p) : null;
        if (!m) throw new Error(`Statement: a value is not a named parameter (${String(p)}) in ${sql}`);
        return m[1];
      });
      c = { sql, order, sqlite: !isMysql(em) };
      this.built.set(em.connection, c);
    }
    return c;
  }

  run(db: Db, values: P): Promise<{ affected: number; insertId?: number; rows: any[] }> {
    const { sql, order, sqlite } = this.compile(db);
    // Integers bound as SQLite INTEGER, as sqlite-parameters.ts binds the query builder's (a double would be stored
    // in a text column as "123.0").
    return run(db, sql, order.map(sqlite ? (n) => sqliteValue(values[n]) : (n) => values[n]));
  }

  /** A SELECT of whole entities (`select alias.*` as the query builder writes it), hydrated through the entity's own column transformers. */
  async entities<T>(db: Db, values: P, entity: { options: { name: string } } | string, alias: string): Promise<T[]> {
    const em = managerOf(db);
    const meta: EntityMetadata = em.connection.getMetadata(entity as any);
    const { rows } = await this.run(db, values);
    const driver = em.connection.driver;
    return rows.map((r) => {
      const out: Record<string, unknown> = {};
      for (const col of meta.columns) {
        const key = `${alias}_${col.databaseName}`;
        if (key in r) out[col.propertyName] = driver.prepareHydratedValue(r[key], col);
      }
      return out as T;
    });
  }
}

/**
 * The claiming UPDATE both queues share: the `due` rows (a SELECT of ids, oldest first, limited) move from status
 * `:${from}` to `:${to}` for `:token` at `:now`, one attempt more. The ids sit in a derived table, as MariaDB neither
 * takes LIMIT in an IN subquery nor reads the table it updates.
 */
export function claimDue(em: EntityManager, entity: EntityTarget<ObjectLiteral>, from: string, to: string, due: SelectQueryBuilder<ObjectLiteral>) {
  return em.createQueryBuilder().update(entity)
    .set({ status: () => `:${to}`, claimedBy: () => ':token', claimedAt: () => ':now', attempts: () => 'attempts + 1' })
    .where(`status = :${from}`)
    .andWhere(`id IN (SELECT id FROM (${due.getQuery()}) AS due)`);
}
