/**
 * npm run classify < reports.txt
 * One report per stdin line (plain text, or JSON with a `text` field); prints one JSON
 * object per line. Uses OPENAI_API_KEY / OPENAI_BASE_URL / OPENAI_MODEL /
 * OPENAI_TIMEOUT_MS when set, otherwise the local classifier only.
 */
import { createInterface } from 'node:readline';
import { getArea, getItem, riskLabels } from '../src/services/checklist/catalogue.js';
import { createClassifier, llmConfigFromEnv, type Classification } from '../src/services/classifier/index.js';

function reportText(line: string): string {
  const trimmed = line.trim();
  if (!trimmed.startsWith('{')) return trimmed;
  try {
    const parsed: unknown = JSON.parse(trimmed);
    if (parsed && typeof parsed === 'object' && typeof (parsed as { text?: unknown }).text === 'string') {
      return (parsed as { text: string }).text;
    }
  } catch {
    // not JSON after all: classify the line as written
  }
  return trimmed;
}

function render(text: string, c: Classification): string {
  return JSON.stringify({
    text,
    area: c.area,
    areaName: getArea(c.area)?.name,
    item: c.item,
    itemTitle: getItem(c.item)?.title,
    risk: c.risk,
    riskLabel: riskLabels[c.risk].label,
    major: c.major.flag,
    majorSuspected: c.major.suspected ?? false,
    majorCriterion: c.major.criterion,
    majorCitation: c.major.citation,
    location: c.location,
    confidence: c.confidence,
    isHazardLike: c.isHazardLike,
    source: c.source,
    candidates: c.candidates,
  });
}

const llm = llmConfigFromEnv();
if (process.env.OPENAI_API_KEY && !llm) process.stderr.write('未设置 OPENAI_MODEL，只使用本地分类。\n');
const classifier = createClassifier({
  llm,
  logger: { warn: (obj, msg) => process.stderr.write(`${msg ?? ''} ${JSON.stringify(obj)}\n`) },
});

for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
  const text = reportText(line);
  if (!text) continue;
  process.stdout.write(`${render(text, await classifier.classify(text))}\n`);
}
