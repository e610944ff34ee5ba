// A question in, one chat answer out: tell it from a report, translate it (model if configured, else or on any
// failure the local parser), compute it inside the asker's scope, and render it with a chart for a series.
import type { Config } from '../../config';
import type { Db } from '../../db/repositories/base';
import type { Logger } from '../../log/logger';
import type { Member } from '../../../entities/member.entity';
import type { Unit } from '../../../entities/unit.entity';
import type { OutgoingMessage } from '../outbox/outbox.types';
import { saveMedia } from '../media';
import { renderSummaryChart } from '../summary/chart';
import { homeScope } from '../summary/scope';
import { ROLE_LABEL } from '../org/roles';
import { runQuery, type AskDeps } from './execute';
import { parseQuestion, looksLikeQuestion } from './parse';
import { translateWithModel } from './model';
import { describeQuery } from './describe';
import { answerMarkdown, ASK_TEXT } from './texts';
import type { AskQuery } from './query';

export interface AskServiceDeps extends AskDeps {
  ds: AskDeps['ds'] & Db;
  config: Pick<Config, 'llm'>;
  log: Pick<Logger, 'warn'>;
}

export interface AskInput {
  text: string;
  member: Member | null;
  groupUnit: Unit | null;
  now: number;
  /** /问: the text is a question whatever it looks like. */
  force?: boolean;
}

export interface AskOutcome {
  body: OutgoingMessage;
  query: AskQuery | null;
  source: 'model' | 'local' | 'none';
}

export { looksLikeQuestion };

/** null when the text is not a question (so it can be a report); otherwise the answer to send. */
export async function ask(deps: AskServiceDeps, input: AskInput): Promise<AskOutcome | null> {
  const { units } = deps;
  const home = input.member ? homeScope(units, input.member) : undefined;
  const local = parseQuestion(input.text, { units, home, now: input.now }, { force: input.force });
  if (!local.question && !input.force) return null;

  let query = local.query;
  let source: AskOutcome['source'] = 'local';
  if (deps.config.llm) {
    const asker = input.member ? `${ROLE_LABEL[input.member.role]}@${units.get(input.member.unitId)?.name ?? ''}` : '未登记';
    const m = await translateWithModel(deps, { text: input.text, asker, home, units, now: input.now });
    if (m.ok && m.query) {
      query = m.query;
      source = 'model';
    }
  }
  if (!query) return { body: { markdown: ASK_TEXT.usage }, query: null, source: 'none' };
  if (input.force && !local.question && source === 'local') {
    // Asked with /问 but nothing in it reads as a question: say so and offer the nearest one we can run.
    return { body: { markdown: ASK_TEXT.notUnderstood(input.text.trim().slice(0, 40), describeQuery(query)) }, query, source: 'none' };
  }
  if (!query.unit && local.ambiguous.length) return { body: { markdown: ASK_TEXT.ambiguous(local.ambiguous) }, query, source };

  const result = await runQuery(deps, { query, member: input.member, groupUnit: input.groupUnit, now: input.now });
  const { markdown, title } = answerMarkdown(result);
  const body: OutgoingMessage = { markdown, title };
  if (result.series.length > 1 && query.measure !== 'closure_rate') {
    const png = await renderSummaryChart({
      title: `${result.scopeName} · ${title}`,
      openByArea: [],
      weekly: result.series.map((s, i) => ({ week: s.label, reported: s.value, closed: result.closedSeries[i] ?? 0 })),
    });
    body.imageMediaIds = [await saveMedia(deps.ds, png, 'image/png', result.scope.id, input.now)];
  }
  return { body, query, source };
}
