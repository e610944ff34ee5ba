// npx tsx scripts/bench-ask.ts [--n 3] [--at <ISO time>]   (DATABASE_URL: a database seeded by `npm run seed:scale`)
// Times whole answers to plain-word questions (parse → ledger → reply text, and the chart for a series) on the
// city-sized world, asked by the city, the largest district and a school, and prints p50/p95 beside the
// city-wide /进度 figures timed in the same run. Budget: 300 ms p95.
import 'dotenv/config';
import { readFileSync } from 'node:fs';
import { readConfig } from '../src/config';
import { openDataSource } from '../src/db/data-source';
import { createLogger } from '../src/log/logger';
import { UnitDirectory } from '../src/services/org/units';
import { summaryFacts } from '../src/services/summary/facts';
import { periodOf } from '../src/services/summary/period';
import { ask } from '../src/services/ask/ask.service';
import { parseQuestionsJsonl } from '../src/services/ask/evaluate';
import { askLedger } from '../src/services/ask/ledger';
import type { Member } from '../entities/member.entity';
import type { Role } from '../entities/member.entity';

export const ASK_P95_BUDGET_MS = 300;

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const N = Number(arg('n') ?? 3);
const NOW = arg('at') ? Date.parse(arg('at')!) : Date.now();

function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
  return { n: s.length, p50: at(50), p95: at(95), max: s[s.length - 1] };
}

const config = readConfig({ ...process.env, LOG_LEVEL: 'silent' });
const ds = await openDataSource(config.DATABASE_URL);
try {
  const units = new UnitDirectory(ds);
  await units.refresh();
  const city = units.city()!;
  const jinjiang = units.byName('晋江市教育局')!;
  const school = units.schoolsUnder(jinjiang)[0];
  const member = (role: Role, unitId: number): Member => ({ id: 0, platform: 'local', userId: 'bench', name: 'bench', role, unitId, mobile: null, grid: null, createdAt: 0, updatedAt: 0 });
  const askers = [
    { name: 'city', member: member('city_admin', city.id), group: city },
    { name: 'district', member: member('district_admin', jinjiang.id), group: jinjiang },
    { name: 'school', member: member('principal', school.id), group: school },
  ];
  // The shipped questions that name no school (the seeded world has numbered schools, not 东海中学).
  const questions = parseQuestionsJsonl(readFileSync('test/fixtures/questions.jsonl', 'utf8'))
    .filter((r) => r.query && (!r.query.unit || r.query.unit.endsWith('教育局')))
    .map((r) => r.q);
  const deps = { ds, units, config: { llm: undefined }, log: createLogger('silent') };
  const h = await askLedger(ds).total();
  console.log(`${units.schoolsUnder(city).length} schools, ${h} hazards; ${questions.length} questions × ${askers.length} askers × ${N}`);

  const reference: number[] = [];
  for (let i = 0; i <= N * 5; i++) {
    const t0 = performance.now();
    await summaryFacts({ ds, units }, city, periodOf('month', NOW), NOW);
    if (i) reference.push(performance.now() - t0);
  }
  let worst = 0;
  for (const a of askers) {
    const samples: number[] = [];
    const slow: [number, string][] = [];
    let refused = 0;
    for (const q of questions) {
      for (let i = 0; i <= N; i++) {
        const t0 = performance.now();
        try {
          await ask(deps, { text: q, member: a.member, groupUnit: a.group, now: NOW, force: true });
        } catch (err: any) {
          if (err?.name !== 'UserError' && !/UserError/.test(err?.constructor?.name ?? '')) throw err;
          if (!i) refused++; // a refusal (outside the scope) is an answer too
        }
        if (i) samples.push(performance.now() - t0);
        if (i) slow.push([performance.now() - t0, q]);
      }
    }
    const s = stats(samples);
    if (process.argv.includes('--slowest')) for (const [ms, q] of slow.sort((x, y) => y[0] - x[0]).slice(0, 8)) console.log(`  ${ms.toFixed(0).padStart(6)} ms  ${q}`);
    worst = Math.max(worst, s.p95);
    console.log(`ask as ${a.name.padEnd(8)} n=${String(s.n).padEnd(4)} p50 ${s.p50.toFixed(1).padStart(7)} ms  p95 ${s.p95.toFixed(1).padStart(7)} ms  max ${s.max.toFixed(1).padStart(7)} ms${refused ? `  (${refused} refused: outside the scope)` : ''}`);
  }
  const r = stats(reference);
  console.log(`reference: /进度 city month facts p50 ${r.p50.toFixed(1)} ms  p95 ${r.p95.toFixed(1)} ms`);
  console.log(`ask p95 ${worst.toFixed(1)} ms (budget ${ASK_P95_BUDGET_MS} ms)${worst < ASK_P95_BUDGET_MS ? ' ok' : ' OVER BUDGET'}`);
  process.exitCode = worst < ASK_P95_BUDGET_MS ? 0 : 1;
} finally {
  await ds.destroy();
}
