import type { EntitySchemaColumnOptions } from 'typeorm';

/** Timestamps are epoch milliseconds in a BIGINT: identical on SQLite and MySQL, no timezone surprises. */
const msTransformer = {
  to: (v: number | null | undefined) => v,
  from: (v: string | number | null) => (v === null || v === undefined ? null : Number(v)),
};

export const pk: EntitySchemaColumnOptions = { type: 'integer', primary: true, generated: 'increment' };
export const ms = (nullable = false): EntitySchemaColumnOptions => ({ type: 'bigint', nullable, transformer: msTransformer });
export const int = (nullable = false): EntitySchemaColumnOptions => ({ type: 'integer', nullable });
export const str = (length: number, nullable = false): EntitySchemaColumnOptions => ({ type: 'varchar', length, nullable });
export const text = (nullable = true): EntitySchemaColumnOptions => ({ type: 'text', nullable });
export const bool = (): EntitySchemaColumnOptions => ({
  type: 'integer', default: 0, transformer: { to: (v: boolean) => (v ? 1 : 0), from: (v: number | string) => Number(v) === 1 },
});
