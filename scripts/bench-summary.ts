// npx tsx scripts/bench-summary.ts [--n 30] [--at <ISO time>]   (DATABASE_URL: a database seeded by `npm run seed:scale`)
// Times the city-wide /进度 computation (the service function, no HTTP) per period and prints p50/p95; the
// budget is 300 ms p95 for the figures. The chart (server-side PNG) and the whole message are timed apart.
import 'dotenv/config';
import { pathToFileURL } from 'node:url';
import { readConfig } from '../src/config';
import { openDataSource } from '../src/db/data-source';
import { seed } from '../src/db/repositories/seed.repository';
import { createLogger } from '../src/log/logger';
import { UnitDirectory } from '../src/services/org/units';
import { summaryFacts } from '../src/services/summary/facts';
import { summaryMessage } from '../src/services/summary/message';
import { periodOf, type PeriodKey } from '../src/services/summary/period';
import { renderSummaryChart } from '../src/services/summary/chart';

export interface SummaryBenchRow {
  name: string;
  n: number;
  p50: number;
  p95: number;
  max: number;
}

const PERIODS: PeriodKey[] = ['week', 'month', 'quarter', 'year'];
export const SUMMARY_P95_BUDGET_MS = 300;

function stats(name: string, samples: number[]): SummaryBenchRow {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
  return { name, n: s.length, p50: at(50), p95: at(95), max: s[s.length - 1] };
}

async function time(n: number, fn: () => Promise<unknown>): Promise<number[]> {
  await fn(); // warm-up: prepared statements, page cache, fonts
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out;
}

/** Runs the benchmark against `url`; `now` should be the seed's --at (default: the present). */
export async function benchSummary(url: string, opts: { n?: number; now?: number } = {}): Promise<SummaryBenchRow[]> {
  const n = opts.n ?? 30;
  const now = opts.now ?? Date.now();
  const ds = await openDataSource(url);
  try {
    const units = new UnitDirectory(ds);
    await units.refresh();
    const city = units.city();
    if (!city) throw new Error('no city unit: run the migrations and npm run seed:scale first');
    const h = await seed(ds).hazardCount();
    console.log(`${units.schoolsUnder(city).length} schools, ${h} hazards`);
    const rows: SummaryBenchRow[] = [];
    for (const key of PERIODS) {
      const period = periodOf(key, now);
      rows.push(stats(`facts ${key}`, await time(n, () => summaryFacts({ ds, units }, city, period, now))));
    }
    const facts = await summaryFacts({ ds, units }, city, periodOf('month', now), now);
    rows.push(stats('chart render', await time(Math.min(n, 10), () => renderSummaryChart(facts.chart))));
    const deps = { ds, units, config: { llm: undefined }, log: createLogger('silent') };
    rows.push(stats('message month', await time(Math.min(n, 10), () => summaryMessage(deps, city, periodOf('month', now), now))));
    return rows;
  } finally {
    await ds.destroy();
  }
}

export function printRows(rows: SummaryBenchRow[]): boolean {
  let ok = true;
  for (const r of rows) {
    const budget = r.name.startsWith('facts') ? (r.p95 < SUMMARY_P95_BUDGET_MS ? ' ok' : ' OVER BUDGET') : '';
    if (budget === ' OVER BUDGET') ok = false;
    console.log(`${r.name.padEnd(16)} n=${String(r.n).padEnd(4)} p50 ${r.p50.toFixed(1).padStart(7)} ms  p95 ${r.p95.toFixed(1).padStart(7)} ms  max ${r.max.toFixed(1).padStart(7)} ms${budget}`);
  }
  return ok;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const config = readConfig({ ...process.env, LOG_LEVEL: 'silent' });
  const rows = await benchSummary(config.DATABASE_URL, { n: Number(arg('n') ?? 30), now: arg('at') ? Date.parse(arg('at')!) : undefined });
  process.exitCode = printRows(rows) ? 0 : 1;
}
