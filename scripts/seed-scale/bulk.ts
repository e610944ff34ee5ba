import type { DataSource } from 'typeorm';

/**
 * Multi-row INSERTs, ROWS_PER_STATEMENT rows each, committed every ROWS_PER_TRANSACTION rows: one round trip per
 * few hundred rows instead of one per row, and no transaction so large that MariaDB's undo log balloons.
 */
const ROWS_PER_STATEMENT = 500;
const ROWS_PER_TRANSACTION = 20_000;

export async function insertRows(ds: DataSource, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  const qr = ds.createQueryRunner();
  await qr.connect();
  try {
    for (let t = 0; t < rows.length; t += ROWS_PER_TRANSACTION) {
      await qr.startTransaction();
      try {
        const batch = rows.slice(t, t + ROWS_PER_TRANSACTION);
        for (let i = 0; i < batch.length; i += ROWS_PER_STATEMENT) {
          const chunk = batch.slice(i, i + ROWS_PER_STATEMENT);
          const one = `(${columns.map(() => '?').join(',')})`;
          await qr.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${chunk.map(() => one).join(',')}`, chunk.flat());
        }
        await qr.commitTransaction();
      } catch (err) {
        await qr.rollbackTransaction();
        throw err;
      }
    }
  } finally {
    await qr.release();
  }
}

/** A small seeded PRNG (mulberry32): the same seed gives the same city, so benchmark runs compare. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Picks a key with probability proportional to its weight. */
export function weighted<K extends string>(rand: () => number, weights: Record<K, number>): K {
  const entries = Object.entries(weights) as [K, number][];
  const total = entries.reduce((s, [, w]) => s + w, 0);
  let x = rand() * total;
  for (const [k, w] of entries) if ((x -= w) < 0) return k;
  return entries[entries.length - 1][0];
}
