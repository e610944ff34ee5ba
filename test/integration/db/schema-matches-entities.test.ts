import { describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { dbTargets, withMigratedDb } from '../../helpers/db';

/**
 * The entities are the schema: after every migration has run, each entity's table exists with exactly the entity's
 * columns (name, nullability, type family, length of varchars, primary key), and no table the code writes to is
 * missing an entity. A column added in a migration but not in the entity (or the other way round) fails here.
 */
const targets = await dbTargets();

/** Type families that compare across the two dialects and TypeORM's spelling of them. */
function family(type: string): string {
  const t = type.toLowerCase();
  if (/^(int|integer|bigint|tinyint|smallint)$/.test(t)) return t === 'bigint' ? 'bigint' : 'integer';
  if (/^(varchar|character varying|nvarchar)$/.test(t)) return 'varchar';
  if (/text$/.test(t)) return 'text';
  if (/blob$/.test(t)) return 'blob';
  return t;
}

/** Tables that belong to TypeORM itself. */
const ORM_TABLES = new Set(['migrations', 'typeorm_metadata', 'sqlite_sequence']);

describe.each(targets)('migrated schema equals entity metadata ($name)', (target) => {
  let ds: DataSource;
  withMigratedDb(target, (opened) => {
    ds = opened;
  });

  it('every table has an entity and every entity a table', async () => {
    const rows: { name: string }[] = await ds.query(
      target.name === 'mysql'
        ? `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()`
        : `SELECT name FROM sqlite_master WHERE type = 'table'`,
    );
    const tables = rows.map((r) => r.name).filter((n) => !ORM_TABLES.has(n));
    const entityTables = ds.entityMetadatas.map((m) => m.tableName);
    expect([...tables].sort()).toEqual([...entityTables].sort());
  });

  it('columns agree in name, nullability, type and length', async () => {
    const qr = ds.createQueryRunner();
    const problems: string[] = [];
    try {
      for (const meta of ds.entityMetadatas) {
        const table = await qr.getTable(meta.tableName);
        if (!table) {
          problems.push(`${meta.tableName}: no table`);
          continue;
        }
        const dbCols = new Map(table.columns.map((c) => [c.name, c]));
        for (const col of meta.columns) {
          const c = dbCols.get(col.databaseName);
          if (!c) {
            problems.push(`${meta.tableName}.${col.databaseName}: in the entity, not in the table`);
            continue;
          }
          dbCols.delete(col.databaseName);
          const want = family(String(col.type === Number ? 'integer' : col.type === String ? 'varchar' : col.type));
          if (family(c.type) !== want) problems.push(`${meta.tableName}.${col.databaseName}: entity ${want}, table ${c.type}`);
          if (c.isNullable !== col.isNullable) problems.push(`${meta.tableName}.${col.databaseName}: entity nullable=${col.isNullable}, table ${c.isNullable}`);
          if (want === 'varchar' && col.length && String(c.length) !== String(col.length)) problems.push(`${meta.tableName}.${col.databaseName}: entity varchar(${col.length}), table varchar(${c.length})`);
          if (c.isPrimary !== col.isPrimary) problems.push(`${meta.tableName}.${col.databaseName}: primary key differs`);
        }
        for (const name of dbCols.keys()) problems.push(`${meta.tableName}.${name}: in the table, not in the entity`);
      }
    } finally {
      await qr.release();
    }
    expect(problems).toEqual([]);
  });
});
