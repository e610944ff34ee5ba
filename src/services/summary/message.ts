// Facts → narrative → chart → one outgoing message; shared by /进度 and the Monday digest so both say the same.
import type { Config } from '../../config';
import type { Db } from '../../db/repositories/base';
import { summary } from '../../db/repositories/summary.repository';
import type { Logger } from '../../log/logger';
import type { Unit } from '../../../entities/unit.entity';
import type { OutgoingMessage } from '../outbox/outbox.types';
import { saveMedia } from '../media';
import { createHash } from 'node:crypto';
import { renderSummaryChart } from './chart';
import { summaryFacts, type FactsDeps, type SummaryFacts } from './facts';
import { writeNarrative, type NarrativeSource } from './narrative';
import { factLines, heading, summaryMarkdown, templateNarrative } from './texts';
import type { Period } from './period';

export interface SummaryDeps extends FactsDeps {
  config: Pick<Config, 'llm'>;
  log: Pick<Logger, 'warn'>;
}

export interface SummaryResult {
  body: OutgoingMessage;
  facts: SummaryFacts;
  narrative: NarrativeSource;
}

/**
 * The same chart drawn twice (two instances preparing one digest, a leader asking twice in a minute) is the
 * same bytes: reuse the stored picture rather than pile up copies.
 */
async function saveChart(db: Db, png: Buffer, unitId: number, now: number): Promise<number> {
  const sha = createHash('sha256').update(png).digest('hex');
  return (await summary(db).mediaIdOf(sha, png.length, unitId)) ?? saveMedia(db, png, 'image/png', unitId, now);
}

export async function summaryMessage(deps: SummaryDeps, unit: Unit, period: Period, now: number, opts: { digest?: boolean } = {}): Promise<SummaryResult> {
  const facts = await summaryFacts(deps, unit, period, now);
  const lines = factLines(facts);
  const chart = opts.digest ? { ...facts.chart, title: `${facts.name} · 安全周报（${period.range}）` } : facts.chart;
  const [narrative, png] = await Promise.all([
    writeNarrative(deps, { unit: facts.name, period: `${period.label}（${period.range}）`, facts: lines, template: templateNarrative(facts) }),
    renderSummaryChart(chart),
  ]);
  const mediaId = await saveChart(deps.ds, png, unit.id, now);
  const markdown = summaryMarkdown(facts, narrative.text, opts);
  const title = heading(facts, opts.digest).replace(/\*/g, '');
  return { body: { markdown, title, imageMediaIds: [mediaId] }, facts, narrative: narrative.source };
}
