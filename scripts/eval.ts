/**
 * npm run eval [-- file.jsonl …] [--misses] [--json]
 * Scores the local classifier (no model) on the dev set and the labelled regression sets: area accuracy, major
 * recall, false major alarms (share of rows labelled not major that were flagged) and emergency detection, one
 * line per set and a total. The figures that count are on sets nobody tuned to (docs/major-hazards.md).
 * With file arguments only those files are scored. `npm run eval:classify` is the single-file report with the model.
 * `--time` adds the steady-state cost per report: the first set classified 20 times over after a warm-up.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { classifyLocal, evaluate, parseLabelledJsonl, type EvalResult, type LabelledRow } from '../src/services/classifier/index.js';
import { PROJECT_ROOT } from '../src/services/prompts.js';

const args = process.argv.slice(2);
const files = args.filter((a) => !a.startsWith('--'));
const showMisses = args.includes('--misses');
const asJson = args.includes('--json');
const timing = args.includes('--time');

const FIXTURES = path.resolve(PROJECT_ROOT, 'test/fixtures');
const fixture = (re: RegExp) => readdirSync(FIXTURES).filter((f) => re.test(f)).sort().map((f) => path.join(FIXTURES, f));
const DEFAULT_SETS: [string, string[]][] = [
  ['dev', [path.resolve(PROJECT_ROOT, '../shared/data/dev-hazards.jsonl')].filter((f) => existsSync(f))],
  ['holdout', [path.join(FIXTURES, 'hazards-holdout.jsonl')]],
  ['fresh', fixture(/^hazards-fresh2?-\d+\.jsonl$/)],
  ['majors-a', fixture(/^hazards-majors-a\.jsonl$/)],
  ['majors-b', fixture(/^hazards-majors-b\.jsonl$/)],
  ['majors-c', fixture(/^hazards-majors-c\.jsonl$/)],
  ['majors-d', fixture(/^hazards-majors-d\.jsonl$/)],
  ['majors-e', fixture(/^hazards-majors-e\.jsonl$/)],
  ['majors-f', fixture(/^hazards-majors-f\.jsonl$/)],
  ['majors-g', fixture(/^hazards-majors-g\.jsonl$/)],
  ['majors-h', fixture(/^hazards-majors-h\.jsonl$/)],
  ['majors-i', fixture(/^hazards-majors-i\.jsonl$/)],
  ['majors-j', fixture(/^hazards-majors-j\.jsonl$/)],
  ['majors-k', fixture(/^hazards-majors-k\.jsonl$/)],
  ['majors-l', fixture(/^hazards-majors-l\.jsonl$/)],
  ['majors-m', fixture(/^hazards-majors-m\.jsonl$/)],
  ['majors-n', fixture(/^hazards-majors-n\.jsonl$/)],
  ['majors-o', fixture(/^hazards-majors-o\.jsonl$/)],
  ['majors-p', fixture(/^hazards-majors-p\.jsonl$/)],
  ['majors-q', fixture(/^hazards-majors-q\.jsonl$/)],
  ['majors-r', fixture(/^hazards-majors-r\.jsonl$/)],
  ['majors-s', fixture(/^hazards-majors-s\.jsonl$/)],
  ['majors-t', fixture(/^hazards-majors-t\.jsonl$/)],
  ['majors-u', fixture(/^hazards-majors-u\.jsonl$/)],
  ['majors-v', fixture(/^hazards-majors-v\.jsonl$/)],
  ['majors-w', fixture(/^hazards-majors-w\.jsonl$/)],
  ['majors-x', fixture(/^hazards-majors-x\.jsonl$/)],
  ['majors-y', fixture(/^hazards-majors-y\.jsonl$/)],
  ['majors-z', fixture(/^hazards-majors-z\.jsonl$/)],
  ['majors-aa', fixture(/^hazards-majors-aa\.jsonl$/)],
  ['majors-ab', fixture(/^hazards-majors-ab\.jsonl$/)],
  ['majors-ac', fixture(/^hazards-majors-ac\.jsonl$/)],
  ['majors-ad', fixture(/^hazards-majors-ad\.jsonl$/)],
  ['majors-ae', fixture(/^hazards-majors-ae\.jsonl$/)],
  ['majors-af', fixture(/^hazards-majors-af\.jsonl$/)],
  ['majors-ag', fixture(/^hazards-majors-ag\.jsonl$/)],
  ['majors-ah', fixture(/^hazards-majors-ah\.jsonl$/)],
  ['majors-ai', fixture(/^hazards-majors-ai\.jsonl$/)],
  ['majors-aj', fixture(/^hazards-majors-aj\.jsonl$/)],
  ['majors-ak', fixture(/^hazards-majors-ak\.jsonl$/)],
  ['majors-al', fixture(/^hazards-majors-al\.jsonl$/)],
  ['majors-am', fixture(/^hazards-majors-am\.jsonl$/)],
  ['majors-an', fixture(/^hazards-majors-an\.jsonl$/)],
  ['majors-ao', fixture(/^hazards-majors-ao\.jsonl$/)],
  ['majors-ap', fixture(/^hazards-majors-ap\.jsonl$/)],
  ['majors-aq', fixture(/^hazards-majors-aq\.jsonl$/)],
  ['majors-ar', fixture(/^hazards-majors-ar\.jsonl$/)],
  ['majors-as', fixture(/^hazards-majors-as\.jsonl$/)],
  ['majors-at', fixture(/^hazards-majors-at\.jsonl$/)],
  ['majors-au', fixture(/^hazards-majors-au\.jsonl$/)],
  ['majors-av', fixture(/^hazards-majors-av\.jsonl$/)],
  ['majors-aw', fixture(/^hazards-majors-aw\.jsonl$/)],
  ['majors-ax', fixture(/^hazards-majors-ax\.jsonl$/)],
  ['majors-ay', fixture(/^hazards-majors-ay\.jsonl$/)],
  ['majors-az', fixture(/^hazards-majors-az\.jsonl$/)],
  ['majors-ba', fixture(/^hazards-majors-ba\.jsonl$/)],
  ['majors-bb', fixture(/^hazards-majors-bb\.jsonl$/)],
  ['majors-bc', fixture(/^hazards-majors-bc\.jsonl$/)],
  ['majors-own', fixture(/^hazards-majors-own\.jsonl$/)],
  ['english', fixture(/^english-(?:reports|majors)\.jsonl$/)],
];
const sets: [string, string[]][] = files.length ? files.map((f) => [path.basename(f, '.jsonl'), [f]]) : DEFAULT_SETS.filter(([, f]) => f.length > 0);

const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(6);
const ratio = (a: number, b: number) => `${a}/${b}`.padStart(7);

function line(name: string, r: EvalResult): string {
  const m = r.major;
  const e = r.emergency;
  const negatives = m.scored - m.tp - m.fn;
  return [
    name.padEnd(11),
    `领域 ${pct(r.areaAccuracy)} ${ratio(r.areaCorrect, r.total)}`,
    `重大召回 ${pct(m.recall)} ${ratio(m.tp, m.tp + m.fn)}`,
    `误报 ${pct(m.falseAlarmRate)} ${ratio(m.fp, negatives)}`,
    e.scored ? `紧急召回 ${pct(e.recall)} ${ratio(e.tp, e.tp + e.fn)} 误报 ${ratio(e.fp, e.scored - e.tp - e.fn)}` : '',
  ].join('  ');
}

for (const row of parseLabelledJsonl(readFileSync(sets[0][1][0], 'utf8')).slice(0, 20)) classifyLocal(row.text); // warm up
const results: [string, EvalResult][] = [];
const all: LabelledRow[] = [];
for (const [name, paths] of sets) {
  const rows = paths.flatMap((f) => parseLabelledJsonl(readFileSync(f, 'utf8')));
  all.push(...rows);
  results.push([name, await evaluate(rows, (text) => classifyLocal(text))]);
}
const total = await evaluate(all, (text) => classifyLocal(text));

/** Mean and p99 ms per report over PASSES passes of the first set (the dev set by default), after a warm-up pass. */
function timePerReport(passes = 20): { mean: number; p99: number; cpu: number } {
  const texts = parseLabelledJsonl(readFileSync(sets[0][1][0], 'utf8')).map((r) => r.text);
  for (const t of texts) classifyLocal(t);
  const times: number[] = [];
  // CPU time as well as wall time: on a loaded machine the wall clock mostly measures the other processes.
  const cpuStart = process.cpuUsage();
  for (let p = 0; p < passes; p += 1) {
    for (const t of texts) {
      const started = performance.now();
      classifyLocal(t);
      times.push(performance.now() - started);
    }
  }
  const cpu = process.cpuUsage(cpuStart);
  times.sort((a, b) => a - b);
  return {
    mean: times.reduce((a, b) => a + b, 0) / times.length,
    p99: times[Math.ceil(0.99 * times.length) - 1],
    cpu: (cpu.user + cpu.system) / 1000 / times.length,
  };
}

