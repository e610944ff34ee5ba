import { Room, type Db } from './base';

/** TypeORM's own bookkeeping: which migrations a database has applied (the doctor compares them with this build's). */
export class SchemaRepository extends Room {
  /** Applied migration names; empty when the database has no migrations table yet. */
  async appliedMigrations(): Promise<string[]> {
    const rows: { name: string }[] = await this.em.createQueryBuilder().select('m.name', 'name').from('migrations', 'm').getRawMany().catch(() => []);
    return rows.map((r) => String(r.name));
  }

  /** One round trip that touches no table (/healthz): raw, as there is nothing to build. */
  async ping(): Promise<void> {
    await this.em.query('SELECT 1');
  }
}

export const schema = (db: Db) => new SchemaRepository(db);
