/**
 * npm run eval:classify -- <file.jsonl> [--json] [--local]
 * Area accuracy (answer = area or in alt), major recall/precision (rows with
 * major:null skipped; predicted major = major.flag, which includes suspected red
 * lines — the strict line counts 《指南》 matches only), per-area confusion and
 * p50/p99 ms per report. Uses the LLM when OPENAI_* is set, unless --local.
 */
import { readFileSync } from 'node:fs';
import { areas } from '../src/services/checklist/catalogue.js';
import {
  classifyLocal,
  createClassifier,
  evaluate,
  llmConfigFromEnv,
  parseLabelledJsonl,
  type EvalResult,
} from '../src/services/classifier/index.js';

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--'));
if (!file) {
  process.stderr.write('用法：npm run eval:classify -- <标注文件.jsonl> [--json] [--local]\n');
  process.exit(2);
}
const asJson = args.includes('--json');
const llm = args.includes('--local') ? undefined : llmConfigFromEnv();

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function confusionTable(result: EvalResult): string {
  const codes = areas.map((a) => a.code);
  const width = Math.max(...codes.map((c) => c.length)) + 1;
  const head = ['期望\\实际'.padEnd(width), ...codes.map((c) => c.slice(0, 5).padStart(6))].join('');
  const lines = codes
    .filter((c) => result.confusion[c])
    .map((c) => [c.padEnd(width), ...codes.map((p) => String(result.confusion[c]?.[p] ?? '·').padStart(6))].join(''));
  return [head, ...lines].join('\n');
}

function report(result: EvalResult): string {
  const m = result.major;
  const s = result.majorStrict;
  return [
    `样本 ${result.total} 条，来源：${llm ? `LLM（${llm.model}）+ 本地兜底` : '本地分类器'}`,
    `领域准确率：${pct(result.areaAccuracy)}（${result.areaCorrect}/${result.total}，答案为 area 或 alt 之一即算对）`,
    `重大隐患（${m.scored} 条参与评分，major 为 null 的不计）：召回率 ${pct(m.recall)}，精确率 ${pct(m.precision)}（TP ${m.tp} / FP ${m.fp} / FN ${m.fn}）`,
    `  说明：预测为重大 = major.flag，包括"疑似重大，需人工确认"的红线规则；只计《指南》条款时：召回率 ${pct(s.recall)}，精确率 ${pct(s.precision)}`,
    `耗时：p50 ${result.timing.p50.toFixed(3)} ms，p99 ${result.timing.p99.toFixed(3)} ms，平均 ${result.timing.mean.toFixed(3)} ms`,
    '',
    '各领域混淆（行 = 标注领域，列 = 分类结果）：',
    confusionTable(result),
    '',
    result.misses.length === 0 ? '全部正确。' : `错误 ${result.misses.length} 条：`,
    ...result.misses.map(
      (x) => `  [${x.expected} → ${x.got} ${x.item}${x.major === null ? '' : ` 重大 期望${x.major ? '是' : '否'}/实际${x.flagged ? '是' : '否'}`}] ${x.text}`,
    ),
  ].join('\n');
}

const rows = parseLabelledJsonl(readFileSync(file, 'utf8'));
// Load the segmenter, build the index and let the JIT settle before timing anything:
// the figures are meant to show steady-state cost per report, as in the running bot.
for (const row of rows) classifyLocal(row.text);
const classifier = createClassifier({ llm, logger: { warn: () => undefined } });
const result = await evaluate(rows, (text) => classifier.classify(text));
process.stdout.write(`${asJson ? JSON.stringify(result, null, 2) : report(result)}\n`);