if (asJson) {
  process.stdout.write(`${JSON.stringify({ sets: Object.fromEntries(results), total }, null, 2)}\n`);
} else {
  const out = ['本地分类器（不用模型）。误报 = 标注为非重大却判为重大的条数 ÷ 标注为非重大的条数。', ''];
  for (const [name, r] of results) out.push(line(name, r));
  out.push(line('合计', total));
  if (showMisses) {
    for (const [name, r] of results) {
      if (!r.misses.length) continue;
      out.push('', `${name} 错误 ${r.misses.length} 条：`);
      for (const x of r.misses) {
        const major = x.major === null || x.major === x.flagged ? '' : ` 重大 期望${x.major ? '是' : '否'}`;
        const em = x.emergency === undefined ? '' : ` 紧急 期望${x.emergency ? '是' : '否'}/实际${x.emergencyGot ?? '无'}`;
        out.push(`  [${x.expected} → ${x.got} ${x.item}${major}${em}] ${x.text}`);
      }
    }
  }
  if (timing) {
    const t = timePerReport();
    out.push('', `耗时（${sets[0][0]}，20 遍）：平均 ${t.mean.toFixed(3)} ms/条，p99 ${t.p99.toFixed(3)} ms，CPU ${t.cpu.toFixed(3)} ms/条`);
  }
  process.stdout.write(`${out.join('\n')}\n`);
}
