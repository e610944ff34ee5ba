// npm run eval:ask -- <file.jsonl> [--at 2026-12-03T10:00:00+08:00] [--misses]
// Exact-match and per-slot accuracy of the local question parser on a labelled set.
import { readFileSync } from 'node:fs';
import { evaluateAsk, parseQuestionsJsonl } from '../src/services/ask/evaluate';

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--') && args[args.indexOf(a) - 1] !== '--at');
if (!file) {
  console.error('用法：npm run eval:ask -- <file.jsonl> [--at 2026-12-03T10:00:00+08:00] [--misses]');
  process.exit(2);
}
const atArg = args.includes('--at') ? args[args.indexOf('--at') + 1] : undefined;
// The labelled sets were written on 2026-12-03: "本月" means 2026-12 there, whatever today is.
const now = Date.parse(atArg ?? '2026-12-03T10:00:00+08:00');
if (Number.isNaN(now)) {
  console.error(`--at: not a date: ${atArg}`);
  process.exit(2);
}
const rows = parseQuestionsJsonl(readFileSync(file, 'utf8'));
const r = evaluateAsk(rows, now);
const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1)}%` : '—');
console.log(`${file}: ${r.total} rows (${r.questions} questions, ${r.total - r.questions} not questions)`);
console.log(`exact match        ${pct(r.exact, r.total)}  (${r.exact}/${r.total})`);
console.log(`question detection ${pct(r.detection, r.total)}  (${r.detection}/${r.total})`);
console.log('per slot (labelled questions):');
for (const [slot, n] of Object.entries(r.perSlot)) console.log(`  ${slot.padEnd(11)} ${pct(n, r.slotRows[slot] ?? r.questions)}`);
if (args.includes('--misses')) {
  for (const m of r.misses) {
    const show = (q: unknown) => (q ? JSON.stringify(Object.fromEntries(Object.entries(q).filter(([, v]) => v !== null))) : 'null');
    console.log(`\n✗ ${m.q}  [${m.slots.join(',')}]\n  want ${show(m.expected)}\n  got  ${show(m.got)}`);
  }
}
