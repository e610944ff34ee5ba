// Bounded concurrency for the summary's queries.

/**
 * Queries in flight at once. On MySQL two overlap well; more only contend for the same few cores (measured on a
 * 2-core host: p95 grew with 7 at once). SQLite's driver runs them one after another whatever this says.
 */
export const LANES = 2;

type Results<T extends readonly (() => Promise<unknown>)[]> = { -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> };

/** Runs the queries at most `n` at a time, in order; results in the order given. */
export async function inLanes<T extends readonly (() => Promise<unknown>)[]>(n: number, tasks: T): Promise<Results<T>> {
  const out: unknown[] = new Array(tasks.length);
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < tasks.length; i = next++) out[i] = await tasks[i]();
  };
  await Promise.all(Array.from({ length: Math.max(1, n) }, lane));
  return out as Results<T>;
}
