import { Table, TableIndex, TableUnique, type QueryRunner, type TableColumnOptions } from 'typeorm';

/** Column shorthands so every migration runs unchanged on SQLite and MySQL/MariaDB. */
export const col = {
  pk: (name = 'id'): TableColumnOptions => ({ name, type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' }),
  int: (name: string, nullable = false, dflt?: number): TableColumnOptions => ({ name, type: 'integer', isNullable: nullable, default: dflt }),
  ms: (name: string, nullable = false): TableColumnOptions => ({ name, type: 'bigint', isNullable: nullable }),
  str: (name: string, length: number, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isNullable: nullable }),
  text: (name: string, nullable = true): TableColumnOptions => ({ name, type: 'text', isNullable: nullable }),
};

export function isMysql(qr: QueryRunner): boolean {
  return qr.connection.driver.options.type === 'mysql' || qr.connection.driver.options.type === 'mariadb';
}

/** Large binary: LONGBLOB on MySQL (BLOB stops at 64 KiB), BLOB on SQLite. */
export function blob(qr: QueryRunner, name: string): TableColumnOptions {
  return { name, type: isMysql(qr) ? 'longblob' : 'blob', isNullable: false };
}

/** Long text: LONGTEXT on MySQL (TEXT stops at 64 KiB). */
export function longText(qr: QueryRunner, name: string, nullable = true): TableColumnOptions {
  return { name, type: isMysql(qr) ? 'longtext' : 'text', isNullable: nullable };
}

export async function create(
  qr: QueryRunner,
  name: string,
  columns: TableColumnOptions[],
  opts: { uniques?: [string, string[]][]; indices?: [string, string[]][] } = {},
): Promise<void> {
  const mysql = isMysql(qr);
  const cols = columns.map((c) => (mysql && (c.type === 'varchar' || c.type === 'text' || c.type === 'longtext') ? { ...c, charset: 'utf8mb4', collation: 'utf8mb4_unicode_ci' } : c));
  await qr.createTable(
    new Table({
      name,
      columns: cols,
      uniques: (opts.uniques ?? []).map(([n, c]) => new TableUnique({ name: n, columnNames: c })),
      indices: (opts.indices ?? []).map(([n, c]) => new TableIndex({ name: n, columnNames: c })),
      engine: mysql ? 'InnoDB' : undefined,
    }),
    true,
  );
}
