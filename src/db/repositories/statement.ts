import type { EntityManager, EntityMetadata, ObjectLiteral } from 'typeorm';
import { managerOf, run, type Db } from './base';

type Built = { getQueryAndParameters(): [string, any[]]; setParameters(p: ObjectLiteral): unknown };

const mark = (name: string) => `\u0001${name}\u0001`;
const MARK = /^\u0001(.+)\u0001$/;

/**
 * A hot statement (the ack's insert, the outbox sender's per-row writes) written once with the query builder and
 * run many times with fresh values. Building a statement costs about as much as running it on SQLite, and SQLite's
 * driver writes numbers into the SQL text, so no statement would ever be reused from the prepared-statement cache.
 * The builder must take every value as a named parameter (`:name`, or `() => ':name'` in set/values, where a
 * column transformer would otherwise see the placeholder): the SQL is built once per database with a marker for
 * each name, and each run passes the values in the markers' order.
 */
export class Statement<P extends Record<string, unknown>> {
  private readonly built = new WeakMap<object, { sql: string; order: string[] }>();

  constructor(
    private readonly names: readonly (keyof P & string)[],
    private readonly build: (em: EntityManager) => Built,
  ) {}

  private compile(db: Db): { sql: string; order: string[] } {
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
      c = { sql, order };
      this.built.set(em.connection, c);
    }
    return c;
  }

  run(db: Db, values: P): Promise<{ affected: number; insertId?: number; rows: any[] }> {
    const { sql, order } = this.compile(db);
    return run(db, sql, order.map((n) => values[n]));
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
