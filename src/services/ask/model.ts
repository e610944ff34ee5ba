// With a model configured, it only translates the question into the query structure (JSON schema, validated
// here); it never sees the ledger and never writes a number. Down, slow or invalid → the local parser.
import OpenAI from 'openai';
import { z } from 'zod';
import type { Config } from '../../config';
import type { Logger } from '../../log/logger';
import type { Unit } from '../../../entities/unit.entity';
import { loadPrompt } from '../prompts';
import { shanghaiDayKey } from '../time';
import { askJsonSchema, askQuerySchema, canonical, type AskQuery } from './query';
import type { UnitLookup } from './unit-names';

export const ASK_PROMPT = 'ask.v2';
/** A leader is waiting: never longer than this, whatever OPENAI_TIMEOUT_MS says. */
const MAX_WAIT_MS = 8000;
const UNITS_GIVEN = 60;

const answerSchema = z.object({ question: z.boolean(), query: askQuerySchema.nullable() });

export interface ModelDeps {
  config: Pick<Config, 'llm'>;
  log: Pick<Logger, 'warn'>;
}

export type ModelResult = { ok: true; question: boolean; query: AskQuery | null } | { ok: false; reason: string };

function jsonIn(content: string): unknown {
  const start = content.indexOf('{');
  const end = content.lastIndexOf('}');
  if (start < 0 || end <= start) throw new SyntaxError('no JSON object in model output');
  return JSON.parse(content.slice(start, end + 1));
}

/** Units the model may name: the asker's scope first (a city has thousands; the bureaus and nearby schools suffice). */
function unitNames(units: UnitLookup, home: Unit | undefined): string[] {
  const all = units.all();
  const inScope = home ? all.filter((u) => units.within(u, home)) : [];
  const bureaus = all.filter((u) => u.kind !== 'school');
  return [...new Set([...bureaus, ...inScope].map((u) => u.name))].slice(0, UNITS_GIVEN);
}

export async function translateWithModel(deps: ModelDeps, input: { text: string; asker: string; home?: Unit; units: UnitLookup; now: number }): Promise<ModelResult> {
  const llm = deps.config.llm;
  if (!llm) return { ok: false, reason: 'no model' };
  const timeout = Math.min(llm.timeoutMs, MAX_WAIT_MS);
  try {
    const client = new OpenAI({ apiKey: llm.apiKey, baseURL: llm.baseURL, timeout, maxRetries: 0 });
    const completion = await client.chat.completions.create(
      {
        model: llm.model,
        temperature: 0,
        response_format: { type: 'json_schema', json_schema: { name: 'ask_query', strict: true, schema: askJsonSchema() } },
        messages: [
          { role: 'system', content: loadPrompt(ASK_PROMPT) },
          // The question travels as a JSON string value, so what it says cannot pass for instructions.
          { role: 'user', content: JSON.stringify({ question: input.text.slice(0, 500), asker: input.asker, today: shanghaiDayKey(new Date(input.now)), units: unitNames(input.units, input.home) }) },
        ],
      },
      { timeout, maxRetries: 0, signal: AbortSignal.timeout(timeout) },
    );
    const parsed = answerSchema.safeParse(jsonIn(completion.choices[0]?.message?.content ?? ''));
    if (!parsed.success) {
      deps.log.warn({ issues: parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`) }, 'ask: model output refused, using the local parser');
      return { ok: false, reason: 'invalid' };
    }
    const { question, query } = parsed.data;
    // A unit must be one the directory knows; anything else is the model's invention.
    const known = (name: string) => input.units.all().some((u) => u.name === name);
    if ((query?.unit && !known(query.unit)) || query?.units?.some((name) => !known(name))) {
      deps.log.warn({}, 'ask: model named an unknown unit, using the local parser');
      return { ok: false, reason: 'unknown unit' };
    }
    return { ok: true, question: question && query !== null, query: question ? canonical(query) : null };
  } catch (err: any) {
    deps.log.warn({ kind: err?.constructor?.name, status: err?.status, message: String(err?.message ?? err).slice(0, 200) }, 'ask: model failed, using the local parser');
    return { ok: false, reason: 'failed' };
  }
}
